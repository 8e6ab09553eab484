import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import { scopedRegion, scopePrefix } from './caller';
import { badInput } from './errors';
import { REGIONS, regionsParam } from './region-lists';
import { isRegionCode, normaliseRegionCode, regionPrefix } from './regions';

/**
 * A figure about what happened in a year counts records dated in that year; a figure about what
 * exists is taken as of a day (by default the year's last day). Both come with the same figure a
 * year earlier, because every work report says "versus last year".
 */
export interface Period {
  year: number;
  from: string; // inclusive 'YYYY-MM-DD'
  to: string; // inclusive 'YYYY-MM-DD'
  asOf: string; // the stock date: `to` unless the caller gave asOf
}

export function periodOf(year: number, asOf?: string | null): Period {
  if (!Number.isInteger(year) || year < 1949 || year > 2100) throw badInput(`年份无效 / invalid year: ${year}`, 'year');
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput(`日期格式应为 YYYY-MM-DD / asOf must be YYYY-MM-DD`, 'asOf');
  return { year, from: `${year}-01-01`, to: `${year}-12-31`, asOf: asOf ?? `${year}-12-31` };
}

export function previousPeriod(p: Period): Period {
  return periodOf(p.year - 1, shiftYear(p.asOf, -1));
}

function shiftYear(day: string, by: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + by, m, 0)).getUTCDate(); // 29 Feb → 28 Feb
  return `${y + by}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

export function pct(numerator: number, denominator: number): number | null {
  return denominator ? round1((numerator * 100) / denominator) : null;
}

export interface CountFigure {
  value: number;
  previousYear: number;
  change: number;
  growthPct: number | null;
}

export function countFigure(value: number, previousYear: number): CountFigure {
  return {
    value,
    previousYear,
    change: round2(value - previousYear),
    growthPct: previousYear ? round1(((value - previousYear) * 100) / previousYear) : null,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface RatePoint {
  pct: number | null;
  numerator: number;
  denominator: number;
}

export interface RateFigure extends RatePoint {
  previousYear: RatePoint;
  /** percentage points versus last year */
  changePoints: number | null;
}

export function rateFigure(now: [number, number], before: [number, number]): RateFigure {
  const current = { pct: pct(now[0], now[1]), numerator: now[0], denominator: now[1] };
  const prev = { pct: pct(before[0], before[1]), numerator: before[0], denominator: before[1] };
  return {
    ...current,
    previousYear: prev,
    changePoints: current.pct !== null && prev.pct !== null ? round1(current.pct - prev.pct) : null,
  };
}

/** Parent object of every "<line>Figures" type that a subgraph adds to Region. */
export interface RegionNode {
  code: string;
}

export function regionNode(ctx: RequestContext, rawCode: string): RegionNode {
  const code = normaliseRegionCode(rawCode);
  if (!isRegionCode(code)) throw badInput(`区划代码应为12位数字 / region code must be 12 digits: ${code}`, 'code');
  return { code: scopedRegion(ctx.caller, code) };
}

/**
 * One figure for many region nodes in one SQL statement. `sql` receives the name of a relation
 * `r(code, prefix)` holding the nodes; it must return rows `{ code, value }`. Every Region in a
 * response asks through the same DataLoader, so a list of 100 regions costs the same statements as one.
 */
export function regionFigure(
  ctx: RequestContext,
  name: string,
  code: string,
  sql: (regions: string) => { text: string; params: unknown[] },
): Promise<number> {
  const loader = ctx.loaders.get<string, number>(`figure:${name}`, (codes) => figureByRegion(ctx.em, codes, sql));
  return loader.load(code);
}

export async function figureByRegion(
  em: EntityManager,
  codes: readonly string[],
  sql: (regions: string) => { text: string; params: unknown[] },
): Promise<number[]> {
  const { text, params } = sql(REGIONS);
  const rows: { code: string; value: string | number | null }[] = await em.getConnection().execute(text, [regionsParam(codes), ...params]);
  const byCode = new Map(rows.map((row) => [row.code, Number(row.value ?? 0)]));
  return codes.map((c) => byCode.get(c) ?? 0);
}

/**
 * The prefix a list filters by: the requested node narrowed to the caller's scope, or, with no node
 * asked for, the caller's scope ('' for a deployment-wide caller).
 */
export function listPrefix(ctx: RequestContext, regionCode?: string | null): string {
  return regionCode ? regionPrefix(regionNode(ctx, regionCode).code) : scopePrefix(ctx.caller);
}
