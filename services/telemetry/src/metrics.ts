import type express from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * Prometheus metrics, one registry per process (prom-client's default), served at /metrics. Labels
 * are bounded: operation names come from the documents clients send (anonymous ones are "-"),
 * subgraphs and error codes from fixed lists; never a caller, an id or a value.
 */
const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let defaultsOn = false;

export const metrics = {
  httpRequests: new Counter({
    name: 'district_http_requests_total',
    help: 'HTTP requests answered, by service, route and status',
    labelNames: ['service', 'route', 'status'] as const,
  }),
  operationDuration: new Histogram({
    name: 'district_graphql_operation_duration_seconds',
    help: 'GraphQL operations from request to response, by service and operation name',
    labelNames: ['service', 'operation', 'type'] as const,
    buckets: seconds,
  }),
  subgraphFetchDuration: new Histogram({
    name: 'district_gateway_subgraph_fetch_duration_seconds',
    help: 'Gateway calls to a subgraph, by operation and subgraph',
    labelNames: ['operation', 'subgraph'] as const,
    buckets: seconds,
  }),
  errors: new Counter({
    name: 'district_graphql_errors_total',
    help: 'Errors returned to callers, by service and code (BAD_USER_INPUT, FORBIDDEN, RATE_LIMITED …)',
    labelNames: ['service', 'code'] as const,
  }),
  dbPool: new Gauge({
    name: 'district_db_pool_connections',
    help: 'Database pool connections, by service, pool (primary, read, gateway) and state (used, free, waiting)',
    labelNames: ['service', 'pool', 'state'] as const,
  }),
  importRows: new Counter({
    name: 'district_ledger_import_rows_total',
    help: 'Ledger rows imported, by ledger file and outcome (inserted, updated, unchanged, refused)',
    labelNames: ['ledger', 'outcome'] as const,
  }),
};

/** A pool's connections, read when Prometheus scrapes (so no timer runs between scrapes). */
export interface PoolStats {
  used: number;
  free: number;
  waiting: number;
}

const pools = new Map<string, () => PoolStats | undefined>();

/** Registers a pool whose connections /metrics reports; the returned function stops reporting it. */
export function watchPool(service: string, pool: string, stats: () => PoolStats | undefined): () => void {
  const key = `${service}\u0000${pool}`;
  pools.set(key, stats);
  return () => {
    pools.delete(key);
    for (const state of ['used', 'free', 'waiting']) metrics.dbPool.remove({ service, pool, state });
  };
}

async function collectPools(): Promise<void> {
  for (const [key, stats] of pools) {
    const [service, pool] = key.split('\u0000');
    const s = stats();
    if (!s) continue;
    metrics.dbPool.set({ service, pool, state: 'used' }, s.used);
    metrics.dbPool.set({ service, pool, state: 'free' }, s.free);
    metrics.dbPool.set({ service, pool, state: 'waiting' }, s.waiting);
  }
}

/** The /metrics handler; the process's CPU, memory, event loop lag and GC are included (once per process). */
export function metricsHandler(): express.RequestHandler {
  if (!defaultsOn) {
    defaultsOn = true;
    collectDefaultMetrics();
  }
  return async (_req, res) => {
    await collectPools();
    res.setHeader('content-type', register.contentType);
    res.end(await register.metrics());
  };
}

/** Counts every HTTP answer by route (the matched path, never the raw URL) and status. */
export function countRequests(service: string): express.RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      const route = req.baseUrl || req.path;
      metrics.httpRequests.inc({ service, route: KNOWN_ROUTES.has(route) ? route : 'other', status: String(res.statusCode) });
    });
    next();
  };
}

const KNOWN_ROUTES = new Set(['/graphql', '/metrics', '/livez', '/readyz', '/health']);

/** Operation names label metrics: a client could send any string, so only names of a sane shape count. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '-';
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'invalid';
}
