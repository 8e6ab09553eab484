import { connection, pageWindow, regionPrefix, type Connection, type PageArgs, type RequestContext } from '@district/common';
import type { EntityName } from '@mikro-orm/postgresql';

/** The relation `r(code, prefix)` of the region nodes asked for, as common's regionFigure builds it. */
const REGIONS = `(SELECT * FROM unnest(string_to_array(?, ','), string_to_array(?, ',')) AS r0(code, prefix)) AS r`;

const regionParams = (codes: readonly string[]) => [codes.join(','), codes.map(regionPrefix).join(',')];

export interface RegionListSpec<T> {
  entity: EntityName<T>;
  table: string;
  /** column holding a code that starts with the node's prefix */
  column: string;
  /** extra condition on `t` with its parameters */
  where?: { sql: string; params: unknown[] };
  order: string;
}

/**
 * One page of rows under each of many region nodes in one statement: a window function numbers the
 * rows per node, so 100 Regions asking for their stations cost one query, not 100. The first row of
 * each node is always returned so its total is known even when the page is past the end.
 */
export function regionList<T extends object>(ctx: RequestContext, name: string, code: string, spec: RegionListSpec<T>, args: PageArgs): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const key = `list:${name}:${limit}:${offset}:${JSON.stringify(spec.where?.params ?? [])}`;
  const loader = ctx.loaders.get<string, Connection<T>>(key, async (codes) => {
    const rows: Record<string, unknown>[] = await ctx.em.getConnection().execute(
      `SELECT * FROM (
         SELECT r.code AS _node, t.*, row_number() OVER w AS _n, count(*) OVER (PARTITION BY r.code) AS _total
         FROM ${REGIONS} JOIN "${spec.table}" t ON t.${spec.column} LIKE r.prefix || '%' ${spec.where ? `AND ${spec.where.sql}` : ''}
         WINDOW w AS (PARTITION BY r.code ORDER BY ${spec.order})) x
       WHERE _n = 1 OR _n BETWEEN ? AND ?
       ORDER BY _node, _n`,
      [...regionParams(codes), ...(spec.where?.params ?? []), offset + 1, offset + limit],
    );
    const pages = new Map<string, { total: number; nodes: T[] }>();
    for (const { _node, _n, _total, ...row } of rows) {
      const page = pages.get(String(_node)) ?? { total: Number(_total), nodes: [] };
      pages.set(String(_node), page);
      const n = Number(_n);
      if (n > offset && n <= offset + limit) page.nodes.push(ctx.em.map(spec.entity, row as never));
    }
    return codes.map((c) => {
      const page = pages.get(c);
      return connection(page?.nodes ?? [], page?.total ?? 0, offset);
    });
  });
  return loader.load(code);
}

/** Rows `{ code, key, value }` for many region nodes in one statement, grouped per node. */
export function regionBreakdown(
  ctx: RequestContext,
  name: string,
  code: string,
  sql: (regions: string) => { text: string; params: unknown[] },
): Promise<Map<string, number>> {
  const loader = ctx.loaders.get<string, Map<string, number>>(`breakdown:${name}`, async (codes) => {
    const { text, params } = sql(REGIONS);
    const rows: { code: string; key: string; value: string | number }[] = await ctx.em
      .getConnection()
      .execute(text, [...regionParams(codes), ...params]);
    return codes.map((c) => new Map(rows.filter((r) => r.code === c).map((r) => [r.key, Number(r.value)])));
  });
  return loader.load(code);
}
