import { expected, flatten, subgraphRequest, testCallers, type Subgraph } from '@district/testkit';
import { REPORT_FRAGMENT, startWithShangjie } from './kit';

/**
 * The Shangjie ledgers (a copy of the template the test setup imported), read through GraphQL as an
 * analyst would. Figures come from expected.json; the street and community figures below were
 * counted from the CSV/XLSX files by hand (a separate script), not by this subgraph's code.
 */
let sg: Subgraph;

beforeAll(async () => {
  // statement counts below compare cold computations: nothing kept per data version
  sg = await startWithShangjie({ figureCache: false });
});

afterAll(() => sg?.close());

const REPORT = `query($code: ID!, $year: Int!) { region(code: $code) { ...WorkforceReport } }
${REPORT_FRAGMENT}`;

async function report(code: string) {
  const res = await subgraphRequest<{ region: { structure: unknown; workforce: unknown } }>(
    sg.url,
    REPORT,
    { code, year: 2025 },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return { ...flatten(res.data!.region.structure), ...flatten(res.data!.region.workforce, ['workforce']) };
}

const FIGURES = `query($code: ID!, $asOf: Date) { region(code: $code) { workforce {
  workers(year: 2025, asOf: $asOf) { value previousYear }
  gridWorkers: workers(year: 2025, role: GRID_WORKER) { value }
  backbone: workers(year: 2025, tier: BACKBONE) { value }
  gridsWithoutWorker(year: 2025) { value }
  certificationRate(year: 2025) { pct numerator denominator }
  certifiedHolders(year: 2025) { value previousYear }
  examRegistrants(year: 2025) { value }
  examPassed(year: 2025) { value }
  examPassRate(year: 2025) { pct numerator denominator previousYear { pct numerator denominator } }
  trainingPersonTimes(year: 2025) { value previousYear }
  salon: trainingPersonTimes(year: 2025, type: SECRETARY_SALON) { value }
  fiveStepResolved: deliberationsResolved(year: 2025, method: "五步议事法") { value }
  fiveStepCommunities: deliberationCommunities(year: 2025, method: "五步议事法") { value }
} } }`;

type Figures = Record<string, Record<string, unknown>>;
async function figures(code: string, asOf?: string): Promise<Figures> {
  const res = await subgraphRequest<{ region: { workforce: Figures } }>(sg.url, FIGURES, { code, asOf }, testCallers.analyst);
  expect(res.errors).toBeUndefined();
  return res.data!.region.workforce;
}

test('the report fragment gives every workforce figure of expected.json for the district', async () => {
  const want = Object.fromEntries(
    Object.entries(expected.figures)
      .filter(([k]) => k.startsWith('workforce.') || k === 'communities' || k === 'grids')
      .map(([k, v]) => [k, v.value]),
  );
  expect(await report('410106')).toEqual(want);
});

test('district figures: head counts by date, role and tier; rates with numerator and denominator', async () => {
  const f = await figures('410106');
  expect(f.workers).toEqual({ value: 608, previousYear: 589 });
  expect(f.gridWorkers.value).toBe(238);
  expect(f.backbone.value).toBe(182);
  expect(f.gridsWithoutWorker.value).toBe(17);
  expect(f.certificationRate).toEqual({ pct: 55.4, numerator: 337, denominator: 608 });
  expect(f.examPassRate).toEqual({
    pct: 25.2,
    numerator: 185,
    denominator: 735,
    previousYear: { pct: 10.4, numerator: 36, denominator: 346 },
  });
  expect(f.trainingPersonTimes).toEqual({ value: 1312, previousYear: 240 });
  expect(f.salon.value).toBe(286);
  expect((await figures('410106', '2025-06-30')).workers.value).toBe(597);
});

test('a street, a town and a community have their own figures', async () => {
  const street = await figures('410106001000');
  expect(street.workers.value).toBe(126);
  expect(street.gridWorkers.value).toBe(51);
  expect(street.backbone.value).toBe(35);
  expect(street.gridsWithoutWorker.value).toBe(1);
  expect(street.certificationRate).toMatchObject({ numerator: 71, denominator: 126 });
  expect(street.certifiedHolders).toEqual({ value: 79, previousYear: 50 });
  expect(street.examRegistrants.value).toBe(112);
  expect(street.examPassed.value).toBe(31);
  expect(street.trainingPersonTimes.value).toBe(266);
  expect(street.fiveStepResolved.value).toBe(4);
  const town = await figures('410106100000');
  expect([town.fiveStepResolved.value, town.fiveStepCommunities.value, town.gridsWithoutWorker.value]).toEqual([9, 3, 2]);
  const community = await figures('410106001001');
  expect([community.workers.value, community.certifiedHolders.value, community.trainingPersonTimes.value]).toEqual([19, 14, 42]);
});

test('the district is the sum of its streets and town for counts that add up', async () => {
  const res = await subgraphRequest<{ regions: { nodes: { workforce: Figures }[] } }>(
    sg.url,
    `{ regions(parentCode: "410106", first: 50) { nodes {
    workforce { workers(year: 2025) { value } trainingPersonTimes(year: 2025) { value } deliberationsResolved(year: 2025) { value } } } } }`,
  );
  const sum = (k: string) => res.data!.regions.nodes.reduce((n, r) => n + (r.workforce[k].value as number), 0);
  expect([sum('workers'), sum('trainingPersonTimes'), sum('deliberationsResolved')]).toEqual([608, 1312, 57]);
});

test('a street office sees its own figures and only its own rows; the district above it is refused, not narrowed', async () => {
  const caller = testCallers.street('410106001000');
  const own = await subgraphRequest<{ region: { workforce: Figures }; communityWorkers: { totalCount: number } }>(
    sg.url,
    `{ region(code: "410106001000") { workforce { workers(year: 2025) { value } } }
       communityWorkers(filter: { activeOn: "2025-12-31" }) { totalCount } }`,
    {},
    caller,
  );
  expect(own.errors).toBeUndefined();
  expect(own.data!.region.workforce.workers.value).toBe(126);
  expect(own.data!.communityWorkers.totalCount).toBe(126);
  const above = await subgraphRequest<{ region: { code: string; workforce: Figures | null } }>(
    sg.url,
    `{ region(code: "410106") { code workforce { workers(year: 2025) { value } } } }`,
    {},
    caller,
  );
  expect(above.data!.region.code).toBe('410106000000'); // the ancestor itself is visible …
  expect(above.errors?.[0]).toMatchObject({ path: ['region', 'workforce'], extensions: { code: 'FORBIDDEN' } }); // … its figures are not
  expect(above.errors?.[0].message).toContain('410106001000');
});

test('grids without a grid worker are listed under a node', async () => {
  const res = await subgraphRequest<{ region: { gridsWithoutWorker: { totalCount: number; nodes: { code: string }[] } } }>(
    sg.url,
    `{ region(code: "410106") { gridsWithoutWorker(asOf: "2025-12-31", first: 3) { totalCount nodes { code } } } }`,
  );
  expect(res.data!.region.gridsWithoutWorker.totalCount).toBe(17);
  expect(res.data!.region.gridsWithoutWorker.nodes.map((g) => g.code)).toEqual(['41010600100205', '41010600200103', '41010600200104']);
});

test('lists filter, sort and page; a worker on two sign-in sheets of one session is one person-time', async () => {
  const res = await subgraphRequest<Record<string, any>>(
    sg.url,
    `{
    exams: socialWorkExamRegistrations(filter: { regionCode: "410106001000", examYear: 2025, result: PASSED }) { totalCount }
    certificates: socialWorkCertificates(filter: { regionCode: "410106001001" }, sort: { field: OBTAINED_ON, direction: DESC }, first: 2) {
      totalCount nodes { obtainedOn } pageInfo { hasNextPage } }
    salons: workforceTrainings(filter: { type: SECRETARY_SALON }) { totalCount }
    session: workforceTraining(id: "410106:PX2025010") { personTimes attendance { status } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.exams.totalCount).toBe(31);
  expect(res.data!.certificates.totalCount).toBe(16);
  const [a, b] = res.data!.certificates.nodes.map((n: { obtainedOn: string }) => n.obtainedOn);
  expect(a >= b).toBe(true);
  expect(res.data!.certificates.pageInfo.hasNextPage).toBe(true);
  expect(res.data!.salons.totalCount).toBe(7);
  expect(res.data!.session.personTimes).toBe(37);
  expect(res.data!.session.attendance).toHaveLength(38);
});

test("lookups answer which codes exist, for other subgraphs' reference checks", async () => {
  const res = await subgraphRequest<Record<string, { code: string }[]>>(
    sg.url,
    `{
    r: lookupRegions(codes: ["410106", "410106001001", "410106999000"]) { code }
    g: lookupGrids(codes: ["41010600100101", "41010600100199"]) { code }
    c: lookupCompounds(ids: ["410106:XQ0001", "410106:XQ9999", "XQ0001"]) { id code } }`,
    {},
    { subject: 'service:ledger-import', roles: ['SERVICE'] },
  );
  expect(res.data).toEqual({
    r: [{ code: '410106000000' }, { code: '410106001001' }],
    g: [{ code: '41010600100101' }],
    c: [{ id: '410106:XQ0001', code: 'XQ0001' }],
  });
  const tooMany = await subgraphRequest(sg.url, 'query($c: [ID!]!) { lookupGrids(codes: $c) { code } }', {
    c: Array.from({ length: 5001 }, (_, i) => String(i)),
  });
  expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('Region entities resolve with their workforce figures and compound count', async () => {
  const res = await subgraphRequest<{ _entities: unknown[] }>(
    sg.url,
    `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Region { code compoundCount workforce { certifiedHolders(year: 2025) { value } } } } }`,
    {
      r: [
        { __typename: 'Region', code: '410106000000' },
        { __typename: 'Region', code: '410106001001' },
      ],
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!._entities).toEqual([
    {
      code: '410106000000',
      compoundCount: expected.files.find((f) => f.file === 'compounds.csv')!.rows,
      workforce: { certifiedHolders: { value: 434 } },
    },
    { code: '410106001001', compoundCount: 11, workforce: { certifiedHolders: { value: 14 } } },
  ]);
});

test('a list over 100 parents costs the statements of a list over 1', async () => {
  const workers = (n: number) => `{ communityWorkers(first: ${n}) { totalCount nodes { id name phone community { name } grid { code }
    posts { fromOn community { code } } certificates { id level region { name } } } } }`;
  const one = await sg.countStatements(() => subgraphRequest(sg.url, workers(1)));
  const many = await sg.countStatements(() => subgraphRequest(sg.url, workers(100)));
  expect(one.result.errors).toBeUndefined();
  expect((many.result.data as { communityWorkers: { nodes: unknown[] } }).communityWorkers.nodes).toHaveLength(100);
  expect(many.statements).toBe(one.statements);

  const regions = (n: number) => `{ regions(first: ${n}) { nodes { code compoundCount
    workforce { workers(year: 2025) { value } certificationRate(year: 2025) { pct } trainingPersonTimes(year: 2025) { value } deliberations(year: 2025) { value } }
    communityWorkers(first: 2) { totalCount nodes { name } } deliberationTopics(first: 2) { nodes { title community { code } } }
    gridsWithoutWorker(first: 2) { totalCount } grids(first: 2) { totalCount } compounds(first: 2) { nodes { code } } } } }`;
  const r1 = await sg.countStatements(() => subgraphRequest(sg.url, regions(1)));
  const r50 = await sg.countStatements(() => subgraphRequest(sg.url, regions(50)));
  expect(r1.result.errors).toBeUndefined();
  expect((r50.result.data as { regions: { nodes: unknown[] } }).regions.nodes).toHaveLength(50);
  expect(r50.statements).toBe(r1.statements);
});
