import { startTestSubgraph, subgraphRequest, testCallers, type Subgraph } from '@district/testkit';
import { workforce } from '../src/module';
import { Compound, Grid, Region } from '../src/modules/regions/region.entity';

let sg: Subgraph;

const DISTRICT = '410106000000';
const STREET_A = '410106001000';
const STREET_B = '410106002000';

beforeAll(async () => {
  // statement counts below compare cold computations: no figure cache
  sg = await startTestSubgraph(workforce, { figureCache: false });
  const em = sg.orm.em.fork();
  em.create(Region, { code: DISTRICT, name: '上街区', level: 'DISTRICT' });
  em.create(Region, { code: STREET_A, name: '济源路街道', level: 'STREET', parentCode: DISTRICT });
  em.create(Region, { code: STREET_B, name: '中心路街道', level: 'STREET', parentCode: DISTRICT });
  for (let i = 1; i <= 3; i++) em.create(Region, { code: `41010600100${i}`, name: `A社区${i}`, level: 'COMMUNITY', parentCode: STREET_A });
  em.create(Region, { code: '410106002001', name: 'B社区1', level: 'COMMUNITY', parentCode: STREET_B, establishedOn: '2025-06-01' });
  em.create(Grid, { code: '41010600100101', name: '网格1', communityCode: '410106001001' });
  em.create(Grid, { code: '41010600200101', name: '网格2', communityCode: '410106002001' });
  em.create(Compound, {
    id: '410106:XQ0001',
    districtCode: '410106',
    number: 'XQ0001',
    name: '春晓佳苑',
    communityCode: '410106001001',
    gridCode: '41010600100101',
    households: 100,
  });
  await em.flush();
});

afterAll(() => sg?.close());

const STRUCTURE = `query($code: ID!) { region(code: $code) { name level structure(year: 2025) {
  communities { value previousYear change } grids { value } compounds { value } } } }`;

test('counts communities, grids and compounds under a node, with last year', async () => {
  const res = await subgraphRequest(sg.url, STRUCTURE, { code: '410106' });
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({
    region: {
      name: '上街区',
      level: 'DISTRICT',
      structure: { communities: { value: 4, previousYear: 3, change: 1 }, grids: { value: 2 }, compounds: { value: 1 } },
    },
  });
  const street = await subgraphRequest<{ region: { structure: { communities: { value: number } } } }>(sg.url, STRUCTURE, {
    code: STREET_A,
  });
  expect(street.data?.region.structure.communities.value).toBe(3);
});

test('resolves Region, Grid and Compound entities by key', async () => {
  const res = await subgraphRequest(
    sg.url,
    `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Region { code name } ... on Grid { code community { code } } ... on Compound { id number: code households grid { code } } } }`,
    {
      r: [
        { __typename: 'Region', code: STREET_A },
        { __typename: 'Grid', code: '41010600100101' },
        { __typename: 'Compound', id: '410106:XQ0001' },
      ],
    },
  );
  expect(res.data).toEqual({
    _entities: [
      { code: STREET_A, name: '济源路街道' },
      { code: '41010600100101', community: { code: '410106001001' } },
      { id: '410106:XQ0001', number: 'XQ0001', households: 100, grid: { code: '41010600100101' } },
    ],
  });
});

test('a street office sees its own street and is refused another', async () => {
  const caller = testCallers.street(STREET_A);
  const own = await subgraphRequest(sg.url, STRUCTURE, { code: STREET_A }, caller);
  expect(own.errors).toBeUndefined();
  const other = await subgraphRequest(sg.url, `{ region(code: "${STREET_B}") { code } }`, {}, caller);
  expect(other.data).toEqual({ region: null });
  const entity = await subgraphRequest(
    sg.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { code } } }`,
    { r: [{ __typename: 'Grid', code: '41010600200101' }] },
    caller,
  );
  expect(entity.data).toEqual({ _entities: [null] });
});

test('refuses a request without the gateway credential', async () => {
  const res = await subgraphRequest(sg.url, '{ _service { sdl } }', {}, null);
  expect(res.status).toBe(401);
  expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const forged = await subgraphRequest(sg.url, '{ _service { sdl } }', {}, testCallers.admin, 'a-different-secret-of-enough-length-000');
  expect(forged.status).toBe(401);
});

test('children of many regions cost the same statements as one region', async () => {
  const one = await sg.countStatements(() =>
    subgraphRequest(
      sg.url,
      `{ regions(level: STREET, first: 1) { nodes { children { code } structure(year: 2025) { grids { value } } } } }`,
    ),
  );
  const many = await sg.countStatements(() =>
    subgraphRequest(sg.url, `{ regions(first: 100) { nodes { children { code } structure(year: 2025) { grids { value } } } } }`),
  );
  expect(one.result.errors).toBeUndefined();
  expect((many.result.data as { regions: { nodes: unknown[] } }).regions.nodes.length).toBe(7);
  expect(many.statements).toBe(one.statements);
});
