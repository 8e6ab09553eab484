import { ApolloServer } from '@apollo/server';
import type { Caller } from '@district/common';
import type { GatewayContext } from '../src/context';
import { sharedOperations } from '../src/dedupe';

/**
 * Identical queries in flight at once are executed once for callers who would get the same answer,
 * each request getting it; a mutation ends the sharing. Run on a plain schema with the gateway's
 * plugin: what is measured is how often the query really executes.
 */
let executions = 0;
let release: () => void = () => undefined;
let gate = Promise.resolve();
const hold = () => (gate = new Promise((r) => (release = r)));

const server = new ApolloServer<GatewayContext>({
  typeDefs: 'type Query { figure(code: ID!): Int! } type Mutation { change: Boolean! }',
  resolvers: {
    Query: {
      figure: async () => {
        executions++;
        await gate;
        return 42;
      },
    },
    Mutation: { change: () => true },
  },
  plugins: [sharedOperations().plugin],
});

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  executions = 0;
});

const analyst = (subject: string): Caller => ({ subject, roles: ['ANALYST'] });
const admin = (subject: string): Caller => ({ subject, roles: ['DISTRICT_ADMIN'] });
const ask = (caller: Caller, code = '410106') =>
  server.executeOperation({ query: 'query F($code: ID!) { figure(code: $code) }', variables: { code } }, { contextValue: { caller } });
const valueOf = (r: Awaited<ReturnType<typeof ask>>) => (r.body.kind === 'single' ? r.body.singleResult.data : undefined);

test('analysts asking the same at once cost one execution, and each gets the answer', async () => {
  hold();
  const answers = Promise.all([ask(analyst('a')), ask(analyst('b')), ask(analyst('c'))]);
  await new Promise((r) => setImmediate(r));
  release();
  const results = await answers;
  expect(executions).toBe(1);
  expect(results.map(valueOf)).toEqual([{ figure: 42 }, { figure: 42 }, { figure: 42 }]);
});

test('administrators (unmasked personal data, audited by name) share only with themselves; other variables never share', async () => {
  hold();
  const answers = Promise.all([ask(admin('x')), ask(admin('x')), ask(admin('y')), ask(analyst('a'), '410106001000'), ask(analyst('a'))]);
  await new Promise((r) => setImmediate(r));
  release();
  await answers;
  expect(executions).toBe(4);
});

test('a query asked after a mutation executes again rather than taking an answer from before it', async () => {
  hold();
  const before = ask(analyst('a'));
  await new Promise((r) => setImmediate(r));
  await server.executeOperation({ query: 'mutation { change }' }, { contextValue: { caller: admin('w') } });
  const after = ask(analyst('b'));
  await new Promise((r) => setImmediate(r));
  release();
  await Promise.all([before, after]);
  expect(executions).toBe(2);
});
