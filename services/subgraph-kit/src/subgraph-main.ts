import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { env, log, nameProcess, readEnvOrExit, REGION_TREE_OWNER, SUBGRAPHS, type Department, type RegionTree } from '@district/common';
import { tracing } from '@district/telemetry';
import type { LedgerImporter } from '@district/ledger';
import type { RequestContext } from './context';
import { ledgerImportEnv, settingsFromEnv, type LedgerImportSettings } from './ledger-imports/settings';
import { DEFAULT_ACQUIRE_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, openDatabase, type SqlCounter } from './db';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './guards';
import { readSchema } from './sdl';
import { listen } from './server';

/** Everything that makes one subgraph: what start-up, tests and the import command need. */
export interface SubgraphModule {
  service: Department;
  /** the package root, where schema.graphql lives */
  root: string;
  resolvers: GraphQLResolverMap<RequestContext>;
  entities: Function[];
  migrations: MigrationObject[];
  /** the region tree from the subgraph's own tables: only its owner has one */
  localRegionTree?: (em: EntityManager) => RegionTree;
  /** its ledgers in import order (src/ledgers.ts): taken in through the gateway */
  ledgers?: LedgerImporter[];
}

/** The port a subgraph listens on unless PORT says otherwise. */
export const defaultPort = (service: Department): number => SUBGRAPHS.find((s) => s.name === service)!.port;

export interface StartOptions {
  databaseUrl: string;
  /** a streaming replica of the database, for the reads of queries (lists, figures) */
  readDatabaseUrl?: string;
  internalSecret: string;
  port?: number;
  host?: string;
  sqlCounter?: SqlCounter;
  /** the region tree owner's /graphql, for every other subgraph */
  regionTreeUrl?: string;
  figureCache?: boolean;
  ledgerImports?: Partial<LedgerImportSettings>;
  /** per-request deadline, field budget, longest text argument */
  limits?: Partial<RequestLimits>;
  statementTimeoutMs?: number;
  acquireTimeoutMs?: number;
  poolMax?: number;
}

/** Opens (and migrates) the subgraph's database and serves it. Used by the entry file and by tests. */
export async function startSubgraph(mod: SubgraphModule, opts: StartOptions) {
  const orm = await openDatabase({
    url: opts.databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    sqlCounter: opts.sqlCounter,
    readUrl: opts.readDatabaseUrl,
    statementTimeoutMs: opts.statementTimeoutMs,
    acquireTimeoutMs: opts.acquireTimeoutMs,
    poolMax: opts.poolMax,
  });
  const server = await listen(
    {
      service: mod.service,
      typeDefs: readSchema(mod.root),
      resolvers: mod.resolvers,
      orm,
      databaseUrl: opts.databaseUrl,
      internalSecret: opts.internalSecret,
      regionTreeUrl: opts.regionTreeUrl,
      localRegionTree: mod.localRegionTree,
      figureCache: opts.figureCache,
      ledgers: mod.ledgers,
      ledgerImports: opts.ledgerImports,
      limits: opts.limits,
    },
    opts.port ?? 0,
    opts.host,
  );
  return { ...server, orm };
}

/**
 * The entry file of a subgraph: read config, listen, stop cleanly on SIGINT/SIGTERM. With the
 * argument `migrate` it only migrates its database and exits (a deployment's migration job).
 */
export async function runSubgraph(mod: SubgraphModule, argv: string[] = process.argv.slice(2)): Promise<void> {
  nameProcess(mod.service);
  if (argv[0] === 'migrate') return migrateOnly(mod);
  const config = readEnvOrExit({
    PORT: env.port(defaultPort(mod.service)),
    HOST: env.string('0.0.0.0'),
    DATABASE_URL: env.string(),
    READ_DATABASE_URL: env.optional(),
    INTERNAL_SECRET: env.secret(32),
    // every subgraph but the tree's owner checks region codes against it
    REGION_TREE_URL: mod.service === REGION_TREE_OWNER ? env.optional() : env.string(),
    FIGURE_CACHE: env.bool(true),
    // deadlines nest inside the gateway's 30 s per call: a statement, then the whole request
    STATEMENT_TIMEOUT_MS: env.int(DEFAULT_STATEMENT_TIMEOUT_MS),
    POOL_ACQUIRE_TIMEOUT_MS: env.int(DEFAULT_ACQUIRE_TIMEOUT_MS),
    DB_POOL_MAX: env.int(10),
    EXECUTION_TIMEOUT_MS: env.int(DEFAULT_REQUEST_LIMITS.executionTimeoutMs),
    MAX_RESPONSE_FIELDS: env.int(DEFAULT_REQUEST_LIMITS.maxFields),
    MAX_TEXT_LENGTH: env.int(DEFAULT_REQUEST_LIMITS.maxText),
    ...ledgerImportEnv,
  });
  let server: Awaited<ReturnType<typeof startSubgraph>>;
  try {
    server = await startSubgraph(mod, {
      databaseUrl: config.DATABASE_URL,
      readDatabaseUrl: config.READ_DATABASE_URL,
      internalSecret: config.INTERNAL_SECRET,
      port: config.PORT,
      host: config.HOST,
      regionTreeUrl: config.REGION_TREE_URL,
      figureCache: config.FIGURE_CACHE,
      statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
      acquireTimeoutMs: config.POOL_ACQUIRE_TIMEOUT_MS,
      poolMax: config.DB_POOL_MAX,
      ledgerImports: settingsFromEnv(config),
      limits: { executionTimeoutMs: config.EXECUTION_TIMEOUT_MS, maxFields: config.MAX_RESPONSE_FIELDS, maxText: config.MAX_TEXT_LENGTH },
    });
  } catch (e) {
    // one line for the operator (a busy port, an unreachable database), not a stack trace
    log().fatal({ error: (e as Error).message }, 'failed to start');
    process.exit(1);
  }
  log().info({ port: server.port, readReplica: !!config.READ_DATABASE_URL }, 'subgraph ready');
  const stop = async () => {
    log().info('stopping: finishing requests in flight');
    await server.close();
    await tracing()?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Applies pending migrations (under the migration lock) and exits: run once per deployment, before new replicas start. */
async function migrateOnly(mod: SubgraphModule): Promise<void> {
  const config = readEnvOrExit({ DATABASE_URL: env.string() });
  const orm = await openDatabase({ url: config.DATABASE_URL, entities: mod.entities, migrations: mod.migrations });
  await orm.close();
  log().info('migrations applied');
}
