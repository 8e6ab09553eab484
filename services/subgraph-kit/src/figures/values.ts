import { badInput, isRegionCode, normaliseRegionCode, scopedRegion } from '@district/common';
import type { RequestContext } from '../context';
import type { FigureDef } from './define';
import { monthPeriod, periodOf, previousPeriod, yearRange, type Period } from './period';

export const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function pct(numerator: number, denominator: number): number | null {
  return denominator ? round1((numerator * 100) / denominator) : null;
}

/** A count (or sum) with the same figure a year earlier: every work report says "versus last year". */
export interface CountFigure {
  value: number;
  previousYear: number;
  change: number;
  /** percent, one decimal; null when last year was 0 */
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

/** The node every figure type hangs from (`Region.workforce`, `Region.volunteer` …). */
export interface RegionNode {
  code: string;
}

/** A requested node: 12 (or 14) digits, and within the caller's scope, else refused. */
export function regionNode(ctx: RequestContext, rawCode: string): RegionNode {
  const code = normaliseRegionCode(rawCode);
  if (!isRegionCode(code)) throw badInput(`区划代码应为12位数字 / region code must be 12 digits: ${code}`, 'code');
  return { code: scopedRegion(ctx.caller, code) };
}

/** Arguments every figure field takes: the year, and the day stock figures are taken on. */
export interface YearArgs {
  year: number;
  asOf?: string | null;
}

/** The window a figure field counts over: its year up to asOf, unless a series asks it for another (ctx.figurePeriod). */
export function periodFor(ctx: RequestContext, args: YearArgs): Period {
  return ctx.figurePeriod ?? periodOf(args.year, args.asOf);
}

/** A figure at a node for a year, with last year's: both periods in the request's one statement. */
export async function yearOnYear<A>(ctx: RequestContext, def: FigureDef<A>, args: A & YearArgs, code: string): Promise<CountFigure> {
  const now = periodFor(ctx, args);
  const [value, before] = await Promise.all([
    ctx.figures.number(def, args, code, now),
    ctx.figures.number(def, args, code, previousPeriod(now)),
  ]);
  return countFigure(value, before);
}

/** A rate (numerator ÷ denominator) at a node for a year, with last year's. */
export async function rateYearOnYear<A>(
  ctx: RequestContext,
  numerator: FigureDef<A>,
  denominator: FigureDef<A>,
  args: A & YearArgs,
  code: string,
): Promise<RateFigure> {
  const now = periodFor(ctx, args);
  const before = previousPeriod(now);
  const [n1, d1, n0, d0] = await Promise.all([
    ctx.figures.number(numerator, args, code, now),
    ctx.figures.number(denominator, args, code, now),
    ctx.figures.number(numerator, args, code, before),
    ctx.figures.number(denominator, args, code, before),
  ]);
  return rateFigure([n1, d1], [n0, d0]);
}

/** One point of a series: the figure over a year, or over a month. */
export interface SeriesPoint {
  year: number;
  month: number | null;
  from: string;
  to: string;
  value: number;
}

/** The figure over each year of a range, or each month of a year: one statement for all points. */
export async function series<A>(
  ctx: RequestContext,
  def: FigureDef<A>,
  args: A,
  code: string,
  range: { fromYear: number; toYear: number } | { year: number; byMonth: true },
): Promise<SeriesPoint[]> {
  const periods: (Period & { month: number | null })[] =
    'byMonth' in range
      ? Array.from({ length: 12 }, (_, i) => ({ ...monthPeriod(range.year, i + 1), month: i + 1 }))
      : yearRange(range.fromYear, range.toYear).map((p) => ({ ...p, month: null }));
  const values = await Promise.all(periods.map((p) => ctx.figures.number(def, args, code, p)));
  return periods.map((p, i) => ({ year: p.year, month: p.month, from: p.from, to: p.to, value: values[i] }));
}
