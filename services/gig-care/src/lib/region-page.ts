import type { EntityDictionary, EntityName } from '@mikro-orm/core';
import { connection, pageWindow, regionPrefix, type Connection, type PageArgs, type RequestContext } from '@district/common';

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

export interface RegionPageQuery<T> {
  /** loader name: together with the arguments it tells one field selection from another */
  name: string;
  entity: EntityName<T>;
  table: string;
  /** the community column the node's prefix is matched against */
  column: string;
  where: SqlCondition;
  orderBy: string;
  args: PageArgs;
}

const REGIONS = `(SELECT * FROM unnest(string_to_array(?, ','), string_to_array(?, ',')) AS r0(code, prefix)) AS r`;

/**
 * One page of rows under a region node, for every Region of the response in one statement: the
 * window functions number and count the rows per node, so 100 Regions cost what one does.
 * `node` must already be narrowed to the caller's scope (regionNode).
 */
export function regionPage<T extends object>(ctx: RequestContext, q: RegionPageQuery<T>, node: string): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(q.args);
  const key = `region-page:${q.name}:${JSON.stringify([q.where.params, q.orderBy, limit, offset])}`;
  const loader = ctx.loaders.get<string, Connection<T>>(key, async (nodes) => {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `SELECT x.* FROM (
         SELECT r.code AS "__node", count(*) OVER w AS "__total", row_number() OVER (w ORDER BY ${q.orderBy}) AS "__n", t.*
         FROM ${REGIONS} JOIN ${q.table} t ON t.${q.column} LIKE r.prefix || '%'
         WHERE ${q.where.sql}
         WINDOW w AS (PARTITION BY r.code)
       ) x WHERE x."__n" = 1 OR (x."__n" > ? AND x."__n" <= ?)
       ORDER BY x."__node", x."__n"`,
      [nodes.join(','), nodes.map(regionPrefix).join(','), ...q.where.params, offset, offset + limit],
    );
    return nodes.map((node) => {
      const mine = rows.filter((row) => row.__node === node);
      const total = mine.length ? Number(mine[0].__total) : 0;
      const page = mine
        .filter((row) => Number(row.__n) > offset && Number(row.__n) <= offset + limit)
        .map(({ __node, __total, __n, ...data }) => ctx.em.map(q.entity, data as EntityDictionary<T>));
      return connection(page, total, offset);
    });
  });
  return loader.load(node);
}
