import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { jwtVerify } from 'jose';
import {
  CALLER_HEADER,
  CALLER_TOKEN_TTL_SECONDS,
  callerFromClaims,
  env,
  envName,
  readEnvOrExit,
  signCaller,
  SUBGRAPHS,
  type Caller,
} from '@district/common';

/**
 * Hive Gateway as the benchmark runs it beside ours (`hive-gateway supergraph -c <this file>`): the
 * same supergraph and subgraphs, its own default settings otherwise. It does what our gateway does
 * for every request, the same way, so the comparison is like for like: verifies the caller's bearer
 * token (HS256, issuer, audience; a token once until it expires) and forwards the caller to each
 * subgraph signed with the internal secret (a subgraph answers nothing else; one signature per
 * caller every 30 seconds, as our gateway's caller-tokens.ts).
 */
const config = readEnvOrExit({
  SUPERGRAPH_PATH: env.string(),
  JWT_SECRET: env.secret(32),
  JWT_ISSUER: env.string('district-auth'),
  JWT_AUDIENCE: env.string('district-graph'),
  INTERNAL_SECRET: env.secret(32),
  /** the Rust query planner (@graphql-hive/router-runtime) instead of Hive's JavaScript one */
  HIVE_ROUTER_RUNTIME: env.bool(true),
  ...Object.fromEntries(SUBGRAPHS.map((s) => [`${envName(s.name)}_URL`, env.string()])),
} as Record<string, (raw: string | undefined, name: string) => unknown>) as Record<string, string> & { HIVE_ROUTER_RUNTIME: boolean };

const key = new TextEncoder().encode(config.JWT_SECRET);
const verified = new Map<string, { caller: Caller; until: number }>();
const signed = new Map<string, { token: Promise<string>; until: number }>();

async function callerOf(request: Request): Promise<Caller> {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!m) throw new Error('missing bearer token');
  const known = verified.get(m[1]);
  if (known && known.until > Date.now()) return known.caller;
  const { payload } = await jwtVerify(m[1], key, { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, algorithms: ['HS256'] });
  const caller = callerFromClaims(payload as Record<string, unknown>);
  if (payload.exp) verified.set(m[1], { caller, until: payload.exp * 1000 });
  return caller;
}

function signedCaller(caller: Caller): Promise<string> {
  const id = JSON.stringify(caller);
  const held = signed.get(id);
  if (held && held.until > Date.now()) return held.token;
  const token = signCaller(caller, config.INTERNAL_SECRET);
  signed.set(id, { token, until: Date.now() + (CALLER_TOKEN_TTL_SECONDS * 1000) / 2 });
  return token;
}

export const gatewayConfig = defineConfig({
  supergraph: config.SUPERGRAPH_PATH,
  // named here: the router runtime's own copy of the fusion runtime cannot find Hive's default transport under pnpm
  transports: { http: import('@graphql-mesh/transport-http') },
  transportEntries: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { location: config[`${envName(s.name)}_URL`] }])),
  ...(config.HIVE_ROUTER_RUNTIME ? { unifiedGraphHandler } : {}),
  propagateHeaders: {
    async fromClientToSubgraphs({ request }) {
      return { [CALLER_HEADER]: await signedCaller(await callerOf(request)) };
    },
  },
});
