import { ConfigError } from '@district/common';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

async function main() {
  let config;
  try {
    config = readGatewayConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(78); // EX_CONFIG
  }
  const gateway = await startGateway(config);
  console.log(`[gateway] ready at http://localhost:${gateway.port}/graphql`);
  const stop = async () => {
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`[gateway] failed to start: ${(e as Error).message}`);
  process.exit(1);
});
