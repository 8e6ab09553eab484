import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The next number in a ledger's numbering (XJY00001, SB20250001, YZ001…): prefix + the highest
 * numeric suffix + 1, zero-padded. A transaction-scoped advisory lock per prefix makes two
 * concurrent registrations wait for each other instead of colliding on the key.
 */
export async function nextCode(em: EntityManager, table: string, column: string, prefix: string, width: number): Promise<string> {
  await em.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`${table}:${prefix}`]);
  const [row] = await em.execute<{ n: string | null }[]>(
    `SELECT max(substring(${column} from ${prefix.length + 1})::bigint) AS n FROM ${table}
     WHERE ${column} LIKE ? AND substring(${column} from ${prefix.length + 1}) ~ '^[0-9]+$'`,
    [`${prefix}%`],
  );
  return `${prefix}${String(Number(row?.n ?? 0) + 1).padStart(width, '0')}`;
}
