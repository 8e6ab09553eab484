import { readLocalConfig } from './config';
import type { StackHandle } from './graph-client';
import { localSecrets } from './secrets';
import { startStack } from './stack';

export type { StackHandle } from './graph-client';

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

/**
 * Uses the stack `pnpm start` is running (same data directory and secrets), or the gateway at
 * GATEWAY_URL with the token in DISTRICT_TOKEN, or starts one for the duration of the command and
 * stops it afterwards. The commands talk to the gateway only: they need no database URL.
 */
export async function withStack<T>(work: (stack: StackHandle) => Promise<T>, log: (line: string) => void = () => undefined): Promise<T> {
  const config = readLocalConfig();
  const gatewayUrl = config.GATEWAY_URL ?? `http://127.0.0.1:${config.GATEWAY_PORT}/graphql`;
  if (config.DISTRICT_TOKEN) return work({ gatewayUrl, bearerToken: config.DISTRICT_TOKEN });
  const secrets = localSecrets(config.DATA_DIR, { jwtSecret: config.JWT_SECRET, internalSecret: config.INTERNAL_SECRET });
  // alive is enough here: a stack with one subgraph down is still the running one, not a reason to start another
  if (await healthy(gatewayUrl.replace(/\/graphql$/, '/livez'))) return work({ gatewayUrl, jwtSecret: secrets.jwtSecret });
  log('no district graph running: starting one for this command…');
  const stack = await startStack({
    databaseUrl: config.DATABASE_URL,
    subgraphDatabaseUrls: config.subgraphDatabaseUrls,
    subgraphReadDatabaseUrls: config.subgraphReadDatabaseUrls,
    gatewayDatabaseUrl: config.GATEWAY_DATABASE_URL,
    subgraphPorts: config.subgraphPorts,
    dataDir: config.DATA_DIR,
    pgPort: config.PG_PORT,
    persistentPostgres: true,
    gatewayPort: config.GATEWAY_PORT,
    jwtSecret: secrets.jwtSecret,
    internalSecret: secrets.internalSecret,
    log: (line) => {
      if (/error|fail/i.test(line)) log(line);
    },
  });
  try {
    return await work({ gatewayUrl: stack.gatewayUrl, jwtSecret: secrets.jwtSecret });
  } finally {
    await stack.stop();
  }
}
