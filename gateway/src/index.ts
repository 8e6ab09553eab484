// first: tracing (when configured) must patch http, express and pg before they load
import '@district/telemetry/register';
import { ConfigError, env, log, nameProcess, readEnvOrExit } from '@district/common';
import { tracing } from '@district/telemetry';
import { readGatewayConfig } from './config';
import { startGateway } from './server';
import { migrateGatewayDatabase } from './store';

/** `node dist/index.js` serves; `node dist/index.js migrate` only prepares the gateway's database (a deployment's migration job). */
async function main() {
  nameProcess('gateway');
  if (process.argv[2] === 'migrate') {
    // the migration job needs the database only, not the callers' keys
    const { GATEWAY_DATABASE_URL } = readEnvOrExit({ GATEWAY_DATABASE_URL: env.string() });
    await migrateGatewayDatabase(GATEWAY_DATABASE_URL);
    log().info('gateway database ready');
    return;
  }
  let config;
  try {
    config = readGatewayConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    log().fatal({ problems: e.problems }, e.message);
    process.exit(78); // EX_CONFIG
  }
  const gateway = await startGateway(config);
  log().info({ port: gateway.port }, 'gateway ready');
  const stop = async () => {
    log().info('stopping: finishing requests in flight');
    await gateway.close();
    await tracing()?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  log().fatal({ error: (e as Error).name, message: (e as Error).message }, 'gateway failed to start');
  process.exit(1);
});
