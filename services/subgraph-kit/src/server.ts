import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CALLER_HEADER, maskErrors, remoteRegionTree, verifyCaller, type Caller, type Department, type RegionTree } from '@district/common';
import { LoaderCache, type RequestContext } from './context';
import { flushPersonalReads } from './audit';
import { enforcePersonalData } from './personal';
import { sharedTypeDefs } from './sdl';
import { DataVersion } from './data-version';
import { FigureBatch, FigureCache } from './figures';
import { VersionCache } from './version-cache';

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
  /** the database URL, for the connection that follows the data version */
  databaseUrl: string;
  internalSecret: string;
  /** the region tree's owner's /graphql; absent in the owner itself, which passes `localRegionTree` */
  regionTreeUrl?: string;
  /** the region tree read from the subgraph's own tables (the owner's) */
  localRegionTree?: (em: EntityManager) => RegionTree;
  /** figures (and rows read by byKeyPerVersion) are cached per data version unless switched off */
  figureCache?: boolean;
}

/**
 * Builds (does not start) a subgraph's HTTP app: /health for orchestrators, /graphql for the gateway
 * only. A request without a valid gateway-signed caller is refused before any GraphQL runs, so
 * `_entities` and `_service` are never reachable by a client.
 */
export async function createSubgraphApp(
  opts: SubgraphServerOptions,
): Promise<{ app: express.Express; apollo: ApolloServer<RequestContext>; dataVersion: DataVersion }> {
  const apollo = new ApolloServer<RequestContext>({
    schema: subgraphSchema(opts),
    // inline traces only feed Apollo Studio, which a district deployment does not use
    plugins: [flushPlugin, ApolloServerPluginInlineTraceDisabled()],
    formatError: maskErrors,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  const dataVersion = new DataVersion(opts.databaseUrl);
  await dataVersion.start();
  const cache = opts.figureCache === false ? undefined : new FigureCache(dataVersion);
  const rowsPerVersion = opts.figureCache === false ? undefined : new VersionCache<unknown>(dataVersion);
  const regionTreeFor = (em: EntityManager): RegionTree => {
    if (opts.localRegionTree) return opts.localRegionTree(em);
    if (!opts.regionTreeUrl) throw new Error('a subgraph other than the region tree owner needs REGION_TREE_URL');
    return remoteRegionTree(opts.regionTreeUrl, opts.internalSecret);
  };

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
      context: async ({ res }): Promise<RequestContext> => {
        const em = opts.orm.em.fork() as RequestContext['em'];
        return {
          service: opts.service,
          caller: res.locals.caller as Caller,
          em,
          loaders: new LoaderCache(),
          personalReads: [],
          figures: new FigureBatch(em, cache),
          // a tree per request: its answers are cached for the request only, never across edits of the tree
          regionTree: regionTreeFor(em),
          dataVersion,
          rowsPerVersion,
        };
      },
    }),
  );
  return { app, apollo, dataVersion };
}

/** Starts the app on a port; resolves once listening. Closing stops Apollo, the version listener and the ORM too. */
export async function listen(opts: SubgraphServerOptions, port: number, host = '0.0.0.0') {
  const { app, apollo, dataVersion } = await createSubgraphApp(opts);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    dataVersion,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await dataVersion.close();
      await opts.orm.close();
    },
  };
}
