import { subgraphRequest, testCallers } from '../../common/src/testing';
import { expected, flatten, ledgerRows, REPORT_FRAGMENT, startWithShangjie } from './shangjie';

let env: Awaited<ReturnType<typeof startWithShangjie>>;

beforeAll(async () => {
  env = await startWithShangjie();
}, 180_000);

afterAll(() => env?.close());

const DISTRICT = '410106000000';
const STREETS = ['410106001000', '410106002000', '410106003000', '410106004000', '410106005000', '410106100000'];

const REGIONS = `query($r: [_Any!]!, $year: Int!, $kind: PartyCoverageKind, $asOf: Date) { _entities(representations: $r) { ... on Region {
  code partyBuilding { coverage(year: $year, kind: $kind, asOf: $asOf) {
    park { pct numerator denominator previousYear { pct numerator denominator } }
    keyEnterprise { pct numerator denominator } socialOrganization { pct numerator denominator }
    association { pct numerator denominator } overall { pct numerator denominator } }
  workingCommitteeMembers(year: $year) { value previousYear } } } } }`;

type Rate = { pct: number | null; numerator: number; denominator: number; previousYear?: Rate };
type RegionFigures = {
  code: string;
  partyBuilding: { coverage: Record<string, Rate>; workingCommitteeMembers: { value: number; previousYear: number } };
};

async function regions(codes: string[], variables: Record<string, unknown> = {}) {
  const res = await subgraphRequest<{ _entities: RegionFigures[] }>(env.sg.url, REGIONS, {
    r: codes.map((code) => ({ __typename: 'Region', code })),
    year: 2025,
    ...variables,
  });
  expect(res.errors).toBeUndefined();
  return res.data!._entities;
}

test('every party ledger imports with its row count, and importing it again changes nothing', async () => {
  for (const summary of env.first) {
    const rows = expected.files.find((f) => f.file === summary.file)!.rows;
    expect({ file: summary.file, read: summary.read, inserted: summary.inserted }).toEqual({
      file: summary.file,
      read: rows,
      inserted: rows,
    });
  }
  const again = await env.importAll();
  for (const s of again)
    expect({ file: s.file, inserted: s.inserted, updated: s.updated }).toEqual({ file: s.file, inserted: 0, updated: 0 });
});

test('the report fragment yields every party figure of the 2025 work report for the district', async () => {
  const res = await subgraphRequest(
    env.sg.url,
    `query($r: [_Any!]!, $year: Int!) { _entities(representations: $r) { ... on Region { party: partyBuilding { ...PartyBuildingReport } } } } ${REPORT_FRAGMENT}`,
    { r: [{ __typename: 'Region', code: '410106' }], year: 2025 },
  );
  expect(res.errors).toBeUndefined();
  const figures = flatten((res.data as { _entities: unknown[] })._entities[0]);
  const want = Object.fromEntries(
    Object.entries(expected.figures)
      .filter(([k]) => k.startsWith('party.'))
      .map(([k, v]) => [k, v.value]),
  );
  expect(figures).toEqual(want);
});

test('coverage a year earlier counts Party organisations from their founding day and instructors from their dispatch', async () => {
  // worked out from the ledgers directly: a unit is covered at the end of 2024 when its Party
  // organisation was founded by then, or else its instructor had been dispatched by then
  const orgs = ledgerRows('party/two_new_orgs.csv');
  const dispatched = new Map(ledgerRows('party/instructors.csv').map((r) => [r['指导员编号'], r['派驻日期']]));
  const parks = orgs.filter((o) => o['组织类别'] === '园区');
  const coveredEnd2024 = parks.filter(
    (o) =>
      (o['党组织组建方式'] !== '未组建' && o['党组织成立日期'] <= '2024-12-31') ||
      (!!o['党建工作指导员编号'] && dispatched.get(o['党建工作指导员编号'])! <= '2024-12-31'),
  ).length;
  const [district] = await regions([DISTRICT]);
  expect(district.partyBuilding.coverage.park.previousYear).toEqual({
    pct: Math.round((coveredEnd2024 * 1000) / parks.length) / 10,
    numerator: coveredEnd2024,
    denominator: parks.length,
  });
  expect(district.partyBuilding.workingCommitteeMembers).toEqual({
    value: expected.figures['party.workingCommitteeMembers'].value,
    previousYear: expected.figures['party.workingCommitteeMembersPrevYear'].value,
  });
});

test('organisational and work coverage apart add up to coverage together', async () => {
  const [any] = await regions([DISTRICT], { kind: 'ANY' });
  const [org] = await regions([DISTRICT], { kind: 'ORGANISATIONAL' });
  const [work] = await regions([DISTRICT], { kind: 'WORK' });
  for (const category of ['park', 'keyEnterprise', 'socialOrganization', 'association', 'overall']) {
    expect(org.partyBuilding.coverage[category].numerator + work.partyBuilding.coverage[category].numerator).toBe(
      any.partyBuilding.coverage[category].numerator,
    );
    expect(work.partyBuilding.coverage[category].numerator).toBeGreaterThan(0);
  }
});

