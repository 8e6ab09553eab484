import type express from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';
import { maskIdNumber, maskPhone } from '@district/common';

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

/** The most distinct operation names a process gives their own label; later new names share "other". */
export const MAX_OPERATION_LABELS = 200;
const labelled = new Set<string>();
const registeredNames = new Set<string>();

/** Names of the registered (persisted, reviewed) operations: always labelled as themselves, outside the cap. */
export function registerOperationNames(names: Iterable<string>): void {
  for (const n of names) registeredNames.add(n);
}

/** A run of digits shaped like a phone or an ID number in a name. */
const PERSONAL_DIGITS = /\d{17}[\dXx]|\d{15}|\d{11}/g;

/**
 * Operation names label metrics, and a client can send any name: each new one would add series
 * without end (the label cardinality Prometheus warns against). Registered operations keep their
 * names; any other name is labelled as itself only while fewer than MAX_OPERATION_LABELS names have
 * been seen by this process, then as "other" (a bound per process, as graphql-metrics and Hive bound
 * unregistered operations); a name of another shape is "invalid", and one holding a phone- or
 * ID-number-shaped run of digits is "other" (a label is never masked text).
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return '-';
  if (registeredNames.has(name)) return name;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (new RegExp(PERSONAL_DIGITS.source).test(name)) return 'other';
  if (labelled.has(name)) return name;
  if (labelled.size >= MAX_OPERATION_LABELS) return 'other';
  labelled.add(name);
  return name;
}

/**
 * An operation name as a log line shows it: a run of digits shaped like an ID number or phone is
 * masked as personal data is (410106********3685, 139****5678); a name of another shape is "invalid".
 */
export function operationForLog(name: string | null | undefined): string {
  if (!name) return '-';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  return name.replace(PERSONAL_DIGITS, (digits) => (digits.length === 11 ? maskPhone(digits) : maskIdNumber(digits)));
}
