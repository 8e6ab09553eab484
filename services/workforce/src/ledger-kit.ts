import type { Defect, Queryable } from '@district/common';

/** Which of `codes` are in `table` (optionally only rows matching `where`): one statement. */
export async function existing(db: Queryable, table: string, codes: Iterable<string>, where = 'TRUE'): Promise<Set<string>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Set();
  const res = await db.query(`SELECT code FROM ${table} WHERE code = ANY($1) AND ${where}`, [list]);
  return new Set(res.rows.map((r: { code: string }) => r.code));
}

/** A defect of kind 'reference' on one cell. */
export const referenceDefect = (file: string, row: number, column: string, reason: string): Defect => ({
  file,
  row,
  column,
  kind: 'reference',
  reason,
});

/** A ledger value as the text it must be (validated by the spec before it gets here). */
export const text = (v: unknown): string => v as string;
export const maybe = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

/** Ledger label → stored enum value. */
export function mapping<T extends string>(pairs: Record<string, T>) {
  return {
    labels: Object.keys(pairs),
    of: (label: unknown): T => pairs[label as string],
    orNull: (label: unknown): T | null => (label ? pairs[label as string] : null),
  };
}
