import type { RequestContext } from './context';
import type { FigureDef, MeasureValue } from './figures';
import { countFigure, periodFor, previousPeriod, type CountFigure, type YearArgs } from './figures';

/** One key of a breakdown (a category, a type …) with its figure and last year's. */
export interface BreakdownRow {
  key: string;
  figure: CountFigure;
}

const asMap = (v: MeasureValue): Record<string, number> => (typeof v === 'number' ? {} : v);

/**
 * A breakdown figure (a def with `breakdown`) at a node for a year, with last year's per key: both
 * years in the request's one statement. Keys of either year, sorted; a key counted in neither year
 * (a row read only because the two windows were scanned together) is left out.
 */
export async function breakdownYearOnYear<A>(
  ctx: RequestContext,
  def: FigureDef<A>,
  args: A & YearArgs,
  code: string,
): Promise<BreakdownRow[]> {
  if (!def.breakdown) throw new Error(`figure ${def.name} is not a breakdown`);
  const now = periodFor(ctx, args);
  const [current, previous] = (
    await Promise.all([ctx.figures.value(def, args, code, now), ctx.figures.value(def, args, code, previousPeriod(now))])
  ).map(asMap);
  return [...new Set([...Object.keys(current), ...Object.keys(previous)])]
    .sort()
    .map((key) => ({ key, figure: countFigure(current[key] ?? 0, previous[key] ?? 0) }))
    .filter((row) => row.figure.value !== 0 || row.figure.previousYear !== 0);
}
