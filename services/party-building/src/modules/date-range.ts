import { badInput } from '@district/common';
import { and, raw, sql, type Sql } from '@district/subgraph-kit';

/** A range of days a list or a period is asked for: either end may be absent, `from` after `to` is refused. */
export function assertRange(from: string | null | undefined, to: string | null | undefined, field = 'from'): void {
  if (from && to && from > to) throw badInput('起始日期晚于截止日期 / "from" is after "to"', field);
}

/** Rows of `t` whose date column lies in an optional range. */
export function between(column: string, from: string | null | undefined, to: string | null | undefined, field = 'from'): Sql {
  assertRange(from, to, field);
  return and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);
}
