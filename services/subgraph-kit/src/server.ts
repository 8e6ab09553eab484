import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  CALLER_HEADER,
  EXPORT_HEADER,
  inputErrorsPlugin,
  listenOn,
  ownerRequest,
  parseExportHeader,
  remoteRegionTree,
  verifyCaller,
  type Caller,
  type Department,
  type PersonKey,
  type RegionTree,
} from '@district/common';
import { countRequests, metricsHandler, REQUEST_ID_HEADER, requestIdFrom } from '@district/telemetry';
import { LoaderCache, type RequestContext } from './context';
import { flushPersonalReads, recordExport } from './audit';
import { auditMasksOf, enforcePersonalData } from './personal';
import { refuseUnresolvedReferences } from './references';
import { budgetPlugin, DEFAULT_REQUEST_LIMITS, formatSubgraphError, guardSchema, RequestBudget, type RequestLimits } from './guards';
import { sharedTypeDefs } from './sdl';
import { answerRenamedFields } from './renamed';
import { DataVersion } from './data-version';
import { LedgerImports, ledgerImportSettings, ledgerRoutes, type LedgerImportSettings } from './ledger-imports';
import type { LedgerImporter } from '@district/ledger';
import { FigureBatch, FigureCache, installFigureQueries } from './figures';
import { VersionCache } from './version-cache';
import { databasesReady, observeRequests, watchPools } from './observe';

export interface SubgraphDefinition {
  service: Department;
  /** the subgraph's own schema.graphql */
  typeDefs: string;
  resolvers: GraphQLResolverMap<RequestContext>;
}

export function subgraphSchema(def: SubgraphDefinition, maxText = DEFAULT_REQUEST_LIMITS.maxText) {
  const typeDefs: DocumentNode = parse(`${def.typeDefs}\n${sharedTypeDefs}`);
  const schema = answerRenamedFields(buildSubgraphSchema({ typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }));
  return guardSchema(refuseUnresolvedReferences(installFigureQueries(enforcePersonalData(schema))), maxText);
}

const flushPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, schema, request, response, document }) {
        await flushPersonalReads(contextValue);
        if (contextValue.export) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const outcome = body?.errors?.length ? String(body.errors[0].extensions?.code ?? 'ERROR') : 'OK';
          await recordExport(contextValue, schema, request.variables, outcome, document);
        }
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
  /** the deployment's key for person ids */
  personKey: PersonKey;
  /** the subgraph's ledgers, in import order: taken in through the gateway (/ledgers, and its ledger import fields) */
  ledgers?: LedgerImporter[];
  ledgerImports?: Partial<LedgerImportSettings>;
  /** per-request deadline, field budget and longest text argument */
  limits?: Partial<RequestLimits>;
}

/** Readiness a process can withdraw while it drains before stopping. */
export interface Readiness {
  draining: boolean;
}

/**
 * Builds (does not start) a subgraph's HTTP app: /livez and /readyz (/health) for orchestrators,
 * /metrics for Prometheus, /graphql for the gateway only. A request without a valid gateway-signed
 * caller is refused before any GraphQL runs, so `_entities` and `_service` are never reachable by a client.
 */
export async function createSubgraphApp(opts: SubgraphServerOptions): Promise<{
  app: express.Express;
  apollo: ApolloServer<RequestContext>;
  dataVersion: DataVersion;
  readiness: Readiness;
  stopWatching: () => void;
  ledgerImports?: LedgerImports;
}> {
  const hasReplica = (opts.orm.config.get('replicas') ?? []).length > 0;
  const limits: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...opts.limits };
  const schema = subgraphSchema(opts, limits.maxText);
  const auditArgs = auditMasksOf(schema);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    // inline traces only feed Apollo Studio, which a district deployment does not use
    plugins: [
      flushPlugin,
      observeRequests(opts.service, hasReplica),
      budgetPlugin,
      inputErrorsPlugin,
      ApolloServerPluginInlineTraceDisabled(),
    ],
    formatError: formatSubgraphError,
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
  const ledgerImports = opts.ledgers?.length
    ? new LedgerImports({
        service: opts.service,
        ledgers: opts.ledgers,
        databaseUrl: opts.databaseUrl,
        settings: ledgerImportSettings(opts.service, opts.ledgerImports),
        regionTree: () => regionTreeFor(opts.orm.em.fork() as EntityManager),
        dataVersion,
        personKey: opts.personKey,
      })
    : undefined;

  const readiness: Readiness = { draining: false };
  const stopWatching = watchPools(opts.service, opts.orm);
  const app = express();
  app.disable('x-powered-by');
  app.use(countRequests(opts.service));
  // alive while the process can answer at all: a database outage makes it unready, not restarted
  app.get('/livez', (_req, res) => {
    res.json({ service: opts.service, status: 'alive' });
  });
  const ready = async (_req: express.Request, res: express.Response) => {
    const problem = readiness.draining ? 'stopping' : await databasesReady(opts.orm);
    res.status(problem ? 503 : 200).json({ service: opts.service, status: problem ?? 'ok' });
  };
  app.get('/readyz', ready);
  app.get('/health', ready);
  app.get('/metrics', metricsHandler());
  const gatewayCaller: express.RequestHandler = async (req, res, next) => {
    res.locals.requestId = requestIdFrom(req.header(REQUEST_ID_HEADER));
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
  };
  app.use('/graphql', express.json({ limit: '1mb' }), gatewayCaller);
  if (ledgerImports) app.use('/ledgers', gatewayCaller, ledgerRoutes(ledgerImports, opts.service));
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const em = opts.orm.em.fork() as RequestContext['em'];
        const ctx: RequestContext = {
          service: opts.service,
          caller: res.locals.caller as Caller,
          em,
          loaders: new LoaderCache(),
          personalReads: [],
          figures: new FigureBatch(em, cache),
          // a tree per request: its answers are cached for the request only, never across edits of the tree
          regionTree: regionTreeFor(em),
          treeOwner: opts.regionTreeUrl ? ownerRequest(opts.regionTreeUrl, opts.internalSecret) : undefined,
          dataVersion,
          personKey: opts.personKey,
          rowsPerVersion,
          ledgerImports,
          // the primary until the operation is known to be a query (observeRequests)
          readFrom: 'write',
          requestId: res.locals.requestId as string,
          export: parseExportHeader(req.header(EXPORT_HEADER)),
          budget: new RequestBudget(limits),
          auditArgs,
        };
        return ctx;
      },
    }),
  );
  return { app, apollo, dataVersion, readiness, stopWatching, ledgerImports };
}

/** Starts the app on a port; resolves once listening. Closing stops Apollo, the version listener and the ORM too. */
export async function listen(opts: SubgraphServerOptions, port: number, host = '0.0.0.0') {
  const { app, apollo, dataVersion, readiness, stopWatching, ledgerImports } = await createSubgraphApp(opts);
  const server = http.createServer(app);
  await listenOn(server, port, host);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/graphql`,
    dataVersion,
    readiness,
    async close() {
      readiness.draining = true;
      stopWatching();
      // stops accepting, lets requests in flight finish, closes idle keep-alive connections
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await ledgerImports?.close();
      await dataVersion.close();
      await opts.orm.close();
    },
  };
}
