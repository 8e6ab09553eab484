import { mayQuote, parseCell } from './cells';
import { normaliseHeader } from './text';
import type { Defect, LedgerRow, LedgerSpec, LedgerValue } from './types';

/**
 * Remembers the first data row of each natural key, to name it when the key comes again. Holds one
 * short string per distinct key: the one thing about a ledger that grows with its size.
 */
export class KeyTracker {
  private readonly first = new Map<string, number>();

  /** The earlier row with this key, or undefined (and `row` becomes the key's first). */
  firstRow(key: readonly LedgerValue[], row: number): number | undefined {
    const k = JSON.stringify(key); // as keyText
    const earlier = this.first.get(k);
    if (earlier === undefined) this.first.set(k, row);
    return earlier;
  }
}

export interface RowContext {
  /** 'YYYY-MM-DD', China's today (see todayInChina): dates after it are defects unless allowFuture */
  today: string;
  /** duplicate keys are checked when given */
  keys?: KeyTracker;
}

/** Column names the spec expects that the file's header lacks. */
export function missingHeaders<K extends string>(spec: LedgerSpec<K>, headers: readonly string[]): string[] {
  const have = new Set(headers);
  return Object.values<LedgerSpec<K>['columns'][K]>(spec.columns)
    .filter((c) => !c.optionalHeader)
    .map((c) => c.header)
    .filter((h) => !have.has(normaliseHeader(h)));
}

/**
 * Every cell of a row read as its column's type, with the row's defects: per cell, an overflow of
 * values beyond the header, the spec's row rules, and a repeated natural key. `value` holds null for
 * a cell with a defect.
 */
export function validateRow<K extends string>(
  spec: LedgerSpec<K>,
  row: LedgerRow,
  ctx: RowContext,
): { value: Record<K, LedgerValue>; defects: Defect[] } {
  const defects: Defect[] = [];
  const add = (column: string, kind: Defect['kind'], reason: string) =>
    defects.push({ file: spec.file, row: row.row, column, kind, reason });
  const value = {} as Record<K, LedgerValue>;
  const bad = new Set<K>();
  for (const k of Object.keys(spec.columns) as K[]) {
    const col = spec.columns[k];
    const result = parseCell(col, row.cells[normaliseHeader(col.header)] ?? null, ctx.today);
    value[k] = result.value;
    if (result.problem) {
      bad.add(k);
      add(col.header, result.problem.kind, result.problem.reason);
    }
  }
  if (row.extra?.length) {
    add('*', 'csv', `多出${row.extra.length}个值，列数多于表头 / ${row.extra.length} value(s) outside the header's columns`);
  }
  if (!defects.length && spec.check) {
    for (const p of spec.check(value, row.row)) add(p.column === '*' ? '*' : spec.columns[p.column].header, p.kind, p.reason);
  }
  if (ctx.keys && spec.key.length && !spec.key.some((k) => bad.has(k)) && hasKey(spec, value)) {
    const earlier = ctx.keys.firstRow(
      spec.key.map((k) => value[k]),
      row.row,
    );
    if (earlier !== undefined) defects.push(duplicateDefect(spec, value, row.row, earlier));
  }
  return { value, defects };
}

/** Whether a row names its natural key at all (a row with an empty key is not a duplicate of another). */
export function hasKey<K extends string>(spec: LedgerSpec<K>, value: Record<K, LedgerValue>): boolean {
  return spec.key.some((k) => value[k] !== null);
}

/** The natural key as one string, the same for the in-memory tracker and the import's key table. */
export function keyText<K extends string>(spec: LedgerSpec<K>, value: Record<K, LedgerValue>): string {
  return JSON.stringify(spec.key.map((k) => value[k]));
}

/** "Same key as data row N", quoting the key only when its columns may be quoted. */
export function duplicateDefect<K extends string>(
  spec: LedgerSpec<K>,
  value: Record<K, LedgerValue>,
  row: number,
  earlier: number,
): Defect {
  const key = spec.key.map((k) => value[k]);
  const named = spec.key.find((k) => value[k] !== null) ?? spec.key[0];
  const what = spec.key.map((k) => spec.columns[k].header).join('+');
  const shown = spec.key.every((k) => mayQuote(spec.columns[k])) ? `: ${key.filter((v) => v !== null).join(', ')}` : '';
  return {
    file: spec.file,
    row,
    column: spec.columns[named].header,
    kind: 'duplicate',
    reason: `与第${earlier}行重复 / same ${what} as data row ${earlier}${shown}`,
  };
}
