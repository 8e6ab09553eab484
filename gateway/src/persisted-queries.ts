import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Pool } from 'pg';

/**
 * Apollo's key-value cache in the gateway's database, for automatic persisted queries: a client
 * that registered a query's hash on one gateway replica can send the hash alone to any other.
 * Expired entries are never served and are swept now and then.
 */
export class PostgresKeyValueCache implements KeyValueCache<string> {
  private sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    sweepEveryMs = 10 * 60_000,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async get(key: string): Promise<string | undefined> {
    const res = await this.pool.query<{ value: string }>(
      'SELECT value FROM persisted_query WHERE key = $1 AND (expires_at IS NULL OR expires_at > now())',
      [key],
    );
    return res.rows[0]?.value;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl;
    await this.pool.query(
      `INSERT INTO persisted_query (key, value, expires_at) VALUES ($1, $2, CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $3::float8) END)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, value, ttl ?? null],
    );
  }

  async delete(key: string): Promise<boolean | void> {
    const res = await this.pool.query('DELETE FROM persisted_query WHERE key = $1', [key]);
    return (res.rowCount ?? 0) > 0;
  }

  async sweep(): Promise<void> {
    await this.pool.query('DELETE FROM persisted_query WHERE expires_at < now()').catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
}
