import { and, raw, sql, type Sql } from '../sql';
import type { Period } from './period';

/**
 * A figure, declared once beside its module (modules/<domain>/<domain>.figures.ts) and computed by
 * the engine: which rows (`source`), where each row sits in the region tree (`place`), which rows a
 * period counts (`period`), what is added up (`aggregate`) and which arguments narrow it (`where`).
 * The engine answers every figure a request asks of every source in one statement.
 */
export interface FigureSource {
  /** names the source in statements and caches, e.g. 'activity' */
  name: string;
  /**
   * the FROM clause: the main table aliased `t`, and any joins (`service_record t JOIN activity a ON …`).
   * Withdrawn records of every table named here (LEFT JOINs aside) are skipped without saying (live.ts).
   */
  from: string;
  /**
   * SQL of the 12-digit (or 14-digit grid) code a row sits under: its community, grid or street, or
   * its district's node (410106000000) for a district-wide record. Never NULL; indexed.
   */
  place: string;
}

export type Aggregate =
  | { kind: 'count' }
  /** added up (additive: may be summed over communities first) */
  | { kind: 'sum'; expr: string }
  /** distinct values (a person with two certificates is one holder): not additive */
  | { kind: 'distinct'; expr: string }
  /**
   * `expr` added up once per distinct `key`: a record joined to several places (a joint meeting of
   * two communities) counts once at a node holding both. Not additive.
   */
  | { kind: 'distinctSum'; key: string; expr: string };

/** Which rows a period counts. A flow rule knows its date column, so the engine can read only the years asked. */
export interface PeriodRule {
  (p: Period): Sql;
  flowColumn?: string;
}

export interface FigureDef<A = any> {
  /** unique within the subgraph */
  name: string;
  source: FigureSource;
  period: PeriodRule;
  aggregate?: Aggregate;
  /** conditions from the figure's arguments (absent arguments add nothing) */
  where?: (args: A) => Sql | undefined | null | false;
  /** a breakdown: the value per distinct value of this expression (e.g. a category), as a map */
  breakdown?: string;
}

export const count = (): Aggregate => ({ kind: 'count' });
export const sum = (expr: string): Aggregate => ({ kind: 'sum', expr });
export const distinct = (expr: string): Aggregate => ({ kind: 'distinct', expr });
export const distinctSum = (key: string, expr: string): Aggregate => ({ kind: 'distinctSum', key, expr });

/** Records dated in the window (from 1 January to asOf): what happened. */
export function flow(column: string): PeriodRule {
  return Object.assign((p: Period) => sql`${raw(column)} BETWEEN ${p.from}::date AND ${p.to}::date`, { flowColumn: column });
}

/**
 * Records existing on asOf: begun on or before it (`since`), not yet ended (`until`, exclusive: the
 * day something ends it no longer counts). A NULL `since` means "before the ledgers began".
 */
export function stock(opts: { since?: string; until?: string; sinceRequired?: boolean }): PeriodRule {
  return (p: Period) =>
    and(
      !!opts.since &&
        (opts.sinceRequired
          ? sql`${raw(opts.since)} <= ${p.asOf}::date`
          : sql`(${raw(opts.since)} IS NULL OR ${raw(opts.since)} <= ${p.asOf}::date)`),
      !!opts.until && sql`(${raw(opts.until)} IS NULL OR ${raw(opts.until)} > ${p.asOf}::date)`,
    );
}

/** Records of the period's year by a year column (an exam year, a year of participation). */
export function ofYear(column: string): PeriodRule {
  return (p: Period) => sql`${raw(column)} = ${p.year}`;
}

/** Any rule written out: a condition built from the period. */
export const during = (rule: (p: Period) => Sql): PeriodRule => rule;

export function defineFigure<A = object>(def: FigureDef<A>): FigureDef<A> {
  return def;
}
