import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  graphReferences,
  importLedgerFile,
  todayInChina,
  type Caller,
  type ImportSummary,
  type LedgerImporter,
  type ReferenceLookup,
} from '@district/common';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { workforce } from '../src/module';
import { ledgers } from '../src/ledgers';
import { compoundsLedger, gridsLedger, regionsLedger } from '../src/modules/regions/regions.ledger';

export const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');

export const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as {
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
};

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** Workforce checks its references in its own database: any question to the graph fails the import. */
const noGraph = new Proxy(
  {},
  {
    get: () => () => Promise.reject(new Error('workforce must not ask the graph')),
  },
) as ReferenceLookup;

export function importFile(sg: Subgraph, importer: LedgerImporter, path = join(SHANGJIE, importer.spec.file)): Promise<ImportSummary> {
  return importLedgerFile(importer, path, { databaseUrl: sg.databaseUrl, references: noGraph, today: todayInChina() });
}

/** Imports every workforce ledger of Shangjie in the declared order. */
export async function importShangjie(sg: Subgraph): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const importer of ledgers) out.push(await importFile(sg, importer));
  return out;
}

export async function startWithShangjie() {
  const sg = await startTestSubgraph(workforce);
  const summaries = await importShangjie(sg);
  return { sg, summaries };
}

/** The import command's identity: a service account, as the gateway would sign it. */
export const IMPORTER: Caller = { subject: 'service:ledger-import', roles: ['SERVICE'] };

/**
 * For the other subgraphs' tests: this subgraph holding Shangjie's region tree (regions, grids,
 * compounds, through its own importers, as `pnpm import` loads them), and reference checks asked of
 * its API as the import command asks the gateway, so their imports meet the real lookups.
 */
export async function startRegionTree(): Promise<{ workforce: Subgraph; references: ReferenceLookup }> {
  const wf = await startTestSubgraph(workforce);
  try {
    for (const importer of [regionsLedger, gridsLedger, compoundsLedger]) await importFile(wf, importer);
  } catch (e) {
    await wf.close();
    throw e;
  }
  const references = graphReferences(async (query, variables) => {
    const res = await subgraphRequest(wf.url, query, variables, IMPORTER);
    if (res.errors) throw new Error(res.errors.map((e) => e.message).join('; '));
    return res.data as Record<string, unknown>;
  });
  return { workforce: wf, references };
}

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

/** Flattens `{ a: { value: 1 }, b: { c: { value: 2 } } }` to `{ a: 1, 'b.c': 2 }`, as `pnpm report` does. */
export function flatten(node: unknown, path: string[] = [], out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!node || typeof node !== 'object') return out;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'value') {
    out[path.join('.')] = entries[0][1];
    return out;
  }
  for (const [k, v] of entries) flatten(v, [...path, k], out);
  return out;
}
