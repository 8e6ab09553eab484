import { withDatabase } from '@district/subgraph-kit';
import { readLocalConfig } from './config';
import { localSecrets } from './secrets';
import { startStack } from './stack';
import { SUBGRAPHS } from './subgraphs';

/** What the import and report commands need of a running district graph. */
export interface StackHandle {
  gatewayUrl: string;
  databaseUrls: Record<string, string>;
  jwtSecret: string;
  /** the subgraphs' PERSON_KEY: imports write person ids with it (else each subgraph fills them at its next start) */
  personKey?: string;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1500) })).ok;
  } catch {
    return false;
  }
}

/**
 * Uses the stack `pnpm start` is running (same data directory and secrets), or starts one for the
 * duration of the command and stops it afterwards.
 */
export async function withStack<T>(work: (stack: StackHandle) => Promise<T>, log: (line: string) => void = () => undefined): Promise<T> {
  const config = readLocalConfig();
  const secrets = localSecrets(config.DATA_DIR, {
    jwtSecret: config.JWT_SECRET,
    internalSecret: config.INTERNAL_SECRET,
    personKey: config.PERSON_KEY,
  });
  const gatewayUrl = config.GATEWAY_URL ?? `http://127.0.0.1:${config.GATEWAY_PORT}/graphql`;
  // alive is enough here: a stack with one subgraph down is still the running one, not a reason to start another
  if (await healthy(gatewayUrl.replace(/\/graphql$/, '/livez'))) {
    const server = config.DATABASE_URL ?? `postgres://postgres:district-local@127.0.0.1:${config.PG_PORT}/postgres`;
    const databaseUrls = Object.fromEntries(
      SUBGRAPHS.map((s) => [s.name, config.subgraphDatabaseUrls[s.name] ?? withDatabase(server, s.database)]),
    );
    return work({ gatewayUrl, databaseUrls, jwtSecret: secrets.jwtSecret, personKey: secrets.personKey });
  }
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
    personKey: secrets.personKey,
    log: (line) => {
      if (/error|fail/i.test(line)) log(line);
    },
  });
  try {
    return await work({
      gatewayUrl: stack.gatewayUrl,
      databaseUrls: stack.databaseUrls,
      jwtSecret: secrets.jwtSecret,
      personKey: secrets.personKey,
    });
  } finally {
    await stack.stop();
  }
}
