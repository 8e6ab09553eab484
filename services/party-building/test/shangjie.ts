import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { importLedgerFile, LedgerImportError, todayInChina, type ImportSummary, type LedgerImporter } from '@district/common';
import { startTestSubgraph } from '../../common/src/testing';
import { SHANGJIE, startRegionTree } from '../../workforce/test/kit';
import { partyBuilding } from '../src/module';
import { ledgers } from '../src/ledgers';

/** The Shangjie 2025 ledgers, expected figures and a test kit shared by this subgraph's tests. */
export { expected, flatten, SHANGJIE, type Subgraph } from '../../workforce/test/kit';

/**
 * This subgraph and the workforce subgraph (owner of the region tree) on fresh databases, with every
 * party ledger imported here, references checked through the workforce subgraph's API as the import
 * command does.
 */
export async function startWithShangjie() {
  const { workforce: wf, references } = await startRegionTree();
  const sg = await startTestSubgraph(partyBuilding, { regionTreeUrl: wf.url });
  const today = todayInChina();
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
