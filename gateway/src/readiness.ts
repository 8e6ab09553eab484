import type { Pool } from 'pg';

/**
 * The gateway is ready to take traffic when its own database answers and at least one subgraph says
 * it is ready (its /readyz: its database answers). With some subgraphs down it stays in rotation and
 * says `degraded`, listing them: every gateway of a fleet sees the same subgraphs, so taking them
 * all out of rotation for one failing subgraph would turn a partial failure (which costs only that
 * subgraph's fields) into a total one. With every subgraph down it is not ready. The answer is
 * cached for a second so probes and load balancers do not multiply into subgraph checks.
 */
export function gatewayReadiness(subgraphs: () => Map<string, string>, timeoutMs: number, pool?: Pool) {
  let cached: { at: number; result: Promise<Readiness> } | undefined;
  const check = async (): Promise<Readiness> => {
    const entries = [...subgraphs().entries()];
    const results = await Promise.all(
      entries.map(async ([name, url]) => {
        try {
          const res = await fetch(url.replace(/\/graphql\/?$/, '/readyz'), { signal: AbortSignal.timeout(timeoutMs) });
          return [name, res.ok ? 'ok' : `unready (${res.status})`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const checks: Record<string, string> = Object.fromEntries(results);
    if (pool)
      checks.database = await pool.query('SELECT 1').then(
        () => 'ok',
        () => 'unreachable',
      );
    const subgraphsUp = results.filter(([, v]) => v === 'ok').length;
    const ready = subgraphsUp > 0 && checks.database !== 'unreachable';
    return { ready, degraded: ready && subgraphsUp < entries.length, checks };
  };
  return (): Promise<Readiness> => {
    const now = Date.now();
    if (!cached || now - cached.at > 1000) cached = { at: now, result: check() };
    return cached.result;
  };
}

export interface Readiness {
  ready: boolean;
  /** ready, with some subgraphs down */
  degraded: boolean;
  checks: Record<string, string>;
}
