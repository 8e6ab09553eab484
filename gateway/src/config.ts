import { tmpdir } from 'node:os';
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
  /** a ledger upload's limit; it is streamed to UPLOAD_DIR before the owning subgraph gets it */
  MAX_UPLOAD_BYTES: number;
  UPLOAD_DIR: string;
  /**
   * The gateway's own database, shared by every replica: per-caller rate limits and persisted
   * queries. Without it both live in this process's memory (one gateway only).
   */
  GATEWAY_DATABASE_URL: string | undefined;
  /** how long the readiness check waits for each subgraph's /readyz */
  READINESS_TIMEOUT_MS: number;
  /** browser origins allowed to call the gateway (CORS), comma-separated; none by default */
  CORS_ORIGINS: string[];
  /** the IDE at /ide (GraphiQL served from the gateway's own files) */
  IDE: boolean;
  /** rows fetched per page while an export streams a list */
  EXPORT_PAGE_SIZE: number;
  /** most rows one export writes: past it the file says it was cut short */
  EXPORT_MAX_ROWS: number;
  /** manifests of front-ends' operations (Apollo persisted-query manifest JSON files) */
  PERSISTED_OPERATIONS_DIR: string | undefined;
  /** open: any operation; registered: roles other than analysts and administrators run only registered ones */
  OPERATIONS: 'open' | 'registered';
  MAX_DIRECTIVES: number;
  /** the cost model: the page of a list asked without `first`, and what a list without paging can hold */
  DEFAULT_PAGE_SIZE: number;
  LIST_SIZE_ESTIMATE: number;
  /** a caller token living longer than this (exp − iat) is refused; one without exp is always refused */
  MAX_TOKEN_LIFETIME_SECONDS: number;
  /** requests without a valid token, per client address (a flood of guesses is cut off) */
  UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: number;
  /** deadline of each call to a subgraph (Apollo Router's default is 30 s) */
  SUBGRAPH_TIMEOUT_MS: number;
  /** a subgraph answer larger than this is dropped and its fields are reported as RESPONSE_TOO_LARGE */
  MAX_SUBGRAPH_RESPONSE_BYTES: number;
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
  MAX_UPLOAD_BYTES: env.int(100 * 1024 * 1024),
  UPLOAD_DIR: env.string(join(tmpdir(), 'district-gateway-uploads')),
  GATEWAY_DATABASE_URL: env.optional(),
  READINESS_TIMEOUT_MS: env.int(2000),
  CORS_ORIGINS: (raw, name) => {
    const origins = (raw ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const bad = origins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
    if (bad.length) throw new Error(`${name}: each origin must be scheme://host[:port] with no path, got ${bad.join(', ')}`);
    return origins;
  },
  IDE: env.bool(true),
  EXPORT_PAGE_SIZE: env.int(500),
  EXPORT_MAX_ROWS: env.int(1_000_000),
  PERSISTED_OPERATIONS_DIR: env.optional(),
  OPERATIONS: env.oneOf(['open', 'registered'] as const, 'open'),
  MAX_DIRECTIVES: env.int(50),
  DEFAULT_PAGE_SIZE: env.int(50),
  LIST_SIZE_ESTIMATE: env.int(50),
  MAX_TOKEN_LIFETIME_SECONDS: env.int(24 * 3600),
  UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: env.int(60),
  SUBGRAPH_TIMEOUT_MS: env.int(30_000),
  MAX_SUBGRAPH_RESPONSE_BYTES: env.int(20_000_000),
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
