import { readLocalConfig } from './config';
import { localSecrets } from './secrets';
import { startStack } from './stack';
import { demoCallers, issueToken } from './tokens';
import { gatewayClient } from './graph-client';
import { loadDemoIfEmpty } from './demo';

/** `pnpm start`: the whole district graph on this machine, the Shangjie ledgers loaded on first start. */
async function main() {
  const config = readLocalConfig();
  const secrets = localSecrets(config.DATA_DIR, {
    jwtSecret: config.JWT_SECRET,
    internalSecret: config.INTERNAL_SECRET,
    personKey: config.PERSON_KEY,
  });
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
    introspection: 'analysts',
    gatewayEnv: { LOG_LEVEL: config.LOG_LEVEL },
    subgraphEnv: { LOG_LEVEL: config.LOG_LEVEL },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  if (config.LOAD_DEMO) await loadDemoIfEmpty(stack, config.DEMO_DIR, secrets.jwtSecret);

  console.log(`\nDistrict graph ready: ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')}`);
  console.log('Tokens for each demo role (valid 12 h); send as  Authorization: Bearer <token>');
  const first = (await gatewayClient(
    stack.gatewayUrl,
    secrets.jwtSecret,
  )(
    '{ districts: regions(level: DISTRICT, first: 1) { nodes { code } } regions(level: STREET, first: 1) { nodes { code children { code } } } }',
  )) as { districts: { nodes: { code: string }[] }; regions: { nodes: { code: string; children: { code: string }[] }[] } };
  const street = first.regions.nodes[0];
  const district = first.districts.nodes[0]?.code.slice(0, 6) ?? '<district code>';
  for (const [name, caller] of Object.entries(demoCallers(street?.code, street?.children[0]?.code))) {
    console.log(`  ${name.padEnd(26)} ${await issueToken(caller, secrets.jwtSecret)}`);
  }
  console.log(
    `Example:\n  curl -s ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')} -H 'content-type: application/json' \\\n    -H "authorization: Bearer $TOKEN" -d '{"query":"{ region(code: \\"${district}\\") { name structure(year: 2025) { communities { value } grids { value } } } }"}'`,
  );
  console.log('Ctrl-C stops everything.');
}

main().catch((e) => {
  console.error(`start failed: ${(e as Error).message}`);
  process.exit(1);
});
