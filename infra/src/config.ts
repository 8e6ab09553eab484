import { join } from 'node:path';
import { env, readEnvOrExit, type EnvSpec } from '@district/common';
import { repoRoot, SUBGRAPHS, type SubgraphEntry } from './subgraphs';

export interface LocalConfig {
  /** an external PostgreSQL server; each subgraph gets its own database on it */
  DATABASE_URL: string | undefined;
  PG_PORT: number;
  DATA_DIR: string;
  GATEWAY_PORT: number;
  JWT_SECRET: string | undefined;
  INTERNAL_SECRET: string | undefined;
  PERSON_KEY: string | undefined;
  LOAD_DEMO: boolean;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  DEMO_DIR: string;
}

export const localEnv: EnvSpec<LocalConfig> = {
  DATABASE_URL: env.optional(),
  PG_PORT: env.port(54320),
  DATA_DIR: env.string(join(repoRoot, '.data')),
  GATEWAY_PORT: env.port(4000),
  JWT_SECRET: env.optional(),
  INTERNAL_SECRET: env.optional(),
  PERSON_KEY: env.optional(),
  LOAD_DEMO: env.bool(true),
  /** the children's log level on this console: warnings and errors unless asked (their access lines are for an operator's collector) */
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'warn'),
  DEMO_DIR: env.string(join(repoRoot, '..', 'shared', 'datasets', 'shangjie-2025')),
};

/** Per subgraph: its own database server (<NAME>_DATABASE_URL) and port (<NAME>_PORT), both optional. */
const subgraphEnv: EnvSpec<Record<string, string | number | undefined>> = Object.fromEntries(
  SUBGRAPHS.flatMap((s) => [
    [`${s.envName}_DATABASE_URL`, env.optional()],
    [`${s.envName}_READ_DATABASE_URL`, env.optional()],
    [`${s.envName}_PORT`, env.port(s.defaultPort)],
  ]),
);

export interface LocalSettings extends LocalConfig {
  /** subgraph name → its own database URL, when set */
  subgraphDatabaseUrls: Partial<Record<string, string>>;
  /** subgraph name → a streaming replica its queries read from, when set */
  subgraphReadDatabaseUrls: Partial<Record<string, string>>;
  /** the gateway's own database (rate limits, persisted queries shared by its replicas) */
  GATEWAY_DATABASE_URL: string | undefined;
  /** subgraph name → its port */
  subgraphPorts: Record<string, number>;
  /** the gateway an import or report talks to, when not the local one */
  GATEWAY_URL: string | undefined;
  /** a bearer token for GATEWAY_URL (an office's own account): the commands then need no local secret */
  DISTRICT_TOKEN: string | undefined;
  /** where pnpm was run from (relative paths on the command line are relative to it) */
  INIT_CWD: string;
}

/** The local runner's whole configuration, read once; every problem printed before exiting. */
export function readLocalConfig(): LocalSettings {
  const spec = {
    ...localEnv,
    ...subgraphEnv,
    GATEWAY_URL: env.optional(),
    DISTRICT_TOKEN: env.optional(),
    GATEWAY_DATABASE_URL: env.optional(),
    INIT_CWD: env.string(process.cwd()),
  };
  const raw = readEnvOrExit(spec as EnvSpec<Record<string, unknown>>) as unknown as LocalConfig & Record<string, unknown>;
  const pick = <T>(suffix: string) => Object.fromEntries(SUBGRAPHS.map((s: SubgraphEntry) => [s.name, raw[`${s.envName}_${suffix}`] as T]));
  return {
    ...raw,
    GATEWAY_URL: raw.GATEWAY_URL as string | undefined,
    DISTRICT_TOKEN: raw.DISTRICT_TOKEN as string | undefined,
    GATEWAY_DATABASE_URL: raw.GATEWAY_DATABASE_URL as string | undefined,
    INIT_CWD: raw.INIT_CWD as string,
    subgraphDatabaseUrls: Object.fromEntries(Object.entries(pick<string | undefined>('DATABASE_URL')).filter(([, v]) => v)) as Record<
      string,
      string
    >,
    subgraphReadDatabaseUrls: Object.fromEntries(
      Object.entries(pick<string | undefined>('READ_DATABASE_URL')).filter(([, v]) => v),
    ) as Record<string, string>,
    subgraphPorts: pick<number>('PORT'),
  };
}
