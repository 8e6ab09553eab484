import { regionFigure, type Period, type RequestContext } from '@district/common';
import { placedUnder } from '../../lib/place';
import { chinaDay } from '../../lib/time';

/** One indicator: a table, where its rows sit, what is aggregated, and the conditions of a period. */
export interface FigureQuery {
  name: string;
  table: string;
  /** the row's community code as SQL (t.community_code), or NULL::text for district-wide tables */
  place: string;
  aggregate?: string;
  conditions: [string, unknown][];
}

/**
 * The figure for a node: every Region of a response asking the same figure and period shares one
 * statement (regionFigure batches by loader name, so the name carries every parameter).
 */
export function figure(ctx: RequestContext, code: string, q: FigureQuery): Promise<number> {
  const params = q.conditions.map(([, p]) => p).filter((p) => p !== undefined);
  const where = q.conditions.map(([sql]) => `AND ${sql}`).join(' ');
  return regionFigure(ctx, `${q.name}:${where}:${JSON.stringify(params)}`, code, (regions) => ({
    text: `SELECT r.code, ${q.aggregate ?? 'count(t.*)'} AS value FROM ${regions}
           LEFT JOIN ${q.table} t ON ${placedUnder(q.place)} ${where}
           GROUP BY r.code`,
    params,
  }));
}

/** Optional filter: a condition only when the argument was given. */
export const when = (value: unknown, sql: string): [string, unknown][] => (value === undefined || value === null ? [] : [[sql, value]]);

/** Flow figures count records dated from Jan 1 up to the period's asOf (the year's end by default). */
export const datedIn = (column: string, p: Period): [string, unknown][] => [
  [`${column} >= ?`, p.from],
  [`${column} <= ?`, p.asOf],
];
export const momentIn = (column: string, p: Period): [string, unknown][] => datedIn(chinaDay(column), p);
