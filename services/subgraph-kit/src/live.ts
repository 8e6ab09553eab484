import type { EntityManager } from '@mikro-orm/postgresql';
import { raw, TRUE, and, type Sql } from './sql';
import { Withdrawable } from './records';

/**
 * Withdrawn records (records.ts) are skipped by every read. The ORM does it through its `live`
 * filter (db.ts); SQL written by hand asks here for the condition its tables need. Lists, joined
 * rows and figures built with the kit's helpers get it without asking.
 */

const withdrawableTables = new WeakMap<object, Set<string>>();

/** The tables of this subgraph whose records can be withdrawn (their entities extend Withdrawable, as the ORM filter's do). */
function tablesOf(em: EntityManager): Set<string> {
  const metadata = em.getMetadata();
  let tables = withdrawableTables.get(metadata);
  if (!tables) {
    tables = new Set(
      Object.values(metadata.getAll())
        .filter((m) => !m.abstract && m.class?.prototype instanceof Withdrawable)
        .map((m) => m.tableName),
    );
    withdrawableTables.set(metadata, tables);
  }
  return tables;
}

export const isWithdrawableTable = (em: EntityManager, table: string): boolean => tablesOf(em).has(table);

/** `alias.withdrawn_on IS NULL` when the table holds withdrawable records, else nothing. */
export function liveRow(em: EntityManager, table: string, alias: string): Sql {
  return isWithdrawableTable(em, table) ? raw(`${alias}.withdrawn_on IS NULL`) : TRUE;
}

// `table alias` at the start of a FROM clause and after each JOIN; a LEFT JOIN is optional and left to its writer
const TABLE_ALIAS = /(^\s*|\b(LEFT\s+(?:OUTER\s+)?)?JOIN\s+)([a-z_][a-z0-9_]*)\s+(?:AS\s+)?([a-z_][a-z0-9_]*)/gi;

/**
 * The live-row condition of every table named in a FROM clause written as `table alias [JOIN table
 * alias ON …]…` (figure sources, joined rows): a figure or list over joined tables counts a row only
 * when none of the records it joins is withdrawn.
 */
export function liveRowsOf(em: EntityManager, from: string): Sql {
  const parts: Sql[] = [];
  for (const m of from.matchAll(TABLE_ALIAS)) {
    if (m[2]) continue;
    parts.push(liveRow(em, m[3], m[4]));
  }
  return and(...parts.filter((p) => p !== TRUE));
}
