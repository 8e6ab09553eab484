import type { EntityName } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import { connection, pageWindow, type Connection, type PageArgs } from './pagination';
import { regionPrefix } from './regions';

/**
 * The relation `r(code, prefix)` of the region nodes one statement answers for. The nodes travel as
 * one JSON parameter: the ORM's driver inlines array parameters as lists, and a comma-joined string
 * would lose the '' prefix of a list over the whole deployment.
 */
export const REGIONS = `json_to_recordset(?::json) AS r(code text, prefix text)`;

/** The parameter of REGIONS: nodes by code, or by prefix when `prefixOf` is the identity. */
export function regionsParam(codes: readonly string[], prefixOf: (code: string) => string = regionPrefix): string {
  return JSON.stringify(codes.map((code) => ({ code, prefix: prefixOf(code) })));
}

/** A SQL condition with its `?` parameters in order. */
export interface SqlCondition {
  sql: string;
  params: readonly unknown[];
}

export interface RegionListSpec<T> {
  entity: EntityName<T>;
  table: string;
  /** the table's alias in `column`, `where` and `order` */
  alias?: string;
  /** the column holding a code that starts with the node's prefix */
  column: string;
  where?: SqlCondition;
  order: string;
}

/**
 * One page of rows under each of many region prefixes in one statement: a window function numbers the
 * rows per prefix, so 100 Regions asking for a list cost one query, not 100. Row 1 of each prefix always
 * comes back so its total is known even when the page is past the end. `prefix` is that of a node
 * already narrowed to the caller's scope, the caller's scope itself, or '' for the whole deployment.
 */
export function regionList<T extends object>(
  ctx: RequestContext,
  spec: RegionListSpec<T>,
  prefix: string,
  args: PageArgs,
): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const t = spec.alias ?? 't';
  const where = spec.where ?? { sql: 'TRUE', params: [] };
  // parents share a loader when everything but the prefixes is the same statement
  const key = `region-list:${JSON.stringify([spec.table, t, spec.column, where.sql, where.params, spec.order, limit, offset])}`;
  const loader = ctx.loaders.get<string, Connection<T>>(key, async (prefixes) => {
    const rows: Record<string, unknown>[] = await ctx.em.getConnection().execute(
      `SELECT * FROM (
         SELECT r.code AS _node, ${t}.*, row_number() OVER (w ORDER BY ${spec.order}) AS _n, count(*) OVER w AS _total
         FROM ${REGIONS} JOIN ${spec.table} ${t} ON ${t}.${spec.column} LIKE r.prefix || '%'
         WHERE ${where.sql}
         WINDOW w AS (PARTITION BY r.code)) x
       WHERE _n = 1 OR _n BETWEEN ? AND ?
       ORDER BY _node, _n`,
      [regionsParam(prefixes, (p) => p), ...where.params, offset + 1, offset + limit],
    );
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
 * Rows `{ code, key, value }` for many region nodes in one statement, grouped per node. `sql` gets the
 * relation REGIONS; `name` must name every argument the SQL depends on (it keys the loader).
 */
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
      .execute(text, [regionsParam(codes), ...params]);
    return codes.map((c) => new Map(rows.filter((r) => r.code === c).map((r) => [r.key, Number(r.value)])));
  });
  return loader.load(code);
}

/**
 * One page of `table` rows (aliased `t`) matching `where`, with the total, as entities: for lists whose
 * conditions the ORM's filter objects cannot say. The total comes with the rows; only a page past the
 * end needs a second statement to count.
 */
export async function sqlPage<T extends object>(
  ctx: RequestContext,
  entity: EntityName<T>,
  table: string,
  where: SqlCondition,
  orderBy: string,
  args: PageArgs,
): Promise<Connection<T>> {
  const { limit, offset } = pageWindow(args);
  const conn = ctx.em.getConnection();
  const rows: (Record<string, unknown> & { total_count: string })[] = await conn.execute(
    `SELECT t.*, count(*) OVER () AS total_count FROM ${table} t WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    [...where.params, limit, offset],
  );
  let total = rows.length ? Number(rows[0].total_count) : 0;
  if (!rows.length && offset > 0) {
    const [{ n }]: { n: string }[] = await conn.execute(`SELECT count(*) AS n FROM ${table} t WHERE ${where.sql}`, [...where.params]);
    total = Number(n);
  }
  return connection(
    rows.map(({ total_count: _t, ...row }) => ctx.em.map(entity, row as never)),
    total,
    offset,
  );
}
