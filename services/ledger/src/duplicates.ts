import { duplicateDefect, hasKey, keyText } from './validate-row';
import type { Defect, LedgerSpec, ValidRow } from './types';
import type { Queryable } from '@district/common';

/**
 * Natural-key duplicates found in the import's own transaction: each batch's keys go into a
 * temporary table (dropped with the transaction), and a key already there names its first row. The
 * importing process keeps nothing per row, so its memory does not grow with the file.
 */
export function duplicatesInDatabase<K extends string>(db: Queryable, spec: LedgerSpec<K>) {
  let ready = false;
  return async (batch: ValidRow<K>[]): Promise<Defect[]> => {
    if (!ready) {
      await db.query('CREATE TEMP TABLE ledger_key (key text PRIMARY KEY, row int NOT NULL) ON COMMIT DROP');
      ready = true;
    }
    const keyed = batch.filter((r) => hasKey(spec, r.value));
    if (!keyed.length) return [];
    const keys = keyed.map((r) => keyText(spec, r.value));
    const fresh = await db.query(
      'INSERT INTO ledger_key SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING RETURNING row',
      [keys, keyed.map((r) => r.row)],
    );
    const inserted = new Set(fresh.rows.map((r) => r.row as number));
    const repeated = keyed.map((r, i) => ({ r, key: keys[i] })).filter(({ r }) => !inserted.has(r.row));
    if (!repeated.length) return [];
    const first = await db.query('SELECT key, row FROM ledger_key WHERE key = ANY($1::text[])', [repeated.map((x) => x.key)]);
    const firstRow = new Map(first.rows.map((f) => [f.key as string, f.row as number]));
    return repeated.map(({ r, key }) => duplicateDefect(spec, r.value, r.row, firstRow.get(key)!));
  };
}
