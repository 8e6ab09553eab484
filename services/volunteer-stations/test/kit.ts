import { join } from 'node:path';
import {
  importLedgerFile,
  LedgerImportError,
  todayInChina,
  type Defect,
  type ImportSummary,
  type LedgerImporter,
  type ReferenceLookup,
} from '@district/common';

export { DATASETS, SHANGJIE, type Subgraph } from '../../workforce/test/kit';

export type Outcome = { summary: ImportSummary; defects?: undefined } | { summary?: undefined; defects: Defect[] };

export async function importFile(ledger: LedgerImporter, dir: string, databaseUrl: string, references: ReferenceLookup): Promise<Outcome> {
  try {
    return { summary: await importLedgerFile(ledger, join(dir, ledger.spec.file), { databaseUrl, references, today: todayInChina() }) };
  } catch (e) {
    if (e instanceof LedgerImportError) return { defects: e.defects };
    throw e;
  }
}
