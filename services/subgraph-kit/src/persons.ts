import { Client } from 'pg';
import { writePersonIds, type PersonColumns, type PersonKey } from '@district/common';

/**
 * Person ids (a keyed hash of the ID number, @district/common persons.ts) are stored beside every ID
 * number a subgraph holds, so `Person` entities resolve by an indexed column. Mutations write them
 * with the row; imports write them for the rows of each batch. At start-up a subgraph makes sure
 * every stored id was computed with the deployment's current key: rows lacking one are filled, and
 * all of them are computed again when the key changed (its fingerprint is kept in
 * `person_key_state`). Replicas starting together take turns under an advisory lock.
 */
export async function syncPersonIds(databaseUrl: string, key: PersonKey, tables: readonly PersonColumns[]): Promise<void> {
  if (!tables.length) return;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('district:person-ids'))`);
    const stored = await db.query<{ fingerprint: string }>('SELECT fingerprint FROM person_key_state WHERE id = 1');
    const fingerprint = key.fingerprint();
    const which = stored.rows[0]?.fingerprint === fingerprint ? 'missing' : 'all';
    for (const t of tables) await writePersonIds(db, key, t, which);
    await db.query(
      `INSERT INTO person_key_state (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint`,
      [fingerprint],
    );
    await db.query('COMMIT');
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}
