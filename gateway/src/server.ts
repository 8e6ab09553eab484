import http from 'node:http';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { rateLimit } from 'express-rate-limit';
import { inputErrorsPlugin, isDepartment, listenOn, maskErrors, type Caller } from '@district/common';
import type { GatewayContext } from './context';
import { CallerForwardingDataSource } from './data-source';
import { httpError } from './http-errors';
import { createAuthenticator } from './auth';
import { checkKeys, type GatewayConfig } from './config';
export type { GatewayContext } from './context';
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

/**
 * The gateway serves the composed supergraph from a file (composition is a build step), so it starts
 * and answers even while a subgraph is down; a query touching that subgraph gets a clean error.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<{ app: express.Express; apollo: ApolloServer<GatewayContext> }> {
  checkKeys(config);
  const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const override = isDepartment(name) ? config.subgraphUrls[name] : undefined;
      return new CallerForwardingDataSource(override ?? url ?? '', config.INTERNAL_SECRET, name, {
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        maxResponseBytes: config.MAX_SUBGRAPH_RESPONSE_BYTES,
      });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
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
    ],
    plugins: [
      introspectionPlugin((caller) => introspectionAllowed(config, caller)),
      costLimitPlugin(config.MAX_COST, {
        defaultPage: config.DEFAULT_PAGE_SIZE,
        listSize: config.LIST_SIZE_ESTIMATE,
        declared: declaredCosts(supergraphSdl),
      }),
      limitCodesPlugin,
      inputErrorsPlugin,
      incompleteAnswerPlugin,
    ],
    formatError: maskErrors,
  });
  await apollo.start();

  const authenticate = createAuthenticator(config);
  const tooMany = (_req: express.Request, res: express.Response) => {
    res.setHeader('retry-after', '60');
    httpError(res, 429, '请求过于频繁，请一分钟后再试 / too many requests, retry in a minute', 'RATE_LIMITED');
  };
  // per verified caller; and, before a token is verified, per client address, so a flood of bad tokens is cut off cheaply
  const perCaller = rateLimit({
    windowMs: 60_000,
    limit: config.RATE_LIMIT_PER_MINUTE,
    keyGenerator: (_req, res) => `caller:${(res.locals.caller as Caller).subject}`,
    handler: tooMany,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });
  const perAddress = rateLimit({
    windowMs: 60_000,
    limit: config.UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    handler: tooMany,
    legacyHeaders: false,
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ service: 'gateway', status: 'ok' });
  });
  app.use('/graphql', express.json({ limit: config.MAX_BODY_BYTES }), async (req, res, next) => {
    if (Array.isArray(req.body)) return httpError(res, 400, '不支持批量请求 / batched requests are not accepted', 'BAD_REQUEST');
    let caller: Caller;
    try {
      caller = await authenticate(req.header('authorization'));
    } catch (e) {
      return perAddress(req, res, () => httpError(res, 401, (e as Error).message, 'UNAUTHENTICATED'));
    }
    res.locals.caller = caller;
    return perCaller(req, res, next);
  });
  app.use('/graphql', expressMiddleware(apollo, { context: async ({ res }) => ({ caller: res.locals.caller as Caller }) }));
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (err.type === 'entity.too.large')
      return httpError(res, 413, `请求体超过 ${config.MAX_BODY_BYTES} 字节 / request body too large`, 'PAYLOAD_TOO_LARGE');
    if (err.status && err.status < 500) return httpError(res, err.status, '请求格式错误 / malformed request', 'BAD_REQUEST');
    console.error(`[gateway] ${err.name}`);
    return httpError(res, 500, '网关内部错误 / internal error', 'INTERNAL_SERVER_ERROR');
  });
  return { app, apollo };
}

/** Introspection is a deployment switch: off in production, for analysts while developing, or for all. */
function introspectionAllowed(config: GatewayConfig, caller: Caller): boolean {
  if (config.INTROSPECTION === 'all') return true;
  if (config.INTROSPECTION === 'off') return false;
  return caller.roles.includes('ANALYST') || caller.roles.includes('DISTRICT_ADMIN');
}

export async function startGateway(config: GatewayConfig) {
  const { app, apollo } = await createGatewayApp(config);
  const server = http.createServer(app);
  await listenOn(server, config.PORT, config.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