test('the district is the sum of its streets; a community without organisations has no rate; district ledgers stay at the district', async () => {
  const [district, ...streets] = await regions([DISTRICT, ...STREETS]);
  for (const category of ['park', 'keyEnterprise', 'socialOrganization', 'association']) {
    const sum = (key: 'numerator' | 'denominator') => streets.reduce((s, r) => s + r.partyBuilding.coverage[category][key], 0);
    expect([sum('numerator'), sum('denominator')]).toEqual([
      district.partyBuilding.coverage[category].numerator,
      district.partyBuilding.coverage[category].denominator,
    ]);
  }
  const street = streets.find((s) => s.code === '410106001000')!;
  const inStreet = ledgerRows('party/two_new_orgs.csv').filter((o) => o['所属街道代码'] === '410106001000' && o['组织类别'] === '社会组织');
  expect(street.partyBuilding.coverage.socialOrganization.denominator).toBe(inStreet.length);
  expect(street.partyBuilding.workingCommitteeMembers.value).toBe(0);
  const [community] = await regions(['410106001001']);
  expect(community.partyBuilding.coverage.park).toMatchObject({ pct: null, numerator: 0, denominator: 0 });
});

test('coverage as of a day inside the year', async () => {
  // a unit counts from its own founding day: before the earliest founding day of 2025 no 2025 unit counts
  const orgs = ledgerRows('party/two_new_orgs.csv').filter((o) => o['组织类别'] === '行业协会商会');
  const asOf = '2025-06-30';
  const dispatched = new Map(ledgerRows('party/instructors.csv').map((r) => [r['指导员编号'], r['派驻日期']]));
  const covered = orgs.filter(
    (o) =>
      (o['党组织组建方式'] !== '未组建' && o['党组织成立日期'] <= asOf) ||
      (!!o['党建工作指导员编号'] && dispatched.get(o['党建工作指导员编号'])! <= asOf),
  ).length;
  const [district] = await regions([DISTRICT], { asOf });
  expect(district.partyBuilding.coverage.association).toMatchObject({ numerator: covered, denominator: orgs.length });
});

test('a street office sees its own street and is refused the district figures of another street', async () => {
  const caller = testCallers.street('410106001000');
  const own = await subgraphRequest<{ _entities: RegionFigures[] }>(
    env.sg.url,
    REGIONS,
    { r: [{ __typename: 'Region', code: '410106001000' }], year: 2025 },
    caller,
  );
  expect(own.errors).toBeUndefined();
  const other = await subgraphRequest(env.sg.url, REGIONS, { r: [{ __typename: 'Region', code: '410106002000' }], year: 2025 }, caller);
  expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('figures of many regions cost the same statements as figures of one', async () => {
  const one = await env.sg.countStatements(() => regions([DISTRICT]));
  const many = await env.sg.countStatements(() => regions([DISTRICT, ...STREETS, '410106001001']));
  expect(many.result).toHaveLength(8);
  expect(many.statements).toBe(one.statements);
});

test('the district ledgers list as of a day or in a period', async () => {
  const res = await subgraphRequest(
    env.sg.url,
    `{
    before: partyCommitteeMemberUnits(asOf: "2024-12-31", first: 100) { totalCount }
    now: partyCommitteeMemberUnits(asOf: "2025-12-31", first: 1) { totalCount nodes { name joinedOn } pageInfo { hasNextPage } }
    founded: partyIndustryCommittees(foundedFrom: "2025-01-01", foundedTo: "2025-12-31") { totalCount nodes { industry } }
    trainings: partyTrainings(from: "2025-01-01", to: "2025-12-31", first: 100) { nodes { personTimes } }
    solved: partyInstructorContacts(filter: { from: "2025-01-01", to: "2025-12-31", solved: true }, first: 1) { totalCount }
  }`,
  );
  expect(res.errors).toBeUndefined();
  const data = res.data as any;
  expect(data.before.totalCount).toBe(expected.figures['party.workingCommitteeMembersPrevYear'].value);
  expect(data.now).toMatchObject({ totalCount: expected.figures['party.workingCommitteeMembers'].value, pageInfo: { hasNextPage: true } });
  expect(data.founded.totalCount).toBe(expected.figures['party.industryCommitteesNew'].value);
  expect(data.trainings.nodes.reduce((s: number, n: { personTimes: number }) => s + n.personTimes, 0)).toBe(
    expected.figures['party.trainingPersonTimes'].value,
  );
  expect(data.solved.totalCount).toBe(expected.figures['party.instructorProblemsSolved'].value);
});
