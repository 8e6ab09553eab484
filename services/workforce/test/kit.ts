import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { importLedgerFile, todayInChina, type ImportSummary, type LedgerImporter, type ReferenceLookup } from '@district/common';
import { startTestSubgraph } from '../../common/src/testing';
import { workforce } from '../src/module';
import { ledgers } from '../src/ledgers';

export const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');

export const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as {
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
};

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** Workforce checks its references in its own database: any question to the graph fails the import. */
const noGraph = new Proxy({}, {
  get: () => () => Promise.reject(new Error('workforce must not ask the graph')),
}) as ReferenceLookup;

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
