import type { EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { inScope, type RequestContext } from '@district/common';

/** What resolvers use of a DataLoader (naming the type itself would tie this package to common's dataloader). */
export interface Loader<K, V> {
  load(key: K): Promise<V>;
}

/** Entities by primary key `code`, batched per request. */
export function byCode<T extends { code: string }>(ctx: RequestContext, entity: EntityName<T>, name: string): Loader<string, T | null> {
  return ctx.loaders.get<string, T | null>(`code:${name}`, async (codes) => {
    const rows = await ctx.em.find(entity, { code: { $in: [...codes] } } as FilterQuery<T>);
    const found = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => found.get(c) ?? null);
  });
}

/** An entity the caller may see: out-of-scope records resolve to null, as if they did not exist. */
export async function visibleByCode<T extends { code: string; communityCode: string }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  name: string,
  code: string,
): Promise<T | null> {
  const row = await byCode(ctx, entity, name).load(code);
  return row && inScope(ctx.caller, row.communityCode) ? row : null;
}

/**
 * Numbers per key from one grouped SQL statement. Its first `?` receives the keys comma-joined (the
 * ORM's driver would inline an array as a list), to be split with string_to_array; it returns rows
 * `{ key, ...numbers }`, and a key without a row gets `empty`.
 */
export function statsLoader<S extends Record<string, number>>(
  ctx: RequestContext,
  name: string,
  empty: S,
  sql: string,
  extra: unknown[] = [],
): Loader<string, S> {
  return ctx.loaders.get<string, S>(`stats:${name}`, async (keys) => {
    const rows: Record<string, string | number>[] = await ctx.em.getConnection().execute(sql, [keys.join(','), ...extra]);
    const found = new Map(rows.map((r) => [String(r.key), r]));
    return keys.map((k) => {
      const row = found.get(k);
      return Object.fromEntries(Object.keys(empty).map((f) => [f, row ? Number(row[f] ?? 0) : empty[f]])) as S;
    });
  });
}
