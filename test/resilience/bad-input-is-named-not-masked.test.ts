import { idNumberCheckChar } from '../../services/common/src';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * What a client typed wrong reaches it through the gateway as BAD_USER_INPUT naming the argument or
 * input field, in a literal or a variable, in any subgraph; never as a masked internal error and
 * never with a suggestion of a real name. Two requests racing for one unique key give one success
 * and one CONFLICT. Only real faults are masked.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '2000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

type Result = Awaited<ReturnType<TestStack['query']>>;
const named = (res: Result) => res.errors?.map((e) => [e.extensions?.code, e.extensions?.field]);

describe('dates', () => {
  const FIGURE = (asOf: string) => `{ region(code: "410106") { workforce { workers(year: 2025, asOf: ${asOf}) { value } } } }`;

  test.each(['2025-02-30', '2025-2-3', '0001-01-01', 'yesterday'])(
    '%s as a literal or a variable argument is BAD_USER_INPUT naming asOf',
    async (day) => {
      const literal = await stack.query(FIGURE(JSON.stringify(day)));
      const variable = await stack.query(`query($d: Date) ${FIGURE('$d')}`, { d: day });
      for (const res of [literal, variable]) {
        expect(named(res)).toEqual([['BAD_USER_INPUT', 'asOf']]);
        expect(JSON.stringify(res)).not.toMatch(/INTERNAL_SERVER_ERROR|retry later/);
      }
    },
  );

  test('an impossible date inside an input object names the input field, in every subgraph', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'mutation($i: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $i) { id } }',
        { i: { communityCode: '410106001001', title: '议题', method: '五步议事法', raisedOn: '2025-02-30' } },
        'raisedOn',
      ],
      [
        'query($f: SocialOrganizationFilter) { socialOrganizations(filter: $f) { totalCount } }',
        { f: { foundedFrom: '2025-13-01' } },
        'foundedFrom',
      ],
      [
        'query($f: PartyInstructorContactFilter) { partyInstructorContacts(filter: $f) { totalCount } }',
        { f: { from: '2025-2-3' } },
        'from',
      ],
    ];
    for (const [query, variables, field] of cases) expect(named(await stack.query(query, variables))).toEqual([['BAD_USER_INPUT', field]]);
    const literal = await stack.query('{ volunteerActivities(filter: { from: "2025-04-31" }) { totalCount } }');
    expect(named(literal)).toEqual([['BAD_USER_INPUT', 'from']]);
  });
});

test('a forged cursor with a huge offset names after', async () => {
  const after = Buffer.from('o:99999999').toString('base64url');
  const res = await stack.query('query($a: String) { communityWorkers(first: 1, after: $a) { totalCount } }', { a: after });
  expect(named(res)).toEqual([['BAD_USER_INPUT', 'after']]);
});

describe('text', () => {
  test.each([
    ['a NUL byte', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
    ['a control character', 'a\u0007b'],
  ])('%s in any string argument, of any subgraph, is refused naming it', async (_, text) => {
    const cases: [string, string][] = [
      ['query($s: String) { socialOrganizations(filter: { nameContains: $s }) { totalCount } }', 'nameContains'],
      ['query($s: String) { twoNewOrganizations(filter: { nameContains: $s }) { totalCount } }', 'nameContains'],
      ['query($s: String) { workforceAuditTrail(operation: $s) { id } }', 'operation'],
      ['query($s: ID!) { gigIssue(code: $s) { id } }', 'code'],
      ['query($s: String) { volunteerActivities(filter: { category: $s }) { totalCount } }', 'category'],
    ];
    for (const [query, field] of cases) expect(named(await stack.query(query, { s: text }))).toEqual([['BAD_USER_INPUT', field]]);
  });

  test('over-long text is refused, typed into a mutation or a filter', async () => {
    const raise = await stack.query('mutation($i: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $i) { id } }', {
      i: { communityCode: '410106001001', title: 'x'.repeat(60_000), method: '五步议事法', raisedOn: '2025-12-01' },
    });
    expect(named(raise)).toEqual([['BAD_USER_INPUT', 'title']]);
    const filter = await stack.query('query($s: String) { volunteerActivities(filter: { category: $s }) { totalCount } }', {
      s: 'x'.repeat(2001),
    });
    expect(named(filter)).toEqual([['BAD_USER_INPUT', 'category']]);
  });
});

describe('no suggestion of a real name', () => {
  test('a misspelt enum value in a variable or a literal', async () => {
    const variable = await stack.query('query($l: RegionLevel) { regions(level: $l) { totalCount } }', { l: 'STREE' });
    const literal = await stack.query('{ regions(level: STREE) { totalCount } }');
    for (const res of [variable, literal]) {
      expect(named(res)).toEqual([['BAD_USER_INPUT', 'level']]);
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|"STREET"/);
    }
  });

  test('a misspelt input field in a variable, a misspelt field or argument in the document', async () => {
    const input = await stack.query('mutation($i: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $i) { id } }', {
      i: { communityCode: '410106001001', titel: '议题', method: '五步议事法', raisedOn: '2025-12-01' },
    });
    expect(input.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const field = await stack.query('{ region(code: "410106") { nam } }');
    const argument = await stack.query('{ regions(levle: STREET) { totalCount } }');
    for (const res of [input, field, argument]) {
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|"title"|"name"|"level"/);
    }
  });
});

describe('racing for one unique key', () => {
  const idNumber = (seq: number) => {
    const first17 = `41010619900101${String(seq).padStart(3, '0')}`;
    return first17 + idNumberCheckChar(first17);
  };

  test('the same person registered as a volunteer five times at once: one success, the others CONFLICT', async () => {
    const stations = await stack.query<{ volunteerStations: { nodes: { id: string }[] } }>(
      '{ volunteerStations(first: 1) { nodes { id } } }',
    );
    const stationCode = stations.data!.volunteerStations.nodes[0].id;
    const register = 'mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }';
    const input = { name: '赵六', idNumber: idNumber(731), stationCode, registeredOn: '2025-12-01' };
    const results = await Promise.all(Array.from({ length: 5 }, () => stack.query(register, { i: input }, ADMIN)));
    const outcomes = results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
  });

  test('one idempotency key used for two different awards at once: one success, the other CONFLICT', async () => {
    const workers = await stack.query<{ gigWorkers: { nodes: { id: string }[] } }>('{ gigWorkers(first: 1) { nodes { id } } }');
    const workerCode = workers.data!.gigWorkers.nodes[0].id;
    const award = 'mutation($i: AwardPointsInput!) { awardPoints(input: $i) { id } }';
    const key = `race-${Date.now()}`;
    const results = await Promise.all(
      [5, 7].map((points) => stack.query(award, { i: { workerCode, points, reason: 'SERVICE_GIVEN', idempotencyKey: key } })),
    );
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
  });
});
