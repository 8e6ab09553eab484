import { join } from 'node:path';
import {
  graphReferences, importLedgerFile, LedgerImportError, todayInChina, type Caller, type Defect, type ImportSummary,
  type LedgerImporter, type ReferenceLookup,
} from '@district/common';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { workforce } from '../../workforce/src/module';
import { gridsLedger, regionsLedger } from '../../workforce/src/modules/regions/regions.ledger';

export const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** The import command's identity: a service account, as the gateway would sign it. */
const importer: Caller = { subject: 'import@test', roles: ['SERVICE'] };

/** Reference checks against a running workforce subgraph's lookups: the graph, not its tables. */
export function referencesOf(workforceUrl: string): ReferenceLookup {
  return graphReferences(async (query, variables) => {
    const res = await subgraphRequest(workforceUrl, query, variables, importer);
    if (res.errors) throw new Error(res.errors[0].message);
    return res.data!;
  });
}

/** The workforce subgraph holding Shangjie's region tree and grids, as the import would load them. */
export async function startRegionTree(): Promise<{ workforce: Subgraph; references: ReferenceLookup }> {
  const wf = await startTestSubgraph(workforce);
  const references = referencesOf(wf.url);
  for (const ledger of [regionsLedger, gridsLedger]) await importFile(ledger, SHANGJIE, wf.databaseUrl, references);
  return { workforce: wf, references };
}

export type Outcome = { summary: ImportSummary; defects?: undefined } | { summary?: undefined; defects: Defect[] };

export async function importFile(ledger: LedgerImporter, dir: string, databaseUrl: string, references: ReferenceLookup): Promise<Outcome> {
  try {
    return { summary: await importLedgerFile(ledger, join(dir, ledger.spec.file), { databaseUrl, references, today: todayInChina() }) };
  } catch (e) {
    if (e instanceof LedgerImportError) return { defects: e.defects };
    throw e;
  }
}
