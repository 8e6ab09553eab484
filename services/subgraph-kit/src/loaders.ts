import type { EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { ident, inScope } from '@district/common';
import type { RequestContext } from './context';

/** What resolvers use of a DataLoader. */
export interface Loader<K, V> {
  load(key: K): Promise<V>;
}

type Named<T> = EntityName<T> & { name: string };

/**
 * Entities by one unique property (a primary key, a code), batched per request: every parent of a
 * response asking costs one statement together.
 */
export function byKey<T extends object, K extends string | number = string>(
  ctx: RequestContext,
  entity: Named<T>,
  property: keyof T & string,
  extra: FilterQuery<T> = {} as FilterQuery<T>,
): Loader<K, T | null> {
  return ctx.loaders.get<K, T | null>(`byKey:${entity.name}:${property}:${JSON.stringify(extra)}`, async (keys) => {
    const rows = await ctx.em.find(entity, { ...(extra as object), [property]: { $in: [...keys] } } as FilterQuery<T>);
    const found = new Map(rows.map((r) => [String(r[property]), r]));
    return keys.map((k) => found.get(String(k)) ?? null);
  });
}

/** Rows by a (non-unique) property, grouped per key, in one statement per request. */
export function rowsBy<T extends object, K extends string | number = string>(
  ctx: RequestContext,
  entity: Named<T>,
  property: keyof T & string,
  opts: { where?: FilterQuery<T>; orderBy?: object } = {},
): Loader<K, T[]> {
  return ctx.loaders.get<K, T[]>(`rowsBy:${entity.name}:${property}:${JSON.stringify(opts)}`, async (keys) => {
    const rows = await ctx.em.find(entity, { ...(opts.where as object), [property]: { $in: [...keys] } } as FilterQuery<T>, {
      orderBy: opts.orderBy as never,
    });
    const groups = new Map<string, T[]>();
    for (const r of rows) {
      const k = String(r[property]);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    return keys.map((k) => groups.get(String(k)) ?? []);
  });
}

type Row = Record<string, unknown>;

/**
 * Rows of `entity` whose `property` is one of `keys`, kept per data version: a warm request reads
 * none of them from the database. Raw rows are kept (never entities, which belong to one request's
 * entity manager) and mapped into the request's own.
 */
async function rowsPerVersion<T extends object>(
  ctx: RequestContext,
  entity: Named<T>,
  property: keyof T & string,
  keys: readonly string[],
  orderBy?: keyof T & string,
): Promise<Map<string, Row[]>> {
  const cache = ctx.rowsPerVersion!;
  const meta = ctx.em.getMetadata().find(entity.name)!;
  const column = meta.properties[property].fieldNames[0];
  const order = orderBy ? meta.properties[orderBy].fieldNames[0] : column;
  const version = cache.version();
  const cacheKey = (k: string) => `${meta.tableName}.${column}=${k}|${order}`;
  const found = new Map<string, Row[]>();
  const missing: string[] = [];
  for (const k of keys) {
    const hit = version === undefined ? undefined : (cache.get(version, cacheKey(k)) as Row[] | undefined);
    if (hit) found.set(k, hit);
    else missing.push(k);
  }
  if (missing.length) {
    // the primary, never a replica: rows kept under the version announced must not be older than it
    const rows: Row[] = await ctx.em
      .getConnection('write')
      .execute(
        `SELECT * FROM ${ident(meta.tableName)} WHERE ${ident(column)} IN (${missing.map(() => '?').join(', ')}) ORDER BY ${ident(order)}`,
        missing,
      );
    for (const k of missing) found.set(k, []);
    for (const row of rows) found.get(String(row[column]))?.push(row);
    if (version !== undefined) for (const k of missing) cache.set(version, cacheKey(k), found.get(k));
  }
  return found;
}

/**
 * byKey for rows that only change with the data (a region by its code): kept per data version, so
 * the tree a report walks costs no statement once it has been read.
 */
export function byKeyPerVersion<T extends object>(
  ctx: RequestContext,
  entity: Named<T>,
  property: keyof T & string,
): Loader<string, T | null> {
  if (!ctx.rowsPerVersion) return byKey<T>(ctx, entity, property);
  return ctx.loaders.get<string, T | null>(`byKeyPerVersion:${entity.name}:${property}`, async (keys) => {
    const found = await rowsPerVersion(ctx, entity, property, keys);
    return keys.map((k) => {
      const row = found.get(k)?.[0];
      return row ? ctx.em.map(entity, { ...row } as never) : null;
    });
  });
}

/** rowsBy, kept per data version like byKeyPerVersion (a region's children), in `orderBy`'s order. */
export function rowsByPerVersion<T extends object>(
  ctx: RequestContext,
  entity: Named<T>,
  property: keyof T & string,
  orderBy: keyof T & string,
): Loader<string, T[]> {
  if (!ctx.rowsPerVersion) return rowsBy<T>(ctx, entity, property, { orderBy: { [orderBy]: 'asc' } });
  return ctx.loaders.get<string, T[]>(`rowsByPerVersion:${entity.name}:${property}:${orderBy}`, async (keys) => {
    const found = await rowsPerVersion(ctx, entity, property, keys, orderBy);
    return keys.map((k) => (found.get(k) ?? []).map((row) => ctx.em.map(entity, { ...row } as never)));
  });
}

/**
 * A record reached by any path (a lookup, a nested reference, an entity the gateway resolves), as
 * the caller may see it: null when it lies outside the caller's region. `placeOf` says where it sits.
 */
export function visible<T>(ctx: RequestContext, row: T | null | undefined, placeOf: (row: T) => string | null | undefined): T | null {
  return row && inScope(ctx.caller, placeOf(row)) ? row : null;
}
