import { Client } from 'pg';
import { startTestStack, type TestStack } from '../kit/stack';

/**
 * A database that stalls (a table locked by another session) or a pool with no free connection: a
 * statement is cancelled by statement_timeout, a request waiting for a connection gives up after the
 * pool's acquire timeout, and a request still resolving past its execution deadline is cut off. Each
 * is DEADLINE_EXCEEDED at its path, naming the subgraph; nothing waits without bound. A request
 * whose answer would exceed its budget of fields is cut off the same way (RESPONSE_TOO_LARGE).
 */
const STATEMENT_MS = 8000;
const EXECUTION_MS = 4000;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(
    {},
    {
      shangjie: true,
      subgraphEnv: {
        STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
        EXECUTION_TIMEOUT_MS: String(EXECUTION_MS),
        DB_POOL_MAX: '1',
        POOL_ACQUIRE_TIMEOUT_MS: '500',
        MAX_RESPONSE_FIELDS: '300',
        // every read goes to the database: rows kept per data version would answer the lookups these tests stall
        FIGURE_CACHE: 'false',
      },
    },
  );
}, 300_000);

afterAll(() => stack?.stop());

/** Holds an exclusive lock on one of workforce's tables for `ms`, as a long migration or a stuck session would. */
async function lockFor(table: string, ms: number): Promise<() => Promise<void>> {
  const client = new Client({ connectionString: stack.databaseUrls.workforce });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const release = async () => {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  };
  const timer = setTimeout(() => void release(), ms);
  return async () => {
    clearTimeout(timer);
    await release();
  };
}

const failures = (res: Awaited<ReturnType<TestStack['query']>>) =>
  res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, serviceName: e.extensions?.serviceName }));

test('a statement blocked by a lock is cancelled at statement_timeout: DEADLINE_EXCEEDED at the field, the rest of the answer kept', async () => {
  const release = await lockFor('worker', STATEMENT_MS + 5000);
  try {
    const started = Date.now();
    const res = await stack.query('{ region(code: "410106") { name } communityWorkers(first: 1) { totalCount } }');
    console.log(`statement_timeout ${STATEMENT_MS} ms: answered after ${Date.now() - started} ms`);
    expect(res.data).toEqual({ region: { name: expect.any(String) }, communityWorkers: null });
    expect(failures(res)).toEqual([{ path: ['communityWorkers'], code: 'DEADLINE_EXCEEDED', serviceName: 'workforce' }]);
  } finally {
    await release();
  }
});

test('a request waiting for a connection gives up at the pool’s acquire timeout instead of queueing', async () => {
  const release = await lockFor('worker', 3000);
  try {
    const holding = stack.query('{ communityWorkers(first: 1) { totalCount } }');
    await new Promise((r) => setTimeout(r, 300)); // the first request now holds the only connection
    const waiting = await stack.query('{ region(code: "410106") { name } }');
    expect(failures(waiting)).toEqual([{ path: ['region'], code: 'DEADLINE_EXCEEDED', serviceName: 'workforce' }]);
    expect((await holding).data?.communityWorkers.totalCount).toBeGreaterThan(0);
  } finally {
    await release();
  }
});

test('a request still resolving past its execution deadline is cut off, reported once', async () => {
  // the lookup waits for the lock past the execution deadline (but not the statement's); what is left is refused
  const release = await lockFor('region', EXECUTION_MS + 1500);
  const res = await stack.query('{ region(code: "410106") { name level children { name } } }');
  await release();
  expect(res.data).toEqual({ region: { name: null, level: null, children: null } });
  expect(failures(res)).toEqual([{ path: ['region', 'name'], code: 'DEADLINE_EXCEEDED', serviceName: 'workforce' }]);
});

test('an answer past the subgraph’s budget of fields is cut off with RESPONSE_TOO_LARGE, once', async () => {
  const res = await stack.query('{ communityWorkers(first: 200) { nodes { id staffNumber gender } } }');
  expect(failures(res)).toEqual([expect.objectContaining({ code: 'RESPONSE_TOO_LARGE', serviceName: 'workforce' })]);
  expect(res.errors![0].message).toMatch(/300/);
});
