import { readEnvOrExit } from '@district/common';
import { gatewayEnv } from './config';
import { startGateway } from './server';

async function main() {
  const gateway = await startGateway(readEnvOrExit(gatewayEnv));
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
