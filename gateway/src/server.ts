import http from 'node:http';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { rateLimit } from 'express-rate-limit';
import { inputErrorsPlugin, isDepartment, listenOn, log, maskErrors, type Caller } from '@district/common';
import { countRequests, metricsHandler } from '@district/telemetry';
import type { GatewayContext } from './context';
import { CallerForwardingDataSource } from './data-source';
import { InflightReads, perCallerAnswers, sharedOperations } from './dedupe';
import { CallerTokens } from './caller-tokens';
import { httpError } from './http-errors';
import { createAuthenticator } from './auth';
import { checkKeys, type GatewayConfig } from './config';
export type { GatewayContext } from './context';
// what another router needs to authenticate callers as this gateway does (test/another-router)
export { createAuthenticator } from './auth';
export { readGatewayConfig, type GatewayConfig } from './config';
import { accessLog, accessPlugin, accessRecord } from './access-log';
import { openGatewayStore, type GatewayStore } from './store';
import { PostgresKeyValueCache } from './persisted-queries';
import { callerRateLimit } from './rate-limit';
import { gatewayReadiness } from './readiness';
import { browserAccess, csrfRequestHeaders } from './browser-access';
import { noSubscriptions } from './client-errors';
import { isRegistered, loadRegisteredOperations, mayRunAdHoc, OperationCache, operationOf } from './registered-operations';
import { ideRoutes } from './ide';
import { exportRoutes } from './export';
import {
  aliasLimit,
  costLimitPlugin,
  declaredCosts,
  depthLimit,
  directiveLimit,
  expandedSizeLimit,
  limitCodesPlugin,
  loadTrustedDocuments,
} from './query-limits';
import { incompleteAnswerPlugin, introspectionPlugin } from './policies';
import { ledgerRoutes } from './ledgers';

/**
 * The gateway serves the composed supergraph from a file (composition is a build step), so it starts
 * and answers even while a subgraph is down; a query touching that subgraph gets a clean error.
 */
