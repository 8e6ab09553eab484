import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary, LedgerImporter } from '@district/ledger';
import { importInto, SHANGJIE, startWithRegionTree, testCallers, type GraphQLResult } from '@district/testkit';
import type { Caller } from '@district/common';
import { ledgers, socialOrganizations } from '../src/module';

/** Our subgraph beside a workforce holding Shangjie's region tree; ours on a copy of the Shangjie template unless `empty`. */
export async function startSocialGraph(opts: { empty?: boolean; figureCache?: boolean } = {}) {
  const g = await startWithRegionTree(socialOrganizations, { shangjie: !opts.empty, figureCache: opts.figureCache });
  return {
    ...g,
    /** posts to our subgraph as the gateway would, signed for the caller (an administrator by default) */
    query: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = testCallers.admin) =>
      g.sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>,
    /** imports one of our ledgers (the Shangjie copy of its file by default), checking references against the tree's owner */
    importFile: (importer: LedgerImporter, path = join(SHANGJIE, importer.spec.file), o: { district?: string; overwrite?: boolean } = {}) =>
      importInto(g.sg, importer, { ...o, regionTree: g.regionTree }, path),
    /** imports every ledger of ours Shangjie holds, in the declared order */
    async importAll(o: { district?: string; overwrite?: boolean } = {}): Promise<ImportSummary[]> {
      const out: ImportSummary[] = [];
      for (const importer of ledgers.filter((l) => existsSync(join(SHANGJIE, l.spec.file))))
        out.push(await importInto(g.sg, importer, { ...o, regionTree: g.regionTree }, join(SHANGJIE, importer.spec.file)));
      return out;
    },
  };
}

export type SocialGraph = Awaited<ReturnType<typeof startSocialGraph>>;

/** The Region entity as the gateway asks for it: a representation by code. */
export const regionReps = (codes: string[]) => codes.map((code) => ({ __typename: 'Region', code }));

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

export const department = testCallers.department('social-organizations');

export const codeOf = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;

export { testCreditCode } from '@district/testkit';

/** A value of one figure at a node, as an analyst asks it. */
export async function figure(g: SocialGraph, code: string, field: string): Promise<number> {
  const res = await g.query(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { socialOrganizations { f: ${field} { value } } } } }`,
    { r: regionReps([code]) },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].socialOrganizations.f.value;
}
