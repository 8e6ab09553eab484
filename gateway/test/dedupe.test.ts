import { buildSchema, parse } from 'graphql';
import type { Caller } from '@district/common';
import type { GatewayContext } from '../src/context';
import { InflightReads, perCallerAnswers, type SubgraphResponse } from '../src/dedupe';

/**
 * Identical subgraph reads in flight at once are sent once, and only between callers who would get
 * the same answer; a write ends all sharing so the next read sees it.
 */
type Options = Parameters<InflightReads['process']>[1];

const analyst = (subject: string): Caller => ({ subject, roles: ['ANALYST'] });
const admin = (subject: string): Caller => ({ subject, roles: ['DISTRICT_ADMIN'] });
const street = (subject: string, regionScope: string): Caller => ({ subject, roles: ['STREET'], regionScope });

function options(
  caller: Caller,
  operation: 'query' | 'mutation' = 'query',
  variables: Record<string, unknown> = { code: '410106' },
  context: Partial<GatewayContext> = {},
): Options {
  return {
    kind: 'incoming operation',
    request: { query: 'query Q($code: ID!) { region(code: $code) { name } }', variables },
    incomingRequestContext: { operation: { operation } },
    context: { caller, ...context },
  } as unknown as Options;
}

/** A subgraph that answers when told to, counting what it was sent. */
function subgraph() {
  const pending: ((r: SubgraphResponse) => void)[] = [];
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    send: () => {
      sent++;
      return new Promise<SubgraphResponse>((resolve) => pending.push(resolve));
    },
    answerAll: (name: string) => pending.splice(0).forEach((resolve) => resolve({ data: { region: { name } } } as SubgraphResponse)),
  };
}

test('identical reads of callers with the same role and scope are sent once, each gets its own copy', async () => {
  const reads = new InflightReads();
  const sg = subgraph();
  const a = reads.process('workforce', options(analyst('a')), sg.send);
  const b = reads.process('workforce', options(analyst('b')), sg.send);
  sg.answerAll('上街区');
  const [ra, rb] = await Promise.all([a, b]);
  expect(sg.sent).toBe(1);
  expect(ra.data).toEqual({ region: { name: '上街区' } });
  expect(rb.data).toEqual(ra.data);
  expect(rb.data).not.toBe(ra.data);
  expect(reads.counts).toEqual({ sent: 1, shared: 1 });
});

test('a caller who may see personal data shares only with itself; other scopes and variables never share', async () => {
  const reads = new InflightReads();
  const sg = subgraph();
  const calls = [
    reads.process('workforce', options(admin('x')), sg.send),
    reads.process('workforce', options(admin('x')), sg.send), // same administrator: shared
    reads.process('workforce', options(admin('y')), sg.send), // another administrator: audited under its own name
    reads.process('workforce', options(street('s1', '410106001000')), sg.send),
    reads.process('workforce', options(street('s2', '410106002000')), sg.send),
    reads.process('workforce', options(analyst('a'), 'query', { code: '410106001000' }), sg.send),
    reads.process('gig-care', options(analyst('a'), 'query', { code: '410106001000' }), sg.send),
  ];
  sg.answerAll('x');
  await Promise.all(calls);
  expect(sg.sent).toBe(6);
});

test('a read arriving after a write never takes an answer asked for before it', async () => {
  const reads = new InflightReads();
  const sg = subgraph();
  const before = reads.process('workforce', options(analyst('a')), sg.send);
  const write = reads.process('workforce', options(admin('w'), 'mutation'), sg.send);
  sg.answerAll('old');
  await Promise.all([before, write]);
  const stillRunning = reads.process('workforce', options(analyst('a')), sg.send);
  const after = reads.process('workforce', options(analyst('b')), sg.send);
  sg.answerAll('new');
  expect((await after).data).toEqual({ region: { name: 'new' } });
  await stillRunning;
  expect(sg.sent).toBe(3);

  const slowRead = reads.process('workforce', options(analyst('a')), sg.send);
  const laterWrite = reads.process('workforce', options(admin('w'), 'mutation'), sg.send);
  const readDuringWrite = reads.process('workforce', options(analyst('b')), sg.send);
  expect(sg.sent).toBe(6); // the read during the write did not join the one asked before it
  sg.answerAll('x');
  await Promise.all([slowRead, laterWrite, readDuringWrite]);
});

test('an export’s first page (audited per request) and an answer shown per caller are never shared with another caller', async () => {
  const reads = new InflightReads();
  const sg = subgraph();
  const calls = [
    reads.process('workforce', options(analyst('a'), 'query', undefined, { exportAudit: 'csv Query.communityWorkers' }), sg.send),
    reads.process('workforce', options(analyst('b'), 'query', undefined, { exportAudit: 'csv Query.communityWorkers' }), sg.send),
    reads.process('workforce', options(analyst('c'), 'query', undefined, { answersPerCaller: true }), sg.send),
    reads.process('workforce', options(analyst('c'), 'query', undefined, { answersPerCaller: true }), sg.send), // itself: shared
    reads.process('workforce', options(analyst('d'), 'query', undefined, { answersPerCaller: true }), sg.send),
  ];
  sg.answerAll('x');
  await Promise.all(calls);
  expect(sg.sent).toBe(4);
});

test('an operation selecting a ledger import anywhere is marked as answered per caller', async () => {
  const schema = buildSchema(`
    type Query { region(code: ID!): Region, workforceLedgerImport(id: ID!): LedgerImport }
    type Region { name: String, lastImport: Row }
    type Row { ledgerImport: LedgerImport }
    type LedgerImport { id: ID!, status: String }
  `);
  const plugin = perCallerAnswers();
  const marked = async (query: string) => {
    const contextValue = { caller: analyst('a') } as GatewayContext;
    const hooks = await plugin.requestDidStart!({} as never);
    await hooks!.didResolveOperation!({ schema, document: parse(query), queryHash: query, contextValue } as never);
    return contextValue.answersPerCaller;
  };
  expect(await marked('{ region(code: "1") { name } }')).toBe(false);
  expect(await marked('{ workforceLedgerImport(id: "1") { status } }')).toBe(true);
  expect(await marked('query { region(code: "1") { ...F } } fragment F on Region { lastImport { ledgerImport { id } } }')).toBe(true);
});
