import { unboundedColumns } from './cells';
import { LedgerParseError } from './parse-error';
import { readLedger } from './read';
import type { Defect, LedgerSpec, ValidRow } from './types';
import { KeyTracker, missingHeaders, validateRow } from './validate-row';

export interface ValidateOptions<K extends string> {
  /** 'YYYY-MM-DD', China's today: dates after it are defects unless the column allows the future */
  today: string;
  /** rows per yielded batch (and per `references` call); default 1000 */
  batchSize?: number;
  /** defects kept in `defects` (all are counted in `defectCount`); default 1000 */
  maxDefects?: number;
  /**
   * The hook for 'reference' defects, which need other data (the region tree, another ledger): called
   * once per batch with the rows that passed every other check; rows named in the defects it returns
   * are left out of the batch.
   */
  references?: (rows: ValidRow<K>[]) => Promise<Defect[]> | Defect[];
  /**
   * Checks natural keys per batch (before `references`) instead of remembering every key in memory:
   * the import keeps them in its database transaction, so memory stays flat however long the file.
   */
  duplicates?: (rows: ValidRow<K>[]) => Promise<Defect[]>;
}

/**
 * Reads and validates one ledger in a single pass and flat memory (but for the natural keys seen):
 * `batches()` yields the good rows in batches while defects accumulate. Good rows keep coming after a
 * defect, so that one pass reports every defect; an all-or-nothing import writes the batches in a
 * transaction and rolls back when `defectCount` is not 0. A missing header column stops the read
 * (row 0, kind 'header'); a broken CSV record ends it (kind 'csv', the record's data row).
 */
export class LedgerValidation<K extends string> {
  readonly defects: Defect[] = [];
  defectCount = 0;
  rowsRead = 0;
  rowsValid = 0;

  constructor(
    readonly spec: LedgerSpec<K>,
    readonly path: string,
    private readonly options: ValidateOptions<K>,
  ) {
    const unbounded = unboundedColumns(spec.columns);
    if (unbounded.length)
      throw new Error(`${spec.file}: decimal column(s) ${unbounded.join(', ')} must give max or digits (the database column's range)`);
  }

  get ok(): boolean {
    return this.defectCount === 0;
  }

  record(defects: Defect[]): void {
    this.defectCount += defects.length;
    const room = (this.options.maxDefects ?? 1000) - this.defects.length;
    if (room > 0) this.defects.push(...defects.slice(0, room));
  }

  private async checked(batch: ValidRow<K>[]): Promise<ValidRow<K>[]> {
    let rows = batch;
    for (const check of [this.options.duplicates, this.options.references]) {
      if (!check || !rows.length) continue;
      const defects = await check(rows);
      this.record(defects);
      const bad = new Set(defects.map((d) => d.row));
      rows = rows.filter((r) => !bad.has(r.row));
    }
    return rows;
  }

  async *batches(): AsyncGenerator<ValidRow<K>[]> {
    const { spec } = this;
    const size = this.options.batchSize ?? 1000;
    const ctx = { today: this.options.today, keys: this.options.duplicates ? undefined : new KeyTracker() };
    let missing: string[] = [];
    const rows = readLedger(this.path, {
      columns: Object.values<{ header: string }>(spec.columns).map((c) => c.header),
      sheet: spec.sheet,
      onHeader: ({ headers }) => (missing = missingHeaders(spec, headers)),
    });
    let batch: ValidRow<K>[] = [];
    try {
      for await (const row of rows) {
        if (missing.length) break;
        this.rowsRead++;
        const { value, defects } = validateRow(spec, row, ctx);
        if (defects.length) {
          this.record(defects);
          continue;
        }
        batch.push({ row: row.row, value });
        if (batch.length >= size) {
          const good = await this.checked(batch);
          batch = [];
          this.rowsValid += good.length;
          if (good.length) yield good;
        }
      }
    } catch (e) {
      if (!(e instanceof LedgerParseError)) throw e;
      this.record([{ file: spec.file, row: e.row, column: e.column, kind: e.kind, reason: e.reason }]);
    }
    if (missing.length) {
      this.record(
        missing.map((column) => ({
          file: spec.file,
          row: 0,
          column,
          kind: 'header' as const,
          reason: '缺少必需的列 / required column missing',
        })),
      );
      return;
    }
    const good = await this.checked(batch);
    this.rowsValid += good.length;
    if (good.length) yield good;
  }
}

/** Validates a whole ledger without keeping its rows: the counts and the defects. */
export async function validateLedger<K extends string>(
  spec: LedgerSpec<K>,
  path: string,
  options: ValidateOptions<K>,
): Promise<LedgerValidation<K>> {
  const run = new LedgerValidation(spec, path, options);
  for await (const _batch of run.batches());
  return run;
}
