import type { MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { env, readEnvOrExit, REGION_TREE_OWNER, SUBGRAPHS, type Department, type RegionTree } from '@district/common';
import type { LedgerImporter } from '@district/ledger';
import type { RequestContext } from './context';
import { ledgerImportEnv, settingsFromEnv, type LedgerImportSettings } from './ledger-imports/settings';
import { openDatabase, type SqlCounter } from './db';
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
  internalSecret: string;
  port?: number;
  host?: string;
  sqlCounter?: SqlCounter;
  /** the region tree owner's /graphql, for every other subgraph */
  regionTreeUrl?: string;
  figureCache?: boolean;
  ledgerImports?: Partial<LedgerImportSettings>;
}

/** Opens (and migrates) the subgraph's database and serves it. Used by the entry file and by tests. */
export async function startSubgraph(mod: SubgraphModule, opts: StartOptions) {
  const orm = await openDatabase({
    url: opts.databaseUrl,
    entities: mod.entities,
    migrations: mod.migrations,
    sqlCounter: opts.sqlCounter,
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
    },
    opts.port ?? 0,
    opts.host,
  );
  return { ...server, orm };
}

/** The entry file of a subgraph: read config, listen, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraph(mod: SubgraphModule): Promise<void> {
  const config = readEnvOrExit({
    PORT: env.port(defaultPort(mod.service)),
    HOST: env.string('0.0.0.0'),
    DATABASE_URL: env.string(),
    INTERNAL_SECRET: env.secret(32),
    // every subgraph but the tree's owner checks region codes against it
    REGION_TREE_URL: mod.service === REGION_TREE_OWNER ? env.optional() : env.string(),
    FIGURE_CACHE: env.bool(true),
    ...ledgerImportEnv,
  });
  const server = await startSubgraph(mod, {
    databaseUrl: config.DATABASE_URL,
    internalSecret: config.INTERNAL_SECRET,
    port: config.PORT,
    host: config.HOST,
    regionTreeUrl: config.REGION_TREE_URL,
    figureCache: config.FIGURE_CACHE,
    ledgerImports: settingsFromEnv(config),
  });
  console.log(`[${mod.service}] subgraph ready on port ${server.port}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
