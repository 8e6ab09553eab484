import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type RunningStack } from './stack';

/**
 * A throwaway stack for a benchmark: a process per service on free ports, a fresh embedded
 * PostgreSQL in `dataDir` (a new temp directory by default), new secrets, and a rate limit high
 * enough that the load itself is never refused. Stop it with `stack.stop()`.
 */
export async function startBenchStack(
  dataDir: string = mkdtempSync(join(tmpdir(), 'district-bench-')),
): Promise<{ stack: RunningStack; jwtSecret: string }> {
  const jwtSecret = randomBytes(32).toString('hex');
  const stack = await startStack({
    dataDir,
    persistentPostgres: false,
    gatewayPort: 0,
    subgraphPorts: 'free',
    jwtSecret,
    internalSecret: randomBytes(32).toString('hex'),
    gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' },
    log: () => undefined,
  });
  return { stack, jwtSecret };
}
