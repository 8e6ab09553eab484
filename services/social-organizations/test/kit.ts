import { join } from 'node:path';
import { importLedgerFile, LedgerImportError, todayInChina, type Caller, type LedgerImporter } from '@district/common';
import { startTestSubgraph, subgraphRequest, testCallers } from '../../common/src/testing';
import { SHANGJIE, startRegionTree } from '../../workforce/test/kit';
import { socialOrganizations } from '../src/module';
import { ledgers } from '../src/ledgers';

export { DATASETS, expected as EXPECTED, type Subgraph } from '../../workforce/test/kit';
export const DISTRICT = '410106000000';

/**
 * The workforce subgraph with the Shangjie region tree, and ours on its own database with every
 * social ledger imported.
 */
export async function startSocialGraph() {
  const { workforce: wf, references } = await startRegionTree();
  const today = todayInChina();
  const sg = await startTestSubgraph(socialOrganizations, { regionTreeUrl: wf.url });
  const importFile = (importer: LedgerImporter, path: string) =>
    importLedgerFile(importer, path, { databaseUrl: sg.databaseUrl, references, today });
  const importAll = async () => {
    const out = [];
    for (const importer of ledgers) {
      out.push(
        await importFile(importer, join(SHANGJIE, importer.spec.file)).catch((e) => {
          // name the defects, so a failing suite says which rows
          if (e instanceof LedgerImportError) throw new Error(`${e.message}: ${JSON.stringify(e.defects.slice(0, 10))}`);
          throw e;
        }),
      );
    }
    return out;
  };
  const summaries = await importAll();
  return {
    wf,
    sg,
    summaries,
    importFile,
    importAll,
    /** posts to our subgraph as the gateway would, signed for the given caller */
    async query<T = any>(query: string, variables: Record<string, unknown> = {}, caller: Caller = testCallers.admin) {
      return subgraphRequest<T>(sg.url, query, variables, caller);
    },
    async close() {
      await sg.close();
      await wf.close();
    },
  };
}

export type SocialGraph = Awaited<ReturnType<typeof startSocialGraph>>;

/** The Region entity as the gateway asks for it: a representation by code. */
export const REGION_ENTITIES = `query($codes: [_Any!]!, $year: Int!) { _entities(representations: $codes) { ... on Region { code socialOrganizations { ...F } } } }`;
export const regionReps = (codes: string[]) => codes.map((code) => ({ __typename: 'Region', code }));
