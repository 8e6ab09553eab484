import { join } from 'node:path';
import { importLedgerFile, todayInChina, type LedgerImporter } from '@district/common';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { IMPORTER, SHANGJIE, startRegionTree, type Subgraph } from '../../workforce/test/kit';
import { gigCare } from '../src/module';
import { ledgers } from '../src/ledgers';

export { DATASETS, SHANGJIE, type Subgraph } from '../../workforce/test/kit';
export const DISTRICT = '410106000000';

/** The workforce subgraph holding the region tree, and ours on its own database, both real. */
export async function startGigGraph() {
  const { workforce: wf, references } = await startRegionTree();
  const sg = await startTestSubgraph(gigCare, { regionTreeUrl: wf.url });
  const importFile = (importer: LedgerImporter, path: string) =>
    importLedgerFile(importer, path, { databaseUrl: sg.databaseUrl, references, today: todayInChina() });
  return {
    wf,
    sg,
    references,
    importFile,
    /** every gig ledger of a directory, in the declared order */
    importAll: async (dir = SHANGJIE) => {
      const out = [];
      for (const importer of ledgers) out.push(await importFile(importer, join(dir, importer.spec.file)));
      return out;
    },
    /** the node's compound count as the gateway would fetch it (@requires) from the workforce subgraph */
    compoundCount: async (code: string) => {
      const res = await subgraphRequest<{ region: { compoundCount: number } }>(
        wf.url,
        'query($c: ID!) { region(code: $c) { compoundCount } }',
        { c: code },
        IMPORTER,
      );
      return res.data!.region.compoundCount;
    },
    close: async () => {
      await sg.close();
      await wf.close();
    },
  };
}

export type GigGraph = Awaited<ReturnType<typeof startGigGraph>>;

/** Rows of one of our tables, read straight from the database (what a user would find there). */
export function sql<T = Record<string, unknown>>(sg: Subgraph, text: string, params: unknown[] = []): Promise<T[]> {
  return sg.orm.em.fork().getConnection().execute(text, params) as Promise<T[]>;
}

/** A valid resident ID number (GB 11643 check digit) for people registered in tests. */
export function testIdNumber(seq: number, born = '19900101'): string {
  const body = `410106${born}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}
