import http from 'node:http';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { isDepartment, maskErrors, type Caller } from '@district/common';
import type { GatewayContext } from './context';
import { CallerForwardingDataSource } from './data-source';
import { InflightReads, sharedOperations } from './dedupe';
import { CallerTokens } from './caller-tokens';
import { httpError } from './http-errors';
import { createAuthenticator } from './auth';
import { checkKeys, type GatewayConfig } from './config';
export type { GatewayContext } from './context';
import { aliasLimit, costLimit, depthLimit, loadTrustedDocuments, RateLimiter, usesIntrospection } from './limits';

/**
 * The gateway serves the composed supergraph from a file (composition is a build step), so it starts
 * and answers even while a subgraph is down; a query touching that subgraph gets a clean error.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<{ app: express.Express; apollo: ApolloServer<GatewayContext> }> {
  checkKeys(config);
  const inflight = config.DEDUPE_READS ? new InflightReads() : undefined;
  const callerTokens = new CallerTokens(config.INTERNAL_SECRET);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => {
      const override = isDepartment(name) ? config.subgraphUrls[name] : undefined;
      const reads = inflight && isDepartment(name) ? { subgraph: name, inflight } : undefined;
      return new CallerForwardingDataSource(override ?? url ?? '', callerTokens, reads);
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
      costLimit(config.MAX_COST),
    ],
    formatError: maskErrors,
    plugins: config.DEDUPE_OPERATIONS ? [sharedOperations().plugin] : [],
  });
  await apollo.start();

  const authenticate = createAuthenticator(config);
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
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
      return httpError(res, 401, (e as Error).message, 'UNAUTHENTICATED');
    }
    if (!limiter.allow(caller.subject)) {
      res.setHeader('retry-after', '60');
      return httpError(res, 429, '请求过于频繁，请一分钟后再试 / too many requests, retry in a minute', 'RATE_LIMITED');
    }
    const query = typeof req.body?.query === 'string' ? req.body.query : undefined;
    if (usesIntrospection(query) && !introspectionAllowed(config, caller)) {
      return httpError(res, 403, '未开放内省查询 / introspection is disabled for your role', 'FORBIDDEN');
    }
    res.locals.caller = caller;
    next();
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
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
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
