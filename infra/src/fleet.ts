import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { databaseName, ensureDatabase, REGION_TREE_OWNER, withDatabase } from '@district/common';
import { freePort } from './postgres';
import { startRoundRobinProxy, type RunningProxy } from './proxy';
import { repoRoot, startChild, stopChild } from './stack';
import { SUBGRAPHS } from './subgraphs';

export interface FleetOptions {
  /** the PostgreSQL server every database lives on */
  postgresUrl: string;
  /** database names are `<prefix>_<subgraph>` and `<prefix>_gateway` */
  databasePrefix: string;
  /** create each subgraph database as a copy of `<templatePrefix>_<subgraph>` */
  templatePrefix?: string;
  /** processes per subgraph, and gateways */
  replicas: number;
  gateways: number;
  jwtSecret: string;
  internalSecret: string;
  gatewayEnv?: Record<string, string>;
  subgraphEnv?: Record<string, string>;
  /** fixed ports (`pnpm fleet`) for the i-th gateway, the i-th replica of a subgraph, and the front balancer; absent: free ports */
  ports?: { gateway(i: number): number; subgraph(name: string, i: number): number; proxy: number };
  log?: (line: string) => void;
}

export interface FleetProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** SIGKILL: no draining, requests in flight on it are lost */
  kill(): void;
}

export interface RunningFleet {
  /** the front proxy: every client request goes here, round-robin over the gateways */
  gatewayUrl: string;
  gateways: FleetProcess[];
  subgraphs: Record<string, FleetProcess[]>;
  /** one balancer in front of the gateways, one per subgraph in front of its replicas */
  proxies: Record<string, RunningProxy>;
  /** each subgraph's database, by subgraph name (imports write there) */
  databaseUrls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The district graph as a fleet on loopback: `replicas` processes of every subgraph, each set behind
 * its own round-robin balancer, and `gateways` gateways behind a front balancer, all sharing one
 * PostgreSQL. What a Kubernetes deployment does with Services, on one machine.
 */
export async function startFleet(opts: FleetOptions): Promise<RunningFleet> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const children: ChildProcess[] = [];
  const proxies: Record<string, RunningProxy> = {};
  const stop = async () => {
    await Promise.all(Object.values(proxies).map((p) => p.close()));
    await Promise.all(children.map(stopChild));
  };
  try {
    const subgraphs: Record<string, FleetProcess[]> = {};
    const databaseUrls: Record<string, string> = {};
    const balancers: Record<string, string> = {};
    // balancers first: a subgraph's replicas need the region tree's balancer to exist
    for (const s of SUBGRAPHS) {
      subgraphs[s.name] = [];
      for (let i = 0; i < opts.replicas; i++) {
        const p = opts.ports?.subgraph(s.name, i) ?? (await freePort());
        subgraphs[s.name].push({
          name: `${s.name}#${i + 1}`,
          url: `http://127.0.0.1:${p}`,
          child: undefined as never,
          kill: () => undefined,
        });
      }
      proxies[s.name] = await startRoundRobinProxy(subgraphs[s.name].map((r) => ({ name: r.name, origin: r.url })));
      balancers[s.name] = `${proxies[s.name].url}/graphql`;
    }
    for (const s of SUBGRAPHS) {
      const databaseUrl = withDatabase(opts.postgresUrl, databaseName(s.name, opts.databasePrefix));
      databaseUrls[s.name] = databaseUrl;
      await ensureDatabase(databaseUrl, opts.templatePrefix ? databaseName(s.name, opts.templatePrefix) : undefined);
      // replicas of one subgraph start together: the migration lock lets one migrate and the others wait
      await Promise.all(
        subgraphs[s.name].map(async (replica) => {
          const child = await startChild(
            replica.name,
            join(s.dir, 'dist', 'main.js'),
            {
              PORT: new URL(replica.url).port,
              HOST: '127.0.0.1',
              DATABASE_URL: databaseUrl,
              INTERNAL_SECRET: opts.internalSecret,
              ...(s.name === REGION_TREE_OWNER ? {} : { REGION_TREE_URL: balancers[REGION_TREE_OWNER] }),
              ...opts.subgraphEnv,
            },
            `${replica.url}/readyz`,
            log,
          );
          children.push(child);
          Object.assign(replica, { child, kill: () => child.kill('SIGKILL') });
        }),
      );
    }
    const gatewayDatabaseUrl = withDatabase(opts.postgresUrl, `${opts.databasePrefix}_gateway`);
    const gateways: FleetProcess[] = [];
    await Promise.all(
      Array.from({ length: opts.gateways }, async (_, i) => {
        const p = opts.ports?.gateway(i) ?? (await freePort());
        const name = `gateway#${i + 1}`;
        const child = await startChild(
          name,
          join(repoRoot, 'gateway', 'dist', 'index.js'),
          {
            PORT: String(p),
            HOST: '127.0.0.1',
            JWT_SECRET: opts.jwtSecret,
            INTERNAL_SECRET: opts.internalSecret,
            GATEWAY_DATABASE_URL: gatewayDatabaseUrl,
            ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.envName}_URL`, balancers[s.name]])),
            ...opts.gatewayEnv,
          },
          `http://127.0.0.1:${p}/readyz`,
          log,
        );
        children.push(child);
        gateways[i] = { name, url: `http://127.0.0.1:${p}/graphql`, child, kill: () => child.kill('SIGKILL') };
      }),
    );
    proxies.gateway = await startRoundRobinProxy(
      gateways.map((g) => ({ name: g.name, origin: new URL(g.url).origin })),
      opts.ports?.proxy ?? 0,
    );
    return { gatewayUrl: `${proxies.gateway.url}/graphql`, gateways, subgraphs, proxies, databaseUrls, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