export async function createGatewayApp(
  config: GatewayConfig,
): Promise<{ app: express.Express; apollo: ApolloServer<GatewayContext>; store?: GatewayStore; stop(): Promise<void> }> {
  checkKeys(config);
  const inflight = config.DEDUPE_READS ? new InflightReads() : undefined;
  const callerTokens = new CallerTokens(config.INTERNAL_SECRET);
  // shared by every replica when configured (rate limits, persisted queries); see store.ts
  const store = config.GATEWAY_DATABASE_URL ? await openGatewayStore(config.GATEWAY_DATABASE_URL) : undefined;
  if (!store) log().warn('no GATEWAY_DATABASE_URL: rate limits and persisted queries are kept per gateway process');
  const persisted = store ? new PostgresKeyValueCache(store.pool) : undefined;
  const subgraphUrls = new Map<string, string>();
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const override = isDepartment(name) ? config.subgraphUrls[name] : undefined;
      const reads = inflight && isDepartment(name) ? { subgraph: name, inflight } : undefined;
      subgraphUrls.set(name, override ?? url ?? '');
      return new CallerForwardingDataSource(
        override ?? url ?? '',
        callerTokens,
        name,
        { timeoutMs: config.SUBGRAPH_TIMEOUT_MS, maxResponseBytes: config.MAX_SUBGRAPH_RESPONSE_BYTES },
        reads,
      );
    },
  });
  const registered = loadRegisteredOperations(config);
  const operationCache = new OperationCache(registered, persisted);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: { requestHeaders: csrfRequestHeaders },
    persistedQueries: { cache: operationCache },
    introspection: true, // allowed per caller below
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    validationRules: [
      depthLimit(config.MAX_DEPTH),
      aliasLimit(config.MAX_ALIASES, loadTrustedDocuments(config.TRUSTED_OPERATIONS_DIR)),
      directiveLimit(config.MAX_DIRECTIVES),
      expandedSizeLimit(config.MAX_COST),
      noSubscriptions,
    ],
    plugins: [
      accessPlugin,
      introspectionPlugin((caller) => introspectionAllowed(config, caller)),
      costLimitPlugin(config.MAX_COST, {
        defaultPage: config.DEFAULT_PAGE_SIZE,
        listSize: config.LIST_SIZE_ESTIMATE,
        declared: declaredCosts(supergraphSdl),
      }),
      limitCodesPlugin,
      inputErrorsPlugin,
      incompleteAnswerPlugin,
      // last: a request answered by an identical one in flight has passed every check of its own first
      ...(config.DEDUPE_READS || config.DEDUPE_OPERATIONS ? [perCallerAnswers()] : []),
      ...(config.DEDUPE_OPERATIONS ? [sharedOperations().plugin] : []),
    ],
    formatError: maskErrors,
  });
  await apollo.start();

  const authenticate = createAuthenticator(config);
  // per verified caller, shared by every gateway of a fleet (the gateway database; see rate-limit.ts)
  const limiter = callerRateLimit(config.RATE_LIMIT_PER_MINUTE, store?.pool);
  const readiness = gatewayReadiness(() => subgraphUrls, config.READINESS_TIMEOUT_MS, store?.pool);
  const tooMany = (_req: express.Request, res: express.Response) => {
    res.setHeader('retry-after', '60');
    httpError(res, 429, '请求过于频繁，请一分钟后再试 / too many requests, retry in a minute', 'RATE_LIMITED');
  };
  // before a token is verified: per client address, so a flood of bad tokens is cut off cheaply (per process)
  const perAddress = rateLimit({
    windowMs: 60_000,
    limit: config.UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    handler: tooMany,
    legacyHeaders: false,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(countRequests('gateway'));
  app.use(browserAccess(config));
  app.use(ideRoutes(config));
  app.get('/livez', (_req, res) => {
    res.json({ service: 'gateway', status: 'alive' });
  });
  const ready = async (_req: express.Request, res: express.Response) => {
    const { ready, degraded, checks } = await readiness();
    res.status(ready ? 200 : 503).json({ service: 'gateway', status: ready ? (degraded ? 'degraded' : 'ok') : 'unready', checks });
  };
  app.get('/readyz', ready);
  app.get('/health', ready);
  app.get('/metrics', metricsHandler());
  const admit = async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (Array.isArray(req.body)) return httpError(res, 400, '不支持批量请求 / batched requests are not accepted', 'BAD_REQUEST');
    let caller: Caller;
    try {
      caller = await authenticate(req.header('authorization'));
    } catch (e) {
      return perAddress(req, res, () => httpError(res, 401, (e as Error).message, 'UNAUTHENTICATED'));
    }
    accessRecord(res).caller = { subject: caller.subject, roles: caller.roles };
    if (!(await limiter.allow(caller.subject))) return tooMany(req, res);
    const operation = operationOf(req);
    if (config.OPERATIONS === 'registered' && !mayRunAdHoc(caller) && !isRegistered(registered, operation, req)) {
      return httpError(
        res,
        403,
        '该操作未登记，请使用前端登记的操作 / this operation is not registered for your front-end',
        'OPERATION_NOT_REGISTERED',
      );
    }
    res.locals.caller = caller;
    next();
  };
  app.use('/graphql', accessLog(), express.json({ limit: config.MAX_BODY_BYTES }), admit);
  app.use('/export', accessLog(), express.json({ limit: config.MAX_BODY_BYTES }), admit, exportRoutes(apollo, gateway, config));
  app.use(
    '/graphql',
    expressMiddleware(apollo, { context: async ({ res }) => ({ caller: res.locals.caller as Caller, access: accessRecord(res) }) }),
  );
  app.use('/ledgers', accessLog(), ledgerRoutes({ config, authenticate, limiter, subgraphUrls }));
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err.type === 'entity.too.large')
      return httpError(res, 413, `请求体超过 ${config.MAX_BODY_BYTES} 字节 / request body too large`, 'PAYLOAD_TOO_LARGE');
    if (err.status && err.status < 500) return httpError(res, err.status, '请求格式错误 / malformed request', 'BAD_REQUEST');
    log().error({ error: err.name }, 'gateway error');
    return httpError(res, 500, '网关内部错误 / internal error', 'INTERNAL_SERVER_ERROR');
  });
  return {
    app,
    apollo,
    store,
    async stop() {
      await apollo.stop();
      persisted?.stop();
      await store?.close();
    },
  };
}

/** Introspection is a deployment switch: off in production, for analysts while developing, or for all. */
function introspectionAllowed(config: GatewayConfig, caller: Caller): boolean {
  if (config.INTROSPECTION === 'all') return true;
  if (config.INTROSPECTION === 'off') return false;
  return caller.roles.includes('ANALYST') || caller.roles.includes('DISTRICT_ADMIN');
}

export async function startGateway(config: GatewayConfig) {
  const { app, stop } = await createGatewayApp(config);
  const server = http.createServer(app);
  await listenOn(server, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stop();
    },
  };
}
