import { join } from 'node:path';
import { env, readEnvOrExit, SUBGRAPHS } from '@district/common';
import { startFleet } from './fleet';
import { startEmbeddedPostgres } from './postgres';
import { localSecrets } from './secrets';
import { repoRoot } from './subgraphs';
import { issueToken } from './tokens';
import { loadDemoIfEmpty } from './demo';

/**
 * `pnpm fleet`: the graph as a city would run it, on this machine: two replicas of every subgraph
 * and two gateways behind a round-robin balancer, sharing one PostgreSQL (embedded unless
 * DATABASE_URL names one). Ports: gateways 4500 and 4510; replica 1 of a subgraph on 4500 + its
 * usual offset (workforce 4502 …), replica 2 on 4510 + it; the balancer in front on 4520.
 */
async function main() {
  const config = readEnvOrExit({
    DATABASE_URL: env.optional(),
    FLEET_PG_PORT: env.port(54335),
    FLEET_PORT: env.port(4500),
    DATA_DIR: env.string(join(repoRoot, '.data')),
    DEMO_DIR: env.string(join(repoRoot, '..', 'shared', 'datasets', 'shangjie-2025')),
  });
  const dataDir = join(config.DATA_DIR, 'fleet');
  const secrets = localSecrets(dataDir, {});
  const pg = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: config.FLEET_PG_PORT, persistent: true });
  const base = config.FLEET_PORT;
  const offset = (name: string) => SUBGRAPHS.find((s) => s.name === name)!.port - 4000;
  const fleet = await startFleet({
    postgresUrl: config.DATABASE_URL ?? pg!.url,
    databasePrefix: 'district',
    replicas: 2,
    gateways: 2,
    jwtSecret: secrets.jwtSecret,
    internalSecret: secrets.internalSecret,
    ports: { gateway: (i) => base + 10 * i, subgraph: (name, i) => base + 10 * i + offset(name), proxy: base + 20 },
  });
  const stop = async () => {
    await fleet.stop();
    await pg?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await loadDemoIfEmpty(fleet, config.DEMO_DIR, secrets.jwtSecret);
  console.log(`\nFleet ready behind ${fleet.gatewayUrl} (gateways ${fleet.gateways.map((g) => g.url).join(', ')})`);
  console.log(
    `metrics: ${[...fleet.gateways, ...Object.values(fleet.subgraphs).flat()].map((p) => new URL(p.url).port).join(', ')} at /metrics`,
  );
  console.log(`an administrator's token: ${await issueToken({ subject: 'fleet-admin', roles: ['DISTRICT_ADMIN'] }, secrets.jwtSecret)}`);
  console.log('Ctrl-C stops everything.');
}

main().catch((e) => {
  console.error(`fleet failed: ${(e as Error).message}`);
  process.exit(1);
});
