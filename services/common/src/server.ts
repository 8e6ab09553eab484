import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CALLER_HEADER, signCaller, verifyCaller, type Caller, type Department } from './caller';
import { graphReferences, type ReferenceLookup } from './import/references';
import { LoaderCache, type RequestContext } from './context';
import { flushPersonalReads } from './audit';
import { enforcePersonalData } from './personal';
import { sharedTypeDefs } from './shared-sdl';
import { maskErrors } from './error-format';

export interface SubgraphDefinition {
  service: Department;
  /** the subgraph's own schema.graphql */
  typeDefs: string;
  resolvers: GraphQLResolverMap<RequestContext>;
}

export function subgraphSchema(def: SubgraphDefinition) {
  const typeDefs: DocumentNode = parse(`${def.typeDefs}\n${sharedTypeDefs}`);
  return enforcePersonalData(buildSubgraphSchema({ typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }));
}

const flushPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        await flushPersonalReads(contextValue);
      },
    };
  },
};

export interface SubgraphServerOptions extends SubgraphDefinition {
  orm: MikroORM;
  internalSecret: string;
  /** the workforce subgraph's URL: mutations check region, grid and compound codes against it */
  regionTreeUrl?: string;
}

const REGION_TREE_CALLER: Caller = { subject: 'service:region-check', roles: ['SERVICE'] };

/** Asks the region tree's owner directly, as a service, with the deployment's internal credential. */
export function regionTreeLookup(url: string, internalSecret: string): ReferenceLookup {
  return graphReferences(async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCaller(REGION_TREE_CALLER, internalSecret) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length) throw new Error(`region tree unavailable: ${body.errors?.[0]?.message ?? res.status}`);
    return body.data ?? {};
  });
}

/**
 * Builds (does not start) a subgraph's HTTP app: /health for orchestrators, /graphql for the gateway
 * only. A request without a valid gateway-signed caller is refused before any GraphQL runs, so
 * `_entities` and `_service` are never reachable by a client.
 */
export async function createSubgraphApp(
  opts: SubgraphServerOptions,
): Promise<{ app: express.Express; apollo: ApolloServer<RequestContext> }> {
  const apollo = new ApolloServer<RequestContext>({
    schema: subgraphSchema(opts),
    // inline traces only feed Apollo Studio, which a district deployment does not use
    plugins: [flushPlugin, ApolloServerPluginInlineTraceDisabled()],
    formatError: maskErrors,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const db = await opts.orm.isConnected();
    res.status(db ? 200 : 503).json({ service: opts.service, status: db ? 'ok' : 'database unreachable' });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), async (req, res, next) => {
    const token = req.header(CALLER_HEADER);
    try {
      if (!token) throw new Error('missing');
      res.locals.caller = await verifyCaller(token, opts.internalSecret);
      next();
    } catch {
      res.status(401).json({
        errors: [{ message: '仅接受网关转发的请求 / this subgraph only answers the gateway', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<RequestContext> => ({
        service: opts.service,
        caller: res.locals.caller as Caller,
        em: opts.orm.em.fork() as RequestContext['em'],
        loaders: new LoaderCache(),
        personalReads: [],
        // a lookup per request: its answers are cached for the request only, never across edits of the tree
        regionTree: opts.regionTreeUrl ? regionTreeLookup(opts.regionTreeUrl, opts.internalSecret) : undefined,
      }),
    }),
  );
  return { app, apollo };
}

/** Starts the app on a port; resolves once listening. Closing stops Apollo and the ORM too. */
export async function listen(opts: SubgraphServerOptions, port: number, host = '0.0.0.0') {
  const { app, apollo } = await createSubgraphApp(opts);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await opts.orm.close();
    },
  };
}
