import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { databaseName, REGION_TREE_OWNER } from '@district/common';
import { ensureDatabase, withDatabase } from '@district/subgraph-kit';
import { freePort, startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { repoRoot, SUBGRAPHS, type SubgraphEntry } from './subgraphs';

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
  log?: (line: string) => void;
}

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  databaseUrls: Record<string, string>;
  postgresUrl: string;
  /** each process's id, by subgraph name and 'gateway' (the benchmark reads their CPU time) */
  pids: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL (embedded unless a server is given), one database per subgraph, the five
 * subgraphs (each migrates its own database on start) and the gateway, as child processes. Used by
 * `pnpm start`, by the import and report commands when no stack is running, and by end-to-end tests.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const children: ChildProcess[] = [];
  const pids: Record<string, number> = {};
  let pg: RunningPostgres | undefined;
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    if (pg) await pg.stop();
  };
  try {
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
    const ports: Record<string, number> = {};
    for (const s of SUBGRAPHS)
      ports[s.name] = opts.subgraphPorts === 'free' ? await freePort() : (opts.subgraphPorts?.[s.name] ?? s.defaultPort);
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}/graphql`]));
    await Promise.all(
      SUBGRAPHS.map(async (s) => {
        children.push(
          await startChild(
            s.name,
            join(s.dir, 'dist', 'main.js'),
            {
              PORT: String(ports[s.name]),
              HOST: '127.0.0.1',
              DATABASE_URL: databaseUrls[s.name],
              INTERNAL_SECRET: opts.internalSecret,
              ...(s.name === REGION_TREE_OWNER ? {} : { REGION_TREE_URL: subgraphUrls[REGION_TREE_OWNER] }),
            },
            `http://127.0.0.1:${ports[s.name]}/health`,
            log,
            pids,
          ),
        );
      }),
    );
    const gatewayPort = opts.gatewayPort === 0 ? await freePort() : (opts.gatewayPort ?? 4000);
    const gatewayEnv: Record<string, string> = {
      PORT: String(gatewayPort),
      JWT_SECRET: opts.jwtSecret,
      INTERNAL_SECRET: opts.internalSecret,
      INTROSPECTION: opts.introspection ?? 'analysts',
      ...Object.fromEntries(SUBGRAPHS.map((s: SubgraphEntry) => [`${s.envName}_URL`, subgraphUrls[s.name]])),
      ...opts.gatewayEnv,
    };
    children.push(
      await startChild(
        'gateway',
        join(repoRoot, 'gateway', 'dist', 'index.js'),
        gatewayEnv,
        `http://127.0.0.1:${gatewayPort}/health`,
        log,
        pids,
      ),
    );
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, subgraphUrls, databaseUrls, postgresUrl: serverUrl, pids, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  healthUrl: string,
  log: (l: string) => void,
  pids: Record<string, number>,
) {
  const child = spawn(process.execPath, [script], {
    // a child inherits the runner's environment (PATH, locale …), with its own settings on top
    env: { ...process.env, ...env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const relay = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) log(line.startsWith('[') ? line : `[${name}] ${line}`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} while starting:\n${tail}`))),
  );
  await Promise.race([waitForHealth(healthUrl, 60_000), exited]);
  child.removeAllListeners('exit');
  if (child.pid) pids[name] = child.pid;
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no healthy answer from ${url} within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export { repoRoot };
