import { Client } from 'pg';

/**
 * Creates the database named in `url` if it does not exist yet (PostgreSQL has no CREATE DATABASE
 * IF NOT EXISTS), as a copy of `template` when given (tests copy a database loaded once). A new
 * database collates bytewise (C): region codes under a node are a range scan on their index.
 */
export async function ensureDatabase(url: string, template?: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name must be letters, digits and _: "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      if (template && !/^[A-Za-z0-9_]+$/.test(template)) throw new Error(`template name must be letters, digits and _: "${template}"`);
      await client.query(
        template
          ? `CREATE DATABASE "${name}" TEMPLATE "${template}"`
          : `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
      );
    }
  } catch (e) {
    // two processes racing to create the same database: the loser sees 42P04 (or 23505 on the catalog), which is fine
    const code = (e as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw e;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Same server, another database: how one PostgreSQL hosts every subgraph's database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Runs `work` while holding a session advisory lock on the database at `url`: two replicas starting
 * together migrate one after the other, and the second finds nothing left to do. Advisory locks are
 * per database, so each subgraph's migrations wait only for its own replicas.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('district:migrations'))`);
    return await work();
  } finally {
    // ending the session releases the lock even when the unlock cannot be sent
    await client.query(`SELECT pg_advisory_unlock(hashtext('district:migrations'))`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
