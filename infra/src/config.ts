import { join } from 'node:path';
import { env, type EnvSpec } from '@district/common';
import { repoRoot } from './subgraphs';

export interface LocalConfig {
  /** an external PostgreSQL server; each subgraph gets its own database on it */
  DATABASE_URL: string | undefined;
  PG_PORT: number;
  DATA_DIR: string;
  GATEWAY_PORT: number;
  JWT_SECRET: string | undefined;
  INTERNAL_SECRET: string | undefined;
  LOAD_DEMO: boolean;
  DEMO_DIR: string;
}

export const localEnv: EnvSpec<LocalConfig> = {
  DATABASE_URL: env.optional(),
  PG_PORT: env.port(54320),
  DATA_DIR: env.string(join(repoRoot, '.data')),
  GATEWAY_PORT: env.port(4000),
  JWT_SECRET: env.optional(),
  INTERNAL_SECRET: env.optional(),
  LOAD_DEMO: env.bool(true),
  DEMO_DIR: env.string(join(repoRoot, '..', 'shared', 'datasets', 'shangjie-2025')),
};
