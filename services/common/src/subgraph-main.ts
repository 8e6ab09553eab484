import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Department } from './caller';
import type { RequestContext } from './context';
import { env, readEnvOrExit } from './env';
import { openDatabase, type SqlCounter } from './db';
import { listen } from './server';

/** Everything that makes one subgraph: what start-up, tests and the import command need. */
export interface SubgraphModule {
  service: Department;
  defaultPort: number;
  /** the package root, where schema.graphql lives */
  root: string;
  resolvers: GraphQLResolverMap<RequestContext>;
  entities: Function[];
  migrations: MigrationObject[];
}

export function readSchema(root: string): string {
  return readFileSync(join(root, 'schema.graphql'), 'utf8');
}

export interface StartOptions {
  databaseUrl: string;
  internalSecret: string;
  port?: number;
  host?: string;
  sqlCounter?: SqlCounter;
  /** the workforce subgraph's /graphql, for every other subgraph's region checks */
  regionTreeUrl?: string;
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
      internalSecret: opts.internalSecret,
      regionTreeUrl: opts.regionTreeUrl,
    },
    opts.port ?? 0,
    opts.host,
  );
  return { ...server, orm };
}

/** The entry file of a subgraph: read config, listen, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraph(mod: SubgraphModule): Promise<void> {
  const config = readEnvOrExit({
    PORT: env.port(mod.defaultPort),
    HOST: env.string('0.0.0.0'),
    DATABASE_URL: env.string(),
    INTERNAL_SECRET: env.secret(32),
    // every subgraph but the tree's owner checks region codes in mutations against it
    REGION_TREE_URL: mod.service === 'workforce' ? env.optional() : env.string(),
  });
  const server = await startSubgraph(mod, {
    databaseUrl: config.DATABASE_URL,
    internalSecret: config.INTERNAL_SECRET,
    port: config.PORT,
    host: config.HOST,
    regionTreeUrl: config.REGION_TREE_URL,
  });
  console.log(`[${mod.service}] subgraph ready on port ${server.port}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
