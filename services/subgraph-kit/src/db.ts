import 'reflect-metadata';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { Client } from 'pg';
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

/**
 * Creates the database named in `url` if it does not exist yet (PostgreSQL has no CREATE DATABASE
 * IF NOT EXISTS), as a copy of `template` when given (tests copy a database loaded once). A new
 * database collates bytewise (C): region codes under a node are a range scan on their index.
 */
export async function ensureDatabase(url: string, template?: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name must be letters, digits and _: "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      if (template && !/^[A-Za-z0-9_]+$/.test(template)) throw new Error(`template name must be letters, digits and _: "${template}"`);
      await client.query(
        template
          ? `CREATE DATABASE "${name}" TEMPLATE "${template}"`
          : `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
      );
    }
  } catch (e) {
    // two processes racing to create the same database: the loser sees 42P04, which is fine
    if ((e as { code?: string }).code !== '42P04') throw e;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Same server, another database: how one PostgreSQL hosts every subgraph's database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Opens the ORM and applies pending migrations: a subgraph never serves an old schema. */
export async function openDatabase(setup: OrmSetup): Promise<MikroORM> {
  await ensureDatabase(setup.url);
  const orm = await MikroORM.init(ormOptions(setup));
  await orm.getMigrator().up();
  return orm;
}
