import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

/** Whether a caller may send one more request this minute. */
export interface CallerRateLimit {
  allow(subject: string): Promise<boolean>;
}

/**
 * Per-caller requests a minute, counted in the gateway's database when it has one (rate-limiter-
 * flexible's Postgres store: one atomic upsert per request), so the limit holds however many gateway
 * replicas share the traffic. Should that database stop answering, each replica falls back to
 * counting in its own memory (the library's insurance limiter) rather than refusing everyone or
 * letting everyone through. Without a database (one gateway, tests), memory only.
 */
export function callerRateLimit(perMinute: number, pool?: Pool): CallerRateLimit {
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'caller' });
  const limiter = pool
    ? new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limit',
        tableCreated: true, // made by the gateway's migrations (store.ts)
        points: perMinute,
        duration: 60,
        keyPrefix: 'caller',
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async allow(subject: string) {
      try {
        await limiter.consume(subject);
        return true;
      } catch (e) {
        if (e instanceof RateLimiterRes) return false;
        throw e;
      }
    },
  };
}
