import { Pool } from 'pg';
import { ensureDatabase, withMigrationLock } from '@district/common';
import { watchPool } from '@district/telemetry';

/**
 * The gateway's own small database (GATEWAY_DATABASE_URL): what every gateway replica must agree
 * on, so a caller's rate limit and a client's persisted queries do not depend on which replica a
 * load balancer picks. Its tables are made once, under the migration lock, by whichever replica (or
 * the migration job) comes first.
 */
const MIGRATIONS = [
  // rate-limiter-flexible's table, in the shape its Postgres store reads and upserts
  `CREATE TABLE IF NOT EXISTS rate_limit (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
  `CREATE TABLE IF NOT EXISTS persisted_query (key text PRIMARY KEY, value text NOT NULL, expires_at timestamptz)`,
  `CREATE INDEX IF NOT EXISTS persisted_query_expires ON persisted_query (expires_at)`,
];

export interface GatewayStore {
  pool: Pool;
  close(): Promise<void>;
}

export async function migrateGatewayDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  await withMigrationLock(url, async () => {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      for (const statement of MIGRATIONS) await pool.query(statement);
    } finally {
      await pool.end();
    }
  });
}

export async function openGatewayStore(url: string, poolMax = 10): Promise<GatewayStore> {
  await migrateGatewayDatabase(url);
  const pool = new Pool({ connectionString: url, max: poolMax });
  // an idle connection dropped by the server must not take the process down
  pool.on('error', () => undefined);
  const unwatch = watchPool('gateway', 'gateway', () => ({
    used: pool.totalCount - pool.idleCount,
    free: pool.idleCount,
    waiting: pool.waitingCount,
  }));
  return {
    pool,
    async close() {
      unwatch();
      await pool.end();
    },
  };
}
