import type { Pool } from 'pg';

/**
 * The gateway is ready when every subgraph says it is (its /readyz: its database answers) and its
 * own database answers. A gateway whose subgraphs are all down now says so instead of "ok"; the
 * answer is cached for a second so probes and load balancers do not multiply into subgraph checks.
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
    const ready = entries.length > 0 && Object.values(checks).every((v) => v === 'ok');
    return { ready, checks };
  };
  return (): Promise<Readiness> => {
    const now = Date.now();
    if (!cached || now - cached.at > 1000) cached = { at: now, result: check() };
    return cached.result;
  };
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}
