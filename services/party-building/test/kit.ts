import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importInto, SHANGJIE, startWithRegionTree, type ImportOptions, type Subgraph } from '@district/testkit';
import type { ImportSummary, LedgerImporter } from '@district/ledger';
import type { RegionTree } from '@district/common';
import { ledgers, partyBuilding } from '../src/module';

/** This subgraph beside the region tree's owner; `shangjie` starts from a copy of the template the test setup imported. */
export const startParty = (opts: { shangjie?: boolean; figureCache?: boolean } = {}) => startWithRegionTree(partyBuilding, opts);

/** Imports every party ledger a directory holds (Shangjie by default) in the declared order; one it lacks (key areas) is skipped. */
export async function importAll(
  sg: Subgraph,
  regionTree: RegionTree,
  dir = SHANGJIE,
  opts: Omit<ImportOptions, 'regionTree'> = {},
): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const importer of (ledgers as LedgerImporter[]).filter((l) => existsSync(join(dir, l.spec.file))))
    out.push(await importInto(sg, importer, { ...opts, regionTree }, join(dir, importer.spec.file)));
  return out;
}

/**
 * A party ledger read plainly (these files have no quoted cells), for figures the tests work out on
 * their own instead of trusting the code under test. Dates come back as YYYY-MM-DD.
 */
export function ledgerRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(SHANGJIE, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const names = header.split(',').map((h) => h.trim());
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], day(cell.trim())])));
}

function day(cell: string): string {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(cell);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : cell;
}

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

export const DISTRICT = '410106000000';
export const STREETS = ['410106001000', '410106002000', '410106003000', '410106004000', '410106005000', '410106100000'];
