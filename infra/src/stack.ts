import { join } from 'node:path';
import { databaseName, REGION_TREE_OWNER } from '@district/common';
import { ensureDatabase, withDatabase } from '@district/subgraph-kit';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { repoRoot, SUBGRAPHS, type SubgraphEntry } from './subgraphs';
import { assertPortFree, startSupervised, type Supervised } from './supervisor';

export interface StackOptions {
  /** external server; when absent an embedded PostgreSQL runs from `dataDir` */
  databaseUrl?: string;
  /** per-subgraph database URLs, by subgraph name */
  subgraphDatabaseUrls?: Partial<Record<string, string>>;
  /** database names are `<prefix>_<subgraph>`; tests give each stack its own prefix */
  databasePrefix?: string;
  /** create each database as a copy of `<templatePrefix>_<subgraph>` (tests: the Shangjie templates) */
  templatePrefix?: string;
  dataDir: string;
  pgPort?: number;
  persistentPostgres: boolean;
  /** 0 picks free ports (tests); undefined uses the defaults 4000–4005 */
  gatewayPort?: number;
  /** 'free' picks free ports (tests); a map sets each subgraph's port; absent: the registry's */
  subgraphPorts?: 'free' | Partial<Record<string, number>>;
  jwtSecret: string;
  internalSecret: string;
  introspection?: 'off' | 'analysts' | 'all';
  /** extra environment for the gateway, e.g. tighter limits in a test */
  gatewayEnv?: Record<string, string>;
  /** extra environment for every subgraph, e.g. a shorter statement timeout or LOG_LEVEL in a test */
  subgraphEnv?: Record<string, string>;
  /** per-subgraph streaming replicas for reads (READ_DATABASE_URL), by subgraph name */
  subgraphReadDatabaseUrls?: Partial<Record<string, string>>;
  /** the gateway's own database (rate limits, persisted queries); `<prefix>_gateway` on the server when absent */
  gatewayDatabaseUrl?: string;
  /** start a child again when it dies (default true) */
  supervise?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  gatewayDatabaseUrl: string;
  postgresUrl: string;
  /** the supervised children by name (the five subgraphs and 'gateway'): their current process, restarts */
  processes: Record<string, Supervised>;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (embedded unless a server is given), one database per subgraph, the five
 * subgraphs (each migrates its own database on start) and the gateway, as child processes. Used by
 * `pnpm start`, by the import and report commands when no stack is running, and by end-to-end tests.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const children: Supervised[] = [];
  const register = (child: Supervised) => children.push(child);
  const supervise = opts.supervise ?? true;
  let pg: RunningPostgres | undefined;
  // a start that fails halfway stops every child it began, so the next start finds the ports free
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()));
    if (pg) await pg.stop();
  };
  try {
    const ports: Record<string, number> = {};
    for (const s of SUBGRAPHS)
      ports[s.name] = opts.subgraphPorts === 'free' ? await freePort() : (opts.subgraphPorts?.[s.name] ?? s.defaultPort);
    const gatewayPort = opts.gatewayPort === 0 ? await freePort() : (opts.gatewayPort ?? 4000);
    // a port held by another process (a stack left running) is named before anything starts
    for (const s of SUBGRAPHS) await assertPortFree(ports[s.name], `${s.name} subgraph`, `${s.envName}_PORT`);
    await assertPortFree(gatewayPort, 'gateway', 'GATEWAY_PORT');
    if (!opts.databaseUrl && opts.pgPort) await assertPortFree(opts.pgPort, 'PostgreSQL', 'PG_PORT');
    let serverUrl = opts.databaseUrl;
    if (!serverUrl) {
      pg = await startEmbeddedPostgres({ dataDir: join(opts.dataDir, 'pg'), port: opts.pgPort, persistent: opts.persistentPostgres });
      serverUrl = pg.url;
      log(`[postgres] embedded server on ${new URL(serverUrl).port}`);
    }
    const databaseUrls: Record<string, string> = {};
    for (const s of SUBGRAPHS) {
      const database = opts.databasePrefix ? s.database.replace(/^district/, opts.databasePrefix) : s.database;
      databaseUrls[s.name] = opts.subgraphDatabaseUrls?.[s.name] ?? withDatabase(serverUrl, database);
      await ensureDatabase(databaseUrls[s.name], opts.templatePrefix ? databaseName(s.name, opts.templatePrefix) : undefined);
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}/graphql`]));
    await Promise.all(
      SUBGRAPHS.map((s) =>
        startSupervised(
          {
            name: s.name,
            script: join(s.dir, 'dist', 'main.js'),
            env: {
              PORT: String(ports[s.name]),
              HOST: '127.0.0.1',
              DATABASE_URL: databaseUrls[s.name],
              INTERNAL_SECRET: opts.internalSecret,
              LEDGER_UPLOAD_DIR: join(opts.dataDir, 'uploads', s.name),
              ...(s.name === REGION_TREE_OWNER ? {} : { REGION_TREE_URL: subgraphUrls[REGION_TREE_OWNER] }),
              ...(opts.subgraphReadDatabaseUrls?.[s.name] ? { READ_DATABASE_URL: opts.subgraphReadDatabaseUrls[s.name]! } : {}),
              ...opts.subgraphEnv,
            },
            healthUrl: `http://127.0.0.1:${ports[s.name]}/health`,
            log,
            supervise,
          },
          register,
        ),
      ),
    );
    const gatewayDatabaseUrl = opts.gatewayDatabaseUrl ?? withDatabase(serverUrl, `${opts.databasePrefix ?? 'district'}_gateway`);
    const gatewayEnv: Record<string, string> = {
      PORT: String(gatewayPort),
      GATEWAY_DATABASE_URL: gatewayDatabaseUrl,
      JWT_SECRET: opts.jwtSecret,
      INTERNAL_SECRET: opts.internalSecret,
      INTROSPECTION: opts.introspection ?? 'analysts',
      UPLOAD_DIR: join(opts.dataDir, 'uploads', 'gateway'),
      ...Object.fromEntries(SUBGRAPHS.map((s: SubgraphEntry) => [`${s.envName}_URL`, subgraphUrls[s.name]])),
      ...opts.gatewayEnv,
    };
    await startSupervised(
      {
        name: 'gateway',
        script: join(repoRoot, 'gateway', 'dist', 'index.js'),
        env: gatewayEnv,
        healthUrl: `http://127.0.0.1:${gatewayPort}/health`,
        log,
        supervise,
      },
      register,
    );
    const processes = Object.fromEntries(children.map((c) => [c.name, c]));
    return {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls,
      databaseUrls,
      gatewayDatabaseUrl,
      postgresUrl: serverUrl,
      processes,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One child, not restarted when it dies (the fleet's replicas: a test kills some on purpose); resolves once healthy. */
export async function startChild(name: string, script: string, env: Record<string, string>, healthUrl: string, log: (l: string) => void) {
  const handle = await startSupervised({ name, script, env, healthUrl, log, supervise: false }, () => undefined);
  return handle.process;
}

export { stopProcess as stopChild } from './supervisor';
export { repoRoot };
