import { join } from 'node:path';
import { env, envName, readEnv, SUBGRAPHS, type Department, type EnvSpec } from '@district/common';

/** What the gateway reads from its environment. */
export interface GatewayEnv {
  PORT: number;
  HOST: string;
  SUPERGRAPH_PATH: string;
  /** reviewed operations exempt from the alias limit */
  TRUSTED_OPERATIONS_DIR: string;
  /** HS256 secret for caller tokens; or JWKS_URL for asymmetric keys from an identity provider */
  JWT_SECRET: string | undefined;
  JWKS_URL: string | undefined;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  INTERNAL_SECRET: string;
  /** off; analysts (analysts and administrators, for development); all */
  INTROSPECTION: 'off' | 'analysts' | 'all';
  MAX_DEPTH: number;
  MAX_ALIASES: number;
  MAX_TOKENS: number;
  MAX_COST: number;
  MAX_BODY_BYTES: number;
  RATE_LIMIT_PER_MINUTE: number;
  /** identical reads in flight at once are sent to a subgraph once (dedupe.ts) */
  DEDUPE_READS: boolean;
  /** identical queries in flight at once are executed once (dedupe.ts) */
  DEDUPE_OPERATIONS: boolean;
}

export const gatewayEnv: EnvSpec<GatewayEnv> = {
  PORT: env.port(4000),
  HOST: env.string('0.0.0.0'),
  SUPERGRAPH_PATH: env.string(join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
  TRUSTED_OPERATIONS_DIR: env.string(join(__dirname, '..', '..', 'schema', 'operations')),
  JWT_SECRET: (raw, name) => {
    if (raw !== undefined && raw.length < 32) throw new Error(`${name} must be at least 32 characters`);
    return raw;
  },
  JWKS_URL: env.optional(),
  JWT_ISSUER: env.string('district-auth'),
  JWT_AUDIENCE: env.string('district-graph'),
  INTERNAL_SECRET: env.secret(32),
  INTROSPECTION: env.oneOf(['off', 'analysts', 'all'] as const, 'off'),
  MAX_DEPTH: env.int(12),
  MAX_ALIASES: env.int(20),
  MAX_TOKENS: env.int(2000),
  MAX_COST: env.int(50000),
  MAX_BODY_BYTES: env.int(100_000),
  RATE_LIMIT_PER_MINUTE: env.int(600),
  DEDUPE_READS: env.bool(true),
  DEDUPE_OPERATIONS: env.bool(true),
};

export function checkKeys(config: GatewayConfig): void {
  if (!config.JWT_SECRET && !config.JWKS_URL) throw new Error('JWT_SECRET or JWKS_URL is required to verify callers');
}

/** The variable overriding a subgraph's URL from the supergraph: WORKFORCE_URL, GIG_CARE_URL … */
export const subgraphUrlVariable = (name: Department) => `${envName(name)}_URL`;

/** Per-subgraph URL overrides, one variable per subgraph of the registry (e.g. WORKFORCE_URL=http://workforce:4002/graphql). */
export const subgraphUrlEnv: EnvSpec<Record<string, string | undefined>> = Object.fromEntries(
  SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), env.optional()]),
);

export interface GatewayConfig extends GatewayEnv {
  /** subgraph URLs that replace the supergraph's, by subgraph */
  subgraphUrls: Partial<Record<Department, string>>;
}

/** The whole configuration, every problem reported together (see readEnv). */
export function readGatewayConfig(source?: NodeJS.ProcessEnv): GatewayConfig {
  const base = readEnv({ ...gatewayEnv, ...subgraphUrlEnv } as EnvSpec<GatewayEnv & Record<string, string | undefined>>, source);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, base[subgraphUrlVariable(s.name)]]).filter(([, url]) => url),
  ) as GatewayConfig['subgraphUrls'];
  return { ...base, subgraphUrls };
}
