import { districtOf, globalId, ident, isWithin, regionLevel, writePersonIds, type PersonColumns, type Queryable } from '@district/common';
import type { ImportContext, LedgerImporter } from './runner';
import type { Defect, LedgerSpec, LedgerValue, ValidRow } from './types';

/**
 * The small pieces every subgraph's ledgers use, one implementation each: label ↔ stored value
 * maps, typed reads of validated cells, and reference checks that turn unknown codes into defects
 * naming file, row and column.
 */

/** A vocabulary: the labels a ledger (and a template's dropdown) uses, and the values stored for them. */
export interface Vocabulary<T extends string> {
  /** every label, for the column spec's `values` and the template's dropdown */
  labels: string[];
  /** the stored value of a validated label */
  of(label: unknown): T;
  orNull(label: unknown): T | null;
  /** the first label of a stored value (exports write it) */
  labelOf(value: T | null | undefined): string | null;
}

export function vocabulary<T extends string>(pairs: Record<string, T>): Vocabulary<T> {
  const labels = Object.keys(pairs);
  const back = new Map<string, string>();
  for (const [label, value] of Object.entries(pairs)) if (!back.has(value)) back.set(value, label);
  return {
    labels,
    of: (label) => pairs[label as string],
    orNull: (label) => (label === null || label === undefined || label === '' ? null : pairs[label as string]),
    labelOf: (value) => (value ? (back.get(value) ?? null) : null),
  };
}

/** A validated cell as the text it must be (codes, text, enums and dates arrive as strings). */
export const str = (v: LedgerValue | undefined): string => v as string;
export const strOrNull = (v: LedgerValue | undefined): string | null => (v === null || v === undefined || v === '' ? null : String(v));
export const numOrNull = (v: LedgerValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** The distinct non-empty values of one column of a batch. */
export function valuesOf<K extends string>(batch: ValidRow<K>[], key: K, map: (v: string) => string = (v) => v): string[] {
  return [
    ...new Set(
      batch
        .map((r) => r.value[key])
        .filter((v): v is string => typeof v === 'string' && v !== '')
        .map(map),
    ),
  ];
}

/** A 'reference' defect on one cell. */
export const referenceDefect = (file: string, row: number, column: string, reason: string): Defect => ({
  file,
  row,
  column,
  kind: 'reference',
  reason,
});

/**
 * 'reference' defects for rows whose value in `key` is not among `known` (after `map`, e.g. to a
 * global id); `what` names the thing, [中文, English].
 */
export function unknownReferences<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  key: K,
  known: Set<string>,
  what: [string, string],
  map: (v: string) => string = (v) => v,
): Defect[] {
  return batch
    .filter((r) => typeof r.value[key] === 'string' && r.value[key] !== '' && !known.has(map(r.value[key] as string)))
    .map((r) => referenceDefect(spec.file, r.row, spec.columns[key].header, `${what[0]}不存在 / no such ${what[1]}: ${r.value[key]}`));
}

/** Which of `values` appear in `column` of one of the subgraph's own tables (optionally narrowed by `where`). */
export async function existingIn(
  db: Queryable,
  table: string,
  column: string,
  values: Iterable<string>,
  where = 'TRUE',
): Promise<Set<string>> {
  const list = [...new Set(values)];
  if (!list.length) return new Set();
  const res = await db.query(`SELECT ${ident(column)} AS v FROM ${ident(table)} WHERE ${ident(column)} = ANY($1) AND ${where}`, [list]);
  return new Set(res.rows.map((r: { v: string }) => String(r.v)));
}

/** A row whose region lies in another district than the ledger set's is a defect, never a write there. */
export function outsideDistrict<K extends string>(
  batch: ValidRow<K>[],
  ctx: ImportContext,
  codeOf: (r: ValidRow<K>) => string | null,
  column: string,
): Defect[] {
  return batch
    .filter((r) => {
      const code = codeOf(r);
      return !!code && districtOf(code) !== ctx.district;
    })
    .map((r) =>
      referenceDefect(
        ctx.file,
        r.row,
        column,
        `不属于本次导入的区县 ${ctx.district} / not in district ${ctx.district}, which this import is for`,
      ),
    );
}

