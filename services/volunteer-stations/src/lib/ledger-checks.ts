import type { Defect, LedgerSpec, Queryable, ValidRow } from '@district/common';

/** The distinct non-empty values of one column of a batch. */
export function valuesOf<K extends string>(batch: ValidRow<K>[], key: K): string[] {
  return [...new Set(batch.map((r) => r.value[key]).filter((v): v is string => typeof v === 'string' && v !== ''))];
}

/** 'reference' defects for rows whose `key` is not among the codes that exist; `what` is [中文, English]. */
export function missingReferences<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  key: K,
  exists: Set<string>,
  what: [string, string],
): Defect[] {
  return batch
    .filter((r) => typeof r.value[key] === 'string' && !exists.has(r.value[key] as string))
    .map((r) => ({
      file: spec.file,
      row: r.row,
      column: spec.columns[key].header,
      kind: 'reference' as const,
      reason: `${what[0]}不存在 / no such ${what[1]}: ${r.value[key]}`,
    }));
}

/** Rows of one of this subgraph's own tables whose code is in `codes`, keyed by code. */
export async function ownRows<R extends { code: string }>(
  db: Queryable,
  table: string,
  columns: string,
  codes: string[],
): Promise<Map<string, R>> {
  if (!codes.length) return new Map();
  const res = await db.query(`SELECT code, ${columns} FROM "${table}" WHERE code = ANY($1)`, [codes]);
  return new Map((res.rows as R[]).map((r) => [r.code, r]));
}

/** The string value of a validated cell (codes, text, enums and dates all arrive as strings or null). */
export const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
