import { prefixRange } from '@district/common';
import { join, raw, sql, type Sql } from './sql';

/** The half-open code range [lo, hi) of each prefix. */
export interface NodeRange {
  key: string;
  lo: string;
  hi: string;
}

export const nodeRanges = (nodes: { key: string; prefix: string }[]): NodeRange[] =>
  nodes.map((n) => ({ key: n.key, ...prefixRange(n.prefix) }));

/**
 * The nodes of a statement as rows `alias(key, lo, hi)`, written as VALUES: the planner counts
 * them (a JSON list is always guessed at 100 rows, which turned small joins into whole-table hashes).
 */
export function nodeRows(nodes: NodeRange[], alias: string, keyName: string): Sql {
  const rows = join(
    nodes.map((n) => sql`(${n.key}::text, ${n.lo}::text, ${n.hi}::text)`),
    ', ',
  );
  return sql`(VALUES ${rows}) AS ${raw(alias)}(${raw(keyName)}, lo, hi)`;
}

/** Overlapping ranges merged, in order. */
export function coveringRanges(ranges: { lo: string; hi: string }[]): { lo: string; hi: string }[] {
  const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: { lo: string; hi: string }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi) {
      if (r.hi > last.hi) last.hi = r.hi;
    } else out.push({ lo: r.lo, hi: r.hi });
  }
  return out;
}

/**
 * `column` within any of the ranges, as constants: an index on the column (or led by it) reads only
 * the rows under the nodes asked, however the rows are later matched to each node.
 */
export function withinRanges(column: string, ranges: { lo: string; hi: string }[]): Sql {
  return sql`(${join(
    coveringRanges(ranges).map((c) => sql`(${raw(column)} >= ${c.lo} AND ${raw(column)} < ${c.hi})`),
    ' OR ',
  )})`;
}
