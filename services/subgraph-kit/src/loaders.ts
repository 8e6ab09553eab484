import type { EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { inScope } from '@district/common';
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

/**
 * A record reached by any path (a lookup, a nested reference, an entity the gateway resolves), as
 * the caller may see it: null when it lies outside the caller's region. `placeOf` says where it sits.
 */
export function visible<T>(ctx: RequestContext, row: T | null | undefined, placeOf: (row: T) => string | null | undefined): T | null {
  return row && inScope(ctx.caller, placeOf(row)) ? row : null;
}
