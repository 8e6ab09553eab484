import { startTestStack, type TestStack } from '../kit/stack';

/**
 * Queries built to exhaust a subgraph or the gateway are refused before anything runs, each with its
 * own code and HTTP 400: a list costs what it can return (page size, `children` lists, `first` given
 * in a variable), a document of fragments spreading the previous one twice is refused without
 * expanding it, and an answer larger than the gateway accepts from a subgraph is dropped at its path.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ MAX_SUBGRAPH_RESPONSE_BYTES: '20000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const refusal = (res: Awaited<ReturnType<TestStack['query']>>) => ({
  status: res.status,
  code: res.errors?.[0]?.extensions?.code,
  data: res.data,
});

test('parent/children chains cost what they can return: the issue’s six aliases of a 200-region chain are refused', async () => {
  let chain = '{ code }';
  for (let i = 0; i < 4; i++) chain = `{ parent { children ${chain} } }`;
  const aliases = Array.from({ length: 6 }, (_, i) => `r${i}: regions(first: 200) { nodes ${chain} }`).join('\n');
  const res = await stack.query(`{ ${aliases} }`);
  expect(refusal(res)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
  expect(res.errors![0].message).toMatch(/query cost \d+ exceeds the limit of 50000/);
  // one level of it is an ordinary question, and is answered
  const small = await stack.query('{ regions(level: STREET, first: 20) { nodes { code children { code } } } }');
  expect(small.errors).toBeUndefined();
});

test('a page size given in a variable costs what it asks', async () => {
  const q = 'query($n: Int) { regions(first: $n) { nodes { grids(first: $n) { nodes { code compounds { code } } } } } }';
  expect(refusal(await stack.query(q, { n: 200 }))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
  expect((await stack.query(q, { n: 3 })).errors).toBeUndefined();
  // asked again (its price now known), the same answers
  expect(refusal(await stack.query(q, { n: 200 }))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
  expect((await stack.query(q, { n: 3 })).errors).toBeUndefined();
});

test('an export of every row costs what its subgraph declares (@cost): two in one request, not three', async () => {
  const exports = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `e${i}: gigWorkersCsv`).join(' ')} }`;
  expect((await stack.query(exports(2))).status).toBe(200);
  expect(refusal(await stack.query(exports(3)))).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
});

test('fragments that each spread the previous one twice are refused without being expanded', async () => {
  const fragments = ['fragment F0 on Region { code name }'];
  for (let i = 1; i <= 22; i++) fragments.push(`fragment F${i} on Region { ...F${i - 1} ...F${i - 1} }`);
  const started = Date.now();
  const res = await stack.query(`{ region(code: "410106") { ...F22 } } ${fragments.join(' ')}`);
  console.log(`fragment bomb (22 levels, ${2 ** 22} fields expanded) refused in ${Date.now() - started} ms`);
  expect(refusal(res)).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
  // the gateway is free at once for the next caller
  expect((await stack.query('{ region(code: "410106") { name } }')).errors).toBeUndefined();
});

test('depth, aliases, directives and tokens each have their own code', async () => {
  let deep = '{ code }';
  for (let i = 0; i < 12; i++) deep = `{ parent ${deep} }`;
  const cases: [string, string][] = [
    [`{ region(code: "410106") ${deep} }`, 'QUERY_TOO_DEEP'],
    [`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: region(code: "410106") { code }`).join(' ')} }`, 'TOO_MANY_ALIASES'],
    [`{ region(code: "410106") { ${Array.from({ length: 51 }, () => 'code @include(if: true)').join(' ')} } }`, 'TOO_MANY_DIRECTIVES'],
    [`{ region(code: "410106") { ${'code '.repeat(2001)} } }`, 'TOO_MANY_TOKENS'],
  ];
  for (const [query, code] of cases) {
    const res = await stack.query(query);
    expect({ ...refusal(res), expected: code }).toEqual({ code, status: 400, data: undefined, expected: code });
    expect(res.errors).toHaveLength(1);
  }
});

test('an answer larger than the gateway takes from a subgraph is dropped at its path, naming the subgraph', async () => {
  const res = await stack.query(
    '{ volunteerStations(first: 1) { totalCount } communityWorkers(first: 200) { nodes { id staffNumber name gender education } } }',
  );
  expect(res.data).toEqual({ volunteerStations: { totalCount: expect.any(Number) }, communityWorkers: null });
  expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.serviceName])).toEqual([
    [['communityWorkers'], 'RESPONSE_TOO_LARGE', 'workforce'],
  ]);
});
