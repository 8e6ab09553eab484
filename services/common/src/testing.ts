import { randomBytes } from 'node:crypto';
import { signCaller, CALLER_HEADER, type Caller } from './caller';
import { withDatabase, dropDatabase, ensureDatabase, SqlCounter } from './db';
import { startSubgraph, type SubgraphModule } from './subgraph-main';

/**
 * Test kit. The jest global setup starts one real PostgreSQL (embedded, or the server in
 * DATABASE_URL) and exposes its URL; every test file makes its own databases on it.
 */
export function testServerUrl(): string {
  const url = process.env.DISTRICT_TEST_PG_URL;
  if (!url) throw new Error('DISTRICT_TEST_PG_URL is not set: run tests through the repository jest config');
  return url;
}

export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(testServerUrl(), name);
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

export const TEST_INTERNAL_SECRET = 'test-internal-secret-0123456789abcdef-not-for-production';

export const testCallers = {
  admin: { subject: 'admin@test', roles: ['DISTRICT_ADMIN'] } as Caller,
  analyst: { subject: 'analyst@test', roles: ['ANALYST'] } as Caller,
  department: (department: Caller['department']): Caller => ({ subject: `${department}@test`, roles: ['DEPARTMENT'], department }),
  street: (regionScope: string): Caller => ({ subject: `street-${regionScope}@test`, roles: ['STREET'], regionScope }),
  community: (regionScope: string): Caller => ({ subject: `community-${regionScope}@test`, roles: ['COMMUNITY'], regionScope }),
};

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/** Posts a GraphQL operation to a subgraph as the gateway would, signing the given caller. */
export async function subgraphRequest<T = Record<string, unknown>>(
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

/** A subgraph on its own fresh database, listening on a free port, with a SQL statement counter. */
export async function startTestSubgraph(mod: SubgraphModule, opts: { regionTreeUrl?: string } = {}) {
  const db = await freshDatabase(mod.service);
  const sqlCounter = new SqlCounter();
  const server = await startSubgraph(mod, {
    databaseUrl: db.url,
    internalSecret: TEST_INTERNAL_SECRET,
    sqlCounter,
    host: '127.0.0.1',
    regionTreeUrl: opts.regionTreeUrl,
  });
  return {
    ...server,
    databaseUrl: db.url,
    sqlCounter,
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
