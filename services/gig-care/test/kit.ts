import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary, LedgerImporter } from '@district/ledger';
import {
  importInto,
  SHANGJIE,
  startWithRegionTree,
  subgraphRequest,
  testCallers,
  type Subgraph,
  type TestSubgraphOptions,
} from '@district/testkit';
import { gigCare, ledgers } from '../src/module';

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

export interface ImportOpts {
  district?: string;
  overwrite?: boolean;
}

/**
 * Our subgraph beside a workforce subgraph holding Shangjie's region tree (a template copy), with
 * imports checked against the tree through its API. `shangjie: true` starts our database as a copy
 * of the Shangjie template too; without it, our database is empty.
 */
export async function startGig(opts: Omit<TestSubgraphOptions, 'regionTreeUrl'> = {}) {
  const g = await startWithRegionTree(gigCare, opts);
  const importFile = (importer: LedgerImporter, path?: string, o: ImportOpts = {}): Promise<ImportSummary> =>
    importInto(g.sg, importer, { regionTree: g.regionTree, ...o }, path);
  return {
    ...g,
    importFile,
    /** every gig ledger of a directory (Shangjie by default), in the declared order */
    async importAll(dir = SHANGJIE, o: ImportOpts = {}): Promise<ImportSummary[]> {
      const out: ImportSummary[] = [];
      for (const importer of ledgers) out.push(await importFile(importer, join(dir, importer.spec.file), o));
      return out;
    },
    /** the node's compound count as the gateway fetches it from the workforce subgraph (@requires) */
    async compoundCount(code: string): Promise<number> {
      const res = await subgraphRequest<{ region: { compoundCount: number } }>(
        g.tree.url,
        'query($c: ID!) { region(code: $c) { compoundCount } }',
        { c: code },
        testCallers.service,
      );
      return res.data!.region.compoundCount;
    },
  };
}

export type GigGraph = Awaited<ReturnType<typeof startGig>>;
export type { Subgraph };
