import type { EntityName } from '@mikro-orm/core';
import { badInput, periodOf, regionList, type Connection, type PageArgs, type Period, type RequestContext } from '@district/common';

/** A piece of SQL with its `?` parameters, in the order they appear. */
export interface Sql {
  text: string;
  params: unknown[];
}

export const sql = (text: string, ...params: unknown[]): Sql => ({ text, params });

/** Joins conditions with AND; absent ones (undefined, false) are skipped. */
export function allOf(parts: (Sql | undefined | null | false)[]): Sql {
  const given = parts.filter((p): p is Sql => !!p);
  if (!given.length) return sql('TRUE');
  return { text: given.map((p) => `(${p.text})`).join(' AND '), params: given.flatMap((p) => p.params) };
}

/** `column = value` when the value is given. */
export const eq = (column: string, value: unknown): Sql | undefined =>
  value === undefined || value === null ? undefined : sql(`${column} = ?`, value);

export interface ListSpec<T> {
  entity: EntityName<T>;
  table: string;
  /** the column holding the community (or region) code a row belongs to */
  regionColumn: string;
  /** sort enum value → column of alias t; the table's key breaks ties */
  sortColumns: Record<string, string>;
  defaultOrder: string;
}

export interface SortArg {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/** Arguments of a list field: `xs(filter, sort, first, after)`. */
export type ListArgs<F> = PageArgs & { filter?: F | null; sort?: SortArg | null };

function orderSql(spec: ListSpec<unknown>, sort: SortArg | null | undefined): string {
  if (!sort) return spec.defaultOrder;
  const column = spec.sortColumns[sort.field];
  if (!column) throw badInput(`不能按 ${sort.field} 排序 / cannot sort by ${sort.field}`, 'sort');
  return `${column} ${sort.direction === 'DESC' ? 'DESC' : 'ASC'}, ${spec.defaultOrder}`;
}

/** One page of rows under a region prefix, through common's regionList: pages under 100 regions are one statement. */
export async function pageUnder<T extends object>(
  ctx: RequestContext,
  spec: ListSpec<T>,
  prefix: string,
  filter: Sql,
  args: PageArgs & { sort?: SortArg | null },
): Promise<Connection<T>> {
  const order = orderSql(spec as ListSpec<unknown>, args.sort);
  return regionList(
    ctx,
    { entity: spec.entity, table: spec.table, column: spec.regionColumn, where: { sql: filter.text, params: filter.params }, order },
    prefix,
    args,
  );
}

/** Loads rows by a key column for every parent of this request in one statement, grouped per key. */
export function rowsBy<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T> & { name: string },
  property: string,
  key: string,
  extra: object = {},
  orderBy: object = {},
) {
  const loader = ctx.loaders.get<string, T[]>(`rows:${entity.name}:${property}:${JSON.stringify(extra)}`, async (keys) => {
    const rows = await ctx.em.find(entity, { [property]: { $in: [...keys] }, ...extra } as never, { orderBy: orderBy as never });
    return keys.map((k) => rows.filter((row) => String((row as Record<string, unknown>)[property]) === k));
  });
  return loader.load(key);
}

/** Loads one row by primary key, batched per request. */
export function rowById<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T> & { name: string },
  id: string,
  pk = 'id',
): Promise<T | null> {
  const loader = ctx.loaders.get<string, T | null>(`byId:${entity.name}`, async (ids) => {
    const rows = await ctx.em.find(entity, { [pk]: { $in: [...ids] } } as never);
    const byId = new Map(rows.map((row) => [String((row as Record<string, unknown>)[pk]), row]));
    return ids.map((i) => byId.get(i) ?? null);
  });
  return loader.load(id);
}

/** Flow figures count records dated from Jan 1 up to asOf (default Dec 31): year to date. */
export function flowRange(p: Period): [string, string] {
  return [p.from, p.asOf < p.to ? p.asOf : p.to];
}

export function todayPeriod(today: string, asOf?: string | null): Period {
  const day = asOf ?? today;
  return periodOf(Number(day.slice(0, 4)), day);
}
