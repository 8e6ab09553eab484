import type { EntityManager } from '@mikro-orm/postgresql';
import { ident } from './sql';

/**
 * The next number of a ledger's numbering (XJY00001, SB20250001, YS20250001 …) within one district:
 * prefix + (the highest numeric suffix in use + 1), zero-padded to `width`. A transaction-scoped
 * advisory lock per table, district and prefix makes concurrent registrations wait for each other
 * instead of colliding on the key; the caller must be inside a transaction (audited() is).
 */
export async function nextNumber(
  em: EntityManager,
  spec: { table: string; column: string; district: string; prefix: string; width: number },
): Promise<string> {
  const { table, column, district, prefix, width } = spec;
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  if (!tx) throw new Error('nextNumber must run inside a transaction');
  await conn.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`${table}:${district}:${prefix}`], 'all', tx);
  const rows: { n: string | null }[] = await conn.execute(
    `SELECT max(substring(${ident(column)} from ${prefix.length + 1})::bigint) AS n FROM ${ident(table)}
     WHERE district_code = ? AND ${ident(column)} LIKE ? AND substring(${ident(column)} from ${prefix.length + 1}) ~ '^[0-9]+$'`,
    [district, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    'all',
    tx,
  );
  return `${prefix}${String(Number(rows[0]?.n ?? 0) + 1).padStart(width, '0')}`;
}
