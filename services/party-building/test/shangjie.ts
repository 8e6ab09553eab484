import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { graphReferences, importLedgerFile, LedgerImportError, todayInChina, type ImportSummary, type LedgerImporter } from '@district/common';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { workforce } from '../../workforce/src/module';
import { ledgers as workforceLedgers } from '../../workforce/src/ledgers';
import { partyBuilding } from '../src/module';
import { ledgers } from '../src/ledgers';

/** The Shangjie 2025 ledgers, expected figures and a test kit shared by this subgraph's tests. */
export const SHANGJIE = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'shangjie-2025');
export const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as {
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
};

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** The importing service, as the import command calls the graph. */
const IMPORTER = { subject: 'importer@test', roles: ['SERVICE' as const] };

/**
 * This subgraph and the workforce subgraph (owner of the region tree) on fresh databases, with the
 * region tree imported there and every party ledger imported here, references checked through the
 * workforce subgraph's API as the import command does.
 */
export async function startWithShangjie() {
  const wf = await startTestSubgraph(workforce);
  const sg = await startTestSubgraph(partyBuilding);
  const references = graphReferences(async (query, variables) => {
    const res = await subgraphRequest(wf.url, query, variables, IMPORTER);
    if (res.errors) throw new Error(res.errors[0].message);
    return res.data!;
  });
  const today = todayInChina();
  const regions = workforceLedgers.find((l) => l.spec.file === 'regions.csv')!;
  await importLedgerFile(regions, join(SHANGJIE, 'regions.csv'), { databaseUrl: wf.databaseUrl, references, today });
  const importAll = async (): Promise<ImportSummary[]> => {
    const out: ImportSummary[] = [];
    for (const l of ledgers as LedgerImporter[]) {
      try {
        out.push(await importLedgerFile(l, join(SHANGJIE, l.spec.file), { databaseUrl: sg.databaseUrl, references, today }));
      } catch (e) {
        if (e instanceof LedgerImportError) throw new Error(`${e.message}: ${JSON.stringify(e.defects.slice(0, 5))}`);
        throw e;
      }
    }
    return out;
  };
  const close = async () => {
    await sg.close();
    await wf.close();
  };
  const first = await importAll().catch(async (e) => {
    await close();
    throw e;
  });
  return { wf, sg, first, importAll, references, today, close };
}

/**
 * A party ledger read plainly (these files have no quoted cells), for figures the tests work out on
 * their own instead of trusting the code under test. Dates come back as YYYY-MM-DD.
 */
export function ledgerRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(SHANGJIE, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim());
  const names = header.split(',').map((h) => h.trim());
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], day(cell.trim())])));
}

function day(cell: string): string {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(cell);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : cell;
}

/** Every `{ value }` leaf of a response, keyed by its alias path, as the report command reads it. */
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

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');
