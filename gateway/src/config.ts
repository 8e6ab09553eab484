import { join } from 'node:path';
import { env, type EnvSpec } from '@district/common';

export interface GatewayConfig {
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
  /** per-subgraph URL overrides, e.g. WORKFORCE_URL=http://workforce:4002/graphql */
  WORKFORCE_URL: string | undefined;
  PARTY_BUILDING_URL: string | undefined;
  SOCIAL_ORGANIZATIONS_URL: string | undefined;
  VOLUNTEER_STATIONS_URL: string | undefined;
  GIG_CARE_URL: string | undefined;
  MAX_DEPTH: number;
  MAX_ALIASES: number;
  MAX_TOKENS: number;
  MAX_COST: number;
  MAX_BODY_BYTES: number;
  RATE_LIMIT_PER_MINUTE: number;
}

export const gatewayEnv: EnvSpec<GatewayConfig> = {
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
  WORKFORCE_URL: env.optional(),
  PARTY_BUILDING_URL: env.optional(),
  SOCIAL_ORGANIZATIONS_URL: env.optional(),
  VOLUNTEER_STATIONS_URL: env.optional(),
  GIG_CARE_URL: env.optional(),
  MAX_DEPTH: env.int(12),
  MAX_ALIASES: env.int(20),
  MAX_TOKENS: env.int(2000),
  MAX_COST: env.int(50000),
  MAX_BODY_BYTES: env.int(100_000),
  RATE_LIMIT_PER_MINUTE: env.int(600),
};

export function checkKeys(config: GatewayConfig): void {
  if (!config.JWT_SECRET && !config.JWKS_URL) throw new Error('JWT_SECRET or JWKS_URL is required to verify callers');
}
