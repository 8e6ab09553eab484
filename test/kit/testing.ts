import { randomBytes } from 'node:crypto';
import { CALLER_HEADER, databaseName, signCaller, type Caller, type Department } from '@district/common';
import {
  dropDatabase,
  ensureDatabase,
  SqlCounter,
  startSubgraph,
  withDatabase,
  type LedgerImportSettings,
  type SubgraphModule,
} from '@district/subgraph-kit';

/**
 * Test kit. The jest global setup starts one real PostgreSQL (embedded, or the server in
 * DATABASE_URL), loads the Shangjie ledgers once into template databases, and exposes the server's
 * URL; every test file makes its own databases on it, empty or as copies of a template.
 */
export function testServerUrl(): string {
  const url = process.env.DISTRICT_TEST_PG_URL;
  if (!url) throw new Error('DISTRICT_TEST_PG_URL is not set: run tests through the repository jest config');
  return url;
}

/** A database of its own for a test file: empty (migrated on start), or a copy of a template. */
export async function freshDatabase(label: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(testServerUrl(), name);
  await ensureDatabase(url, template);
  return { url, drop: () => dropDatabase(url) };
}

export const TEST_INTERNAL_SECRET = 'test-internal-secret-0123456789abcdef-not-for-production';

export const testCallers = {
  admin: { subject: 'admin@test', roles: ['DISTRICT_ADMIN'] } as Caller,
  analyst: { subject: 'analyst@test', roles: ['ANALYST'] } as Caller,
  service: { subject: 'service:test', roles: ['SERVICE'] } as Caller,
  department: (department: Caller['department']): Caller => ({ subject: `${department}@test`, roles: ['DEPARTMENT'], department }),
  street: (regionScope: string): Caller => ({ subject: `street-${regionScope}@test`, roles: ['STREET'], regionScope }),
  community: (regionScope: string): Caller => ({ subject: `community-${regionScope}@test`, roles: ['COMMUNITY'], regionScope }),
};

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/** Posts a GraphQL operation to a subgraph as the gateway would, signing the given caller. */
export async function subgraphRequest<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  caller: Caller | null = testCallers.admin,
  secret = TEST_INTERNAL_SECRET,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller) headers[CALLER_HEADER] = await signCaller(caller, secret);
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GraphQLResult<T>;
  return { ...body, status: res.status };
}

/** Prefix of the template databases holding the Shangjie ledgers (made once by global-setup.js, which says it too). */
export const SHANGJIE_TEMPLATES = 'tpl_shangjie';

/** The template database of a subgraph holding the Shangjie ledgers. */
export const shangjieTemplate = (service: Department) => databaseName(service, SHANGJIE_TEMPLATES);

export interface TestSubgraphOptions {
  regionTreeUrl?: string;
  /** start from a copy of the Shangjie template instead of an empty database */
  shangjie?: boolean;
  figureCache?: boolean;
  /** how it takes ledgers in (a short preview time limit, an upload directory of the test's own) */
  ledgerImports?: Partial<LedgerImportSettings>;
}

/** A subgraph on its own fresh database, listening on a free port, with a SQL statement counter. */
export async function startTestSubgraph(mod: SubgraphModule, opts: TestSubgraphOptions = {}) {
  const db = await freshDatabase(mod.service, opts.shangjie ? shangjieTemplate(mod.service) : undefined);
  const sqlCounter = new SqlCounter();
  const server = await startSubgraph(mod, {
    databaseUrl: db.url,
    internalSecret: TEST_INTERNAL_SECRET,
    sqlCounter,
    host: '127.0.0.1',
    regionTreeUrl: opts.regionTreeUrl,
    figureCache: opts.figureCache,
    ledgerImports: opts.ledgerImports,
  });
  return {
    ...server,
    databaseUrl: db.url,
    sqlCounter,
    /** sends an operation as the gateway would, for the given caller (an administrator by default) */
    query: <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller | null = testCallers.admin) =>
      subgraphRequest<T>(server.url, query, variables, caller),
    /** rows of the subgraph's own tables, read straight from its database */
    sql: <T = Record<string, any>>(text: string, params: unknown[] = []) =>
      server.orm.em.fork().getConnection().execute(text, params) as Promise<T[]>,
    /** counts the SQL statements one request runs */
    async countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
      sqlCounter.reset();
      sqlCounter.enabled = true;
      try {
        const result = await work();
        return { result, statements: sqlCounter.count };
      } finally {
        sqlCounter.enabled = false;
      }
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;
