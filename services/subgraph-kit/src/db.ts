import 'reflect-metadata';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { ensureDatabase, withMigrationLock } from '@district/common';
import { kitMigrations } from './migrations';

export { MikroORM };

/** Counts SQL statements so tests can prove a list query does not run one query per row. */
export class SqlCounter {
  count = 0;
  enabled = false;
  reset() {
    this.count = 0;
  }
}

export interface OrmSetup {
  url: string;
  entities: Function[];
  migrations: MigrationObject[];
  /** tests pass a counter; nothing is ever logged because SQL parameters can hold personal data */
  sqlCounter?: SqlCounter;
  poolMax?: number;
  /** a streaming replica for reads (lists, figures); writes and everything else go to `url` */
  readUrl?: string;
  /** every statement on the pool's connections is cancelled by PostgreSQL after this (statement_timeout) */
  statementTimeoutMs?: number;
  /** a request waiting longer than this for a free connection is refused instead of queueing forever */
  acquireTimeoutMs?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 20_000;
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;

export function ormOptions(setup: OrmSetup): Options {
  const counter = setup.sqlCounter;
  return {
    clientUrl: setup.url,
    entities: setup.entities,
    extensions: [Migrator],
    migrations: { migrationsList: [...kitMigrations, ...setup.migrations], transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    pool: { min: 0, max: setup.poolMax ?? 10 },
    // only the reads that ask for it (RequestContext.readFrom) go to the replica: an entity read
    // after a write in the same request must see the write
    replicas: setup.readUrl ? [{ name: 'read', clientUrl: setup.readUrl }] : [],
    preferReadReplicas: false,
    driverOptions: {
      // a startup parameter of each connection, so it holds for every statement, the ORM's and raw ones
      connection: { statement_timeout: setup.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS },
      acquireConnectionTimeout: setup.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
    },
    allowGlobalContext: false,
    debug: counter ? ['query'] : false,
    logger: counter
      ? () => {
          if (counter.enabled) counter.count++;
        }
      : () => undefined,
    // dates (not timestamps) stay 'YYYY-MM-DD' strings: a ledger date must not move with the server's TZ
    // (mapped by the entities with type 'date' → string)
  };
}

// one implementation, shared with the gateway's own database
export { dropDatabase, ensureDatabase, withDatabase } from '@district/common';

/** Opens the ORM and applies pending migrations: a subgraph never serves an old schema. */
export async function openDatabase(setup: OrmSetup): Promise<MikroORM> {
  await ensureDatabase(setup.url);
  const orm = await MikroORM.init(ormOptions(setup));
  // replicas starting together: one migrates, the others wait and then find nothing pending
  await withMigrationLock(setup.url, () => orm.getMigrator().up());
  return orm;
}
