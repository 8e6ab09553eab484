import type { EntityName } from '@mikro-orm/postgresql';
import { badInput, prefixRange, regionPrefix, scopePrefix, todayInChina } from '@district/common';
import { nodeRanges, nodeRows, withinRanges } from './ranges';
import { regionNode } from './figures/values';
import type { RequestContext } from './context';
import { connection, pageWindow, type Connection, type PageArgs } from './pagination';
import { and, raw, sql, TRUE, type Sql } from './sql';
import { liveRow } from './live';
import { wholeNumber } from './input';

/** A sort argument as every list takes it: `sort: { field: X, direction: DESC }`. */
export interface SortArg {
  field: string;
  direction?: 'ASC' | 'DESC' | null;
}

/** Arguments of a list field: `xs(filter, sort, first, after)`. */
export type ListArgs<F> = PageArgs & { filter?: F | null; sort?: SortArg | null };

/** How a list of one table is read. */
export interface ListSpec<T> {
  entity: EntityName<T>;
  /** the table, aliased `t` in every condition and column below */
  table: string;
  /** column of `t` holding the code a row sits under (community, grid, street or district node) */
  place: string;
  /** sort enum value → SQL column of `t` */
  sortColumns: Record<string, string>;
  /** the default order, ending in a unique column so pages never overlap */
  defaultOrder: string;
  /**
   * what to read instead of the table: a parenthesised query with the table's columns and `place`
   * (e.g. workers with the community of the post they held on a day, so a list "on a day" places
   * each row where the figure of that day counts it)
   */
  from?: Sql;
}

/** ORDER BY for a sort argument, checked against the list's allowed columns; ties broken by the default order. */
export function orderBy(sort: SortArg | null | undefined, columns: Record<string, string>, defaultOrder: string): string {
  if (!sort) return defaultOrder;
  const column = columns[sort.field];
  if (!column) throw badInput(`不能按 ${sort.field} 排序 / cannot sort by ${sort.field}`, 'sort');
  return `${column} ${sort.direction === 'DESC' ? 'DESC' : 'ASC'}, ${defaultOrder}`;
}

/**
 * One page of the rows under a node (given by its prefix: a node already checked against the caller's
 * scope, the caller's scope itself, or '' for the whole deployment), with the total; withdrawn
 * records never. Every parent of
 * the response asking for the same list shares one statement: a window function numbers each node's
 * rows. Row 1 of each node always comes back, so its total is known even past the last page.
 */
export function listUnder<T extends object>(
  ctx: RequestContext,
  spec: ListSpec<T>,
  prefix: string,
  where: Sql,
  args: PageArgs & { sort?: SortArg | null },
): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const order = orderBy(args.sort, spec.sortColumns, spec.defaultOrder);
  const from = spec.from ?? raw(spec.table);
  const key = `list:${JSON.stringify([from.text, from.params, spec.place, where.text, where.params, order, limit, offset])}`;
  const loader = ctx.loaders.get<string, Connection<T>>(key, async (prefixes) => {
    const nodes = nodeRanges(prefixes.map((p) => ({ key: p, prefix: p })));
    const statement = sql`SELECT * FROM (
         SELECT r.p AS _node, t.*, row_number() OVER (w ORDER BY ${raw(order)}) AS _n, count(*) OVER w AS _total
         FROM ${nodeRows(nodes, 'r', 'p')}
         JOIN ${from} t ON t.${raw(spec.place)} >= r.lo AND t.${raw(spec.place)} < r.hi
         WHERE ${withinRanges(`t.${spec.place}`, nodes)} AND ${and(liveRow(ctx.em, spec.table, 't'), where)}
         WINDOW w AS (PARTITION BY r.p)) x
       WHERE _n = 1 OR _n BETWEEN ${offset + 1} AND ${offset + limit}
       ORDER BY _node, _n`;
    const rows: Record<string, unknown>[] = await ctx.em.getConnection(ctx.readFrom).execute(statement.text, [...statement.params]);
    const pages = new Map<string, { total: number; nodes: T[] }>();
    for (const { _node, _n, _total, ...row } of rows) {
      const page = pages.get(String(_node)) ?? { total: Number(_total), nodes: [] };
      pages.set(String(_node), page);
      const n = Number(_n);
      if (n > offset && n <= offset + limit) page.nodes.push(ctx.em.map(spec.entity, row as never));
    }
    return prefixes.map((p) => connection(pages.get(p)?.nodes ?? [], pages.get(p)?.total ?? 0, offset));
  });
  return loader.load(prefix);
}

/**
 * One page of a table's rows matching `where` (not placed under a node: district-wide lists), with
 * the total. The total comes with the rows; only a page past the end needs a second statement.
 */
export async function listWhere<T extends object>(
  ctx: RequestContext,
  spec: Pick<ListSpec<T>, 'entity' | 'table' | 'sortColumns' | 'defaultOrder'>,
  where: Sql,
  args: PageArgs & { sort?: SortArg | null },
): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const order = orderBy(args.sort, spec.sortColumns, spec.defaultOrder);
  const conn = ctx.em.getConnection(ctx.readFrom);
  const live = and(liveRow(ctx.em, spec.table, 't'), where);
  const page = sql`SELECT t.*, count(*) OVER () AS _total FROM ${raw(spec.table)} t WHERE ${live}
    ORDER BY ${raw(order)} LIMIT ${limit} OFFSET ${offset}`;
  const rows: Record<string, unknown>[] = await conn.execute(page.text, [...page.params]);
  let total = rows.length ? Number(rows[0]._total) : 0;
  if (!rows.length && offset > 0) {
    const counted = sql`SELECT count(*) AS n FROM ${raw(spec.table)} t WHERE ${live}`;
    const [{ n }]: { n: string }[] = await conn.execute(counted.text, [...counted.params]);
    total = Number(n);
  }
  return connection(
    rows.map(({ _total, ...row }) => ctx.em.map(spec.entity, row as never)),
    total,
    offset,
  );
}

/** Rows of `t` under a prefix, as a condition (for lists that join or aggregate on their own). */
export function underPrefix(column: string, prefix: string): Sql {
  if (!prefix) return TRUE;
  const { lo, hi } = prefixRange(prefix);
  return sql`${raw(column)} >= ${lo} AND ${raw(column)} < ${hi}`;
}

/**
 * The prefix a list reads: the requested node (checked against the caller's scope: outside or above
 * it is refused), or, with no node asked for, the caller's scope ('' for a deployment-wide caller).
 */
export function listPrefix(ctx: RequestContext, regionCode?: string | null): string {
  return regionCode ? regionPrefix(regionNode(ctx, regionCode).code) : scopePrefix(ctx.caller);
}

/**
 * Rows dated more than `days` days before `on` (default today): "needs open for more than 30 days"
 * is a status set and `olderThanDays: 30` in one list, not a client-side date sum.
 */
export function olderThan(column: string, days: number | null | undefined, on?: string | null, field = 'olderThanDays'): Sql | undefined {
  if (days === null || days === undefined) return undefined;
  const n = wholeNumber(days, field, '天数', 0, 36_500);
  return sql`${raw(column)} < ${on ?? todayInChina()}::date - ${n}::int`;
}
