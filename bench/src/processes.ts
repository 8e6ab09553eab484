import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { envName, SUBGRAPHS } from '@district/common';
import { repoRoot } from '@district/infra';

export interface RunningGateway {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A Node process the benchmark runs beside the stack, ready once `readyUrl` answers 200. */
async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<RunningGateway> {
  const child = spawn(process.execPath, args, {
    // the child inherits the runner's environment (PATH, locale …), with its settings on top
    env: { ...process.env, ...env }, // eslint-disable-line no-restricted-properties
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting:\n${tail}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready within 90 s:\n${tail}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const subgraphEnv = (urls: Record<string, string>) => Object.fromEntries(SUBGRAPHS.map((s) => [`${envName(s.name)}_URL`, urls[s.name]]));

export interface GatewayOptions {
  port: number;
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
}

/**
 * Hive Gateway 2.15 with the Rust query planner (@graphql-hive/router-runtime) in one process, as our
 * gateway runs: its default settings, our supergraph and subgraphs, and hive-gateway.config.ts for
 * what ours does on every request (verify the bearer token, forward the signed caller).
 */
export function startHive(opts: GatewayOptions): Promise<RunningGateway> {
  const supergraph = join(repoRoot, 'schema', 'supergraph.graphql');
  const bin = join(dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');
  const config = join(__dirname, 'hive-gateway.config.js');
  return startProcess(
    'Hive Gateway',
    [bin, 'supergraph', supergraph, '-c', config, '--port', String(opts.port), '--host', '127.0.0.1'],
    {
      SUPERGRAPH_PATH: supergraph,
      JWT_SECRET: opts.jwtSecret,
      INTERNAL_SECRET: opts.internalSecret,
      HIVE_ROUTER_RUNTIME: 'true',
      // as deployed, like ours
      NODE_ENV: 'production',
      FORK: '1',
      ...subgraphEnv(opts.subgraphUrls),
    },
    opts.port,
    '/readiness',
  );
}

/** Another instance of our gateway on the same subgraphs, with settings of its own (e.g. a feature switched off). */
export function startOurGateway(opts: GatewayOptions & { env: Record<string, string> }): Promise<RunningGateway> {
  return startProcess(
    'gateway',
    [join(repoRoot, 'gateway', 'dist', 'index.js')],
    {
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      JWT_SECRET: opts.jwtSecret,
      INTERNAL_SECRET: opts.internalSecret,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      ...subgraphEnv(opts.subgraphUrls),
      ...opts.env,
    },
    opts.port,
    '/health',
  );
}
