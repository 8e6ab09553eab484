import type { EntityName } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import type { Loader } from './loaders';
import { and, inList, raw, sql, TRUE, type Sql } from './sql';

/** How rows of one table come with the rows they name in others: each alias of `from` maps to its entity. */
export interface JoinedSpec<R extends JoinedRow> {
  /** names the loader; with `where`, every parent asking shares one statement */
  name: string;
  /** FROM clause: the table asked by `key` and the tables its rows name, each aliased ('instructor_contact c JOIN party_instructor i ON …') */
  from: string;
  /** the entity each alias of `from` holds */
  entities: { [A in keyof R]: EntityName<R[A]> };
  /** SQL of the key the loader is asked by, e.g. 'c.credit_code' */
  key: string;
  /** ORDER BY within each key's rows */
  order: string;
  /** a further condition, e.g. a date range */
  where?: Sql;
}

/** A joined row: the entity of each alias. */
export type JoinedRow = { [alias: string]: object };

/**
 * Rows by a (non-unique) key, each with the rows it names joined in, grouped per key: one statement
 * per request, whatever the number of parents. For records reached by several paths at several
 * depths of one response (a contact under an organization and under an instructor, with its
 * instructor and organization): rows that come with what they name need no second loader, whose
 * batches would otherwise split by the depth they are asked at.
 */
export function rowsJoined<R extends JoinedRow, K extends string | number = string>(
  ctx: RequestContext,
  spec: JoinedSpec<R>,
): Loader<K, R[]> {
  const where = spec.where ?? TRUE;
  const name = `joined:${spec.name}:${where.text}:${JSON.stringify(where.params)}`;
  return ctx.loaders.get<K, R[]>(name, async (keys) => {
    const meta = ctx.em.getMetadata();
    const entities: Record<string, EntityName<any>> = spec.entities;
    const fields = Object.entries(entities).map(([alias, entity]) => ({
      alias,
      entity,
      columns: meta
        .get(entity)
        .props.filter((p) => p.persist !== false && !p.lazy && p.fieldNames?.length)
        .flatMap((p) => p.fieldNames),
    }));
    const select = fields.flatMap((f) => f.columns.map((c) => `${f.alias}.${c} AS "${f.alias}__${c}"`)).join(', ');
    const statement = sql`SELECT ${raw(spec.key)} AS _key, ${raw(select)} FROM ${raw(spec.from)}
      WHERE ${and(inList(spec.key, keys), where)} ORDER BY ${raw(spec.order)}`;
    const rows: Record<string, unknown>[] = await ctx.em.getConnection(ctx.readFrom).execute(statement.text, [...statement.params]);
    const groups = new Map<string, R[]>();
    for (const row of rows) {
      const joined: Record<string, object> = {};
      for (const f of fields) {
        const data = Object.fromEntries(f.columns.map((c) => [c, row[`${f.alias}__${c}`]]));
        joined[f.alias] = ctx.em.map(f.entity, data as never);
      }
      const k = String(row._key);
      groups.set(k, [...(groups.get(k) ?? []), joined as R]);
    }
    return keys.map((k) => groups.get(String(k)) ?? []);
  });
}
