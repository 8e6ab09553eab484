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
    const k = JSON.stringify(key);
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
    .map((c) => c.header)
    .filter((h) => !have.has(normaliseHeader(h)));
}

/**
 * Every cell of a row read as its column's type, with the row's defects: per cell, an overflow of
 * values beyond the header, the spec's row rules, and a repeated natural key. `value` holds null for
 * a cell with a defect.
 */
export function validateRow<K extends string>(spec: LedgerSpec<K>, row: LedgerRow, ctx: RowContext): { value: Record<K, LedgerValue>; defects: Defect[] } {
  const defects: Defect[] = [];
  const add = (column: string, kind: Defect['kind'], reason: string) => defects.push({ file: spec.file, row: row.row, column, kind, reason });
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
  if (ctx.keys && spec.key.length && !spec.key.some((k) => bad.has(k))) {
    const key = spec.key.map((k) => value[k]);
    const named = spec.key.find((k) => value[k] !== null);
    const earlier = named === undefined ? undefined : ctx.keys.firstRow(key, row.row);
    if (named !== undefined && earlier !== undefined) {
      const what = spec.key.map((k) => spec.columns[k].header).join('+');
      const shown = spec.key.every((k) => mayQuote(spec.columns[k])) ? `: ${key.filter((v) => v !== null).join(', ')}` : '';
      add(spec.columns[named].header, 'duplicate', `与第${earlier}行重复 / same ${what} as data row ${earlier}${shown}`);
    }
  }
  return { value, defects };
}
