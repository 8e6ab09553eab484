import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Next code in a series such as V0005201 or XQD20250899: the highest existing code of that prefix
 * plus one. The advisory lock (held until the transaction ends) keeps two registrations from taking
 * the same number.
 */
export async function nextCode(em: EntityManager, table: string, prefix: string, digits: number): Promise<string> {
  const conn = em.getConnection();
  await conn.execute('SELECT pg_advisory_xact_lock(hashtext(?))', [`${table}:${prefix}`], 'all', em.getTransactionContext());
  const rows: { last: string | null }[] = await conn.execute(
    `SELECT max(code) AS last FROM "${table}" WHERE code ~ ?`,
    [`^${prefix}[0-9]{${digits}}$`],
    'all',
    em.getTransactionContext(),
  );
  const last = rows[0]?.last ? Number(rows[0].last.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(digits, '0')}`;
}
