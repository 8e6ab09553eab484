import { listPrefix } from '@district/common';
import { badInput, scopePrefix, type RequestContext } from '@district/common';

/**
 * Lists here filter on coverage as of a day, on units and on assignments: conditions the ORM's
 * filter objects cannot say, so they are SQL, built here and paged by common's sqlPage and regionList.
 */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'TRUE';
  }
}

/** `%` and `_` typed by a user are literal in a "contains" filter. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The prefix of a requested node, narrowed to the caller's scope. */
export const nodePrefix = (ctx: RequestContext, code: string): string => listPrefix(ctx, code);

export async function execute<R = Record<string, unknown>>(ctx: RequestContext, sql: string, params: unknown[] = []): Promise<R[]> {
  return ctx.em.getConnection().execute(sql, params) as Promise<R[]>;
}

/** The scope condition for rows carrying a region code: nothing for a deployment-wide caller. */
export function scopeCondition(ctx: RequestContext, where: Where, column = 't.region_code'): Where {
  const prefix = scopePrefix(ctx.caller);
  return prefix ? where.add(`${column} LIKE ?`, `${prefix}%`) : where;
}

/** ORDER BY from a sort argument against an allow-list of columns; ties broken by the key. */
export function orderSql(
  sort: { field: string; direction?: 'ASC' | 'DESC' | null } | null | undefined,
  columns: Record<string, string>,
  key: string,
): string {
  if (!sort) return key;
  const column = columns[sort.field];
  if (!column) throw badInput(`不能按 ${sort.field} 排序 / cannot sort by ${sort.field}`, 'sort');
  return `${column} ${sort.direction === 'DESC' ? 'DESC' : 'ASC'}, ${key}`;
}

/** Validates an optional date range given as from/to. */
export function assertRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badInput('起始日期晚于截止日期 / "from" is after "to"', 'from');
}