/** Writes the person ids of the rows a batch wrote (by their ID numbers), when the import knows the deployment's key. */
export async function personIdsOf(ctx: ImportContext, columns: PersonColumns, idNumbers: readonly string[]): Promise<void> {
  if (ctx.personKey && idNumbers.length) await writePersonIds(ctx.db, ctx.personKey, columns, idNumbers);
}

/**
 * A `place.lookup` for rows that name a record of `table` by its district-local number in `column`: each
 * row's place is that record's `placeColumn` (live records only), read in one statement.
 */
export function placeThrough<K extends string>(table: string, column: K, placeColumn = 'community_code') {
  return async (batch: ValidRow<K>[], ctx: ImportContext): Promise<Map<number, string | null>> => {
    const idOf = (r: ValidRow<K>) => globalId(ctx.district, str(r.value[column]));
    const res = await ctx.db.query(
      `SELECT id, ${ident(placeColumn)} AS place FROM ${ident(table)} WHERE id = ANY($1::text[]) AND withdrawn_on IS NULL`,
      [[...new Set(batch.map(idOf))]],
    );
    const places = new Map(res.rows.map((x: { id: string; place: string }) => [x.id, x.place]));
    return new Map(batch.map((r) => [r.row, places.get(idOf(r)) ?? null]));
  };
}

/** The region code a row's place column holds (through its `code` reading when declared). */
export function placeOf<K extends string>(place: NonNullable<LedgerImporter<K>['place']>, value: Record<K, LedgerValue>): string | null {
  const code = place.code ? place.code(value) : value[place.column];
  return typeof code === 'string' && code !== '' ? code : null;
}

const LEVEL_NAMES: Record<string, string> = { STREET: '街道', COMMUNITY: '社区', GRID: '网格' };

/**
 * Whether a defect may name a stored record placed at `place` (its number, its community): always for
 * an import of the whole district, only inside the region for a street's or community's. A record
 * the importing office may not see is described without naming it, as the API answers a missing one.
 */
export function mayName(ctx: Pick<ImportContext, 'region'>, place: string | null | undefined): boolean {
  return !ctx.region || (!!place && isWithin(place, ctx.region));
}

/**
 * A street or community office imports only rows inside its own region: a row placed elsewhere, or
 * nowhere, is a defect naming the row, never a write (nor is it skipped silently).
 */
export function outsideRegion<K extends string>(
  batch: ValidRow<K>[],
  ctx: ImportContext,
  spec: LedgerSpec<K>,
  place: NonNullable<LedgerImporter<K>['place']>,
  looked?: Map<number, string | null>,
): Defect[] {
  const region = ctx.region!;
  const column = spec.columns[place.column].header;
  const level = LEVEL_NAMES[regionLevel(region)] ?? '';
  return batch.flatMap((r) => {
    const code = looked ? (looked.get(r.row) ?? null) : placeOf(place, r.value);
    if (code && isWithin(code, region)) return [];
    return [
      referenceDefect(
        ctx.file,
        r.row,
        column,
        code
          ? `${code} 不在本${level}辖区 ${region} 内 / ${code} lies outside your region ${region}: you import only rows inside it`
          : `未注明所在区划 / no place given: you import only rows inside your region ${region}`,
      ),
    ];
  });
}

/** The separators offices write between the items of one cell: 、 ; ； , ， and line breaks. */
const LIST_SEPARATORS = /[、;；,，\r\n]+/;

/**
 * The items of a cell holding a list (the communities of a joint meeting: "A社区、B社区"), trimmed,
 * without empty items or repeats, in the order written.
 */
export function listOf(v: LedgerValue | undefined): string[] {
  if (v === null || v === undefined || v === '') return [];
  return [
    ...new Set(
      String(v)
        .split(LIST_SEPARATORS)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
