import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { CALLER_HEADER, signCaller, type Caller } from '@district/common';
import { createAuthenticator, readGatewayConfig } from '@district/gateway';

export interface HiveGatewayOptions {
  supergraphPath: string;
  /** subgraph name → URL, replacing the supergraph's (as WORKFORCE_URL … do for the Apollo gateway) */
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
}

/**
 * Hive Gateway serving the committed supergraph, with this deployment's caller forwarding: the
 * bearer token is verified exactly as the Apollo gateway does (its authenticator), and each subgraph
 * call carries the caller signed with the internal secret. Subgraphs cannot tell the routers apart.
 */
export async function startHiveGateway(opts: HiveGatewayOptions) {
  const authenticate = createAuthenticator(readGatewayConfig({ JWT_SECRET: opts.jwtSecret, INTERNAL_SECRET: opts.internalSecret }));
  const callers = new WeakMap<Request, Caller>();
  // the caller is verified before anything runs; a refused token ends the request with 401
  const authenticated: GatewayPlugin = {
    async onRequest({ request, endResponse, fetchAPI }) {
      try {
        callers.set(request, await authenticate(request.headers.get('authorization') ?? undefined));
      } catch (e) {
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message: (e as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
  };
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(opts.supergraphPath, 'utf8'),
    transportEntries: Object.fromEntries(Object.entries(opts.subgraphUrls).map(([name, location]) => [name, { location }])),
    logging: false,
    plugins: () => [authenticated],
    propagateHeaders: {
      async fromClientToSubgraphs({ request }) {
        const caller = callers.get(request);
        return caller ? { [CALLER_HEADER]: await signCaller(caller, opts.internalSecret) } : {};
      },
    },
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await runtime.dispose();
    },
  };
}
