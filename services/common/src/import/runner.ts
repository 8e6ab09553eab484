import { Client } from 'pg';
import { LedgerValidation } from '../ledger/validate-ledger';
import type { Defect, LedgerSpec, ValidRow } from '../ledger/types';
import { duplicatesInDatabase } from './duplicates';
import type { ReferenceLookup } from './references';
import type { Queryable, UpsertCounts } from './upsert';

export interface ImportContext {
  /** the owning subgraph's database, inside this file's transaction */
  db: Queryable;
  /** keys owned by other subgraphs, asked through the graph */
  references: ReferenceLookup;
  /** 'YYYY-MM-DD' in China: later dates are defects unless a column allows the future */
  today: string;
}

/** How one subgraph reads one of its ledgers into its own tables. */
export interface LedgerImporter<K extends string = any> {
  spec: LedgerSpec<K>;
  /** checks needing data (references, rows imported earlier); rows named in the defects are not written */
  check?(batch: ValidRow<K>[], ctx: ImportContext): Promise<Defect[]>;
  write(batch: ValidRow<K>[], ctx: ImportContext): Promise<UpsertCounts>;
}

export interface ImportSummary extends UpsertCounts {
  file: string;
  read: number;
  ms: number;
  rowsPerSecond: number;
}

export class LedgerImportError extends Error {
  constructor(
    readonly file: string,
    readonly defects: Defect[],
    readonly defectCount = defects.length,
  ) {
    super(`${file}: ${defectCount} defect(s), nothing imported`);
  }
}

export interface ImportOptions {
  databaseUrl: string;
  references: ReferenceLookup;
  today: string;
  onProgress?: (rowsRead: number) => void;
}

/**
 * Imports one ledger all or nothing: rows are validated and written in batches inside one
 * transaction (flat memory whatever the file size), and the transaction is rolled back when any row
 * had a defect, so a file with a defect leaves the database exactly as it was.
 */
export async function importLedgerFile(importer: LedgerImporter, path: string, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const client = new Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const ctx: ImportContext = { db: client, references: opts.references, today: opts.today };
  const validation = new LedgerValidation(importer.spec, path, {
    today: opts.today,
    duplicates: importer.spec.key.length ? duplicatesInDatabase(client, importer.spec) : undefined,
    references: importer.check ? (rows) => importer.check!(rows, ctx) : undefined,
  });
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  try {
    await client.query('BEGIN');
    for await (const batch of validation.batches()) {
      opts.onProgress?.(validation.rowsRead);
      if (!validation.ok) continue; // keep reading to report every defect; the writes would be rolled back anyway
      const c = await importer.write(batch, ctx);
      counts.inserted += c.inserted;
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
    }
    if (!validation.ok) {
      await client.query('ROLLBACK');
      throw new LedgerImportError(importer.spec.file, validation.defects, validation.defectCount);
    }
    await client.query('COMMIT');
  } catch (e) {
    if (!(e instanceof LedgerImportError)) await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  const ms = Date.now() - started;
  return {
    file: importer.spec.file,
    read: validation.rowsRead,
    ...counts,
    ms,
    rowsPerSecond: validation.rowsRead / Math.max(ms / 1000, 0.001),
  };
}
