import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startStack, SUBGRAPHS, type StackOptions } from '../../infra/src';

/**
 * `pnpm start` (the runner's startStack): a busy port is refused in one line that names the port
 * and the setting that moves it, before anything starts; a start that fails halfway stops every
 * process it began, so the next start does not find (and silently use) a stray subgraph.
 */
async function options(ports: Record<string, number>, extra: Partial<StackOptions> = {}): Promise<StackOptions> {
  return {
    databaseUrl: process.env.DISTRICT_TEST_PG_URL,
    databasePrefix: `runner_${randomBytes(3).toString('hex')}`,
    dataDir: mkdtempSync(join(tmpdir(), 'district-runner-')),
    persistentPostgres: false,
    gatewayPort: await freePort(),
    subgraphPorts: ports,
    jwtSecret: randomBytes(32).toString('hex'),
    internalSecret: randomBytes(32).toString('hex'),
    log: () => undefined,
    ...extra,
  };
}

async function freePorts(): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const s of SUBGRAPHS) ports[s.name] = await freePort();
  return ports;
}

const answers = async (port: number) => {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
};

test('a busy port is refused in one line naming the port and its setting; nothing is left running', async () => {
  const ports = await freePorts();
  const squatter: Server = createServer();
  await new Promise<void>((resolve) => squatter.listen(ports['gig-care'], '127.0.0.1', resolve));
  try {
    const error = await startStack(await options(ports)).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(new RegExp(`port ${ports['gig-care']} for gig-care subgraph is in use: .* set GIG_CARE_PORT`));
    expect(error?.message.split('\n')).toHaveLength(1);
    for (const s of SUBGRAPHS.filter((x) => x.name !== 'gig-care')) expect(await answers(ports[s.name])).toBe(false);
  } finally {
    squatter.close();
  }
});

test('a start that fails halfway (the gateway refuses its configuration) stops the subgraphs it had started', async () => {
  const ports = await freePorts();
  const error = await startStack(await options(ports, { gatewayEnv: { MAX_DEPTH: 'deep', LOG_LEVEL: 'fatal' } })).then(
    () => null,
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/gateway exited .* while starting/);
  expect(error?.message).toMatch(/MAX_DEPTH must be a whole number/);
  for (const s of SUBGRAPHS) expect(await answers(ports[s.name])).toBe(false);
}, 300_000);
