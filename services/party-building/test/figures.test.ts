import { expected, flatten, subgraphRequest, testCallers, type Subgraph } from '@district/testkit';
import { DISTRICT, ledgerRows, REPORT_FRAGMENT, startParty, STREETS } from './kit';

/**
 * The Shangjie ledgers (a copy of the template the test setup imported), read through GraphQL as an
 * analyst would. Figures come from expected.json, or are worked out here from the CSV files directly.
 * The figure cache is off: the statement counts below compare cold computations.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let sg: Subgraph;

beforeAll(async () => {
  env = await startParty({ shangjie: true, figureCache: false });
  sg = env.sg;
});

afterAll(() => env?.close());

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
  const res = await subgraphRequest<{ _entities: RegionFigures[] }>(sg.url, REGIONS, {
    r: codes.map((code) => ({ __typename: 'Region', code })),
    year: 2025,
    ...variables,
  });
  expect(res.errors).toBeUndefined();
  return res.data!._entities;
}

const orgs = ledgerRows('party/two_new_orgs.csv');
const dispatched = new Map(ledgerRows('party/instructors.csv').map((r) => [r['指导员编号'], r['派驻日期']]));
/** A unit is covered on a day when its Party organization was founded by then, or else its instructor had been dispatched by then. */
const coveredOn = (day: string) => (o: Record<string, string>) =>
  (o['党组织组建方式'] !== '未组建' && o['党组织成立日期'] <= day) ||
  (!!o['党建工作指导员编号'] && dispatched.get(o['党建工作指导员编号'])! <= day);

test('the report fragment gives every party figure of expected.json for the district', async () => {
  const res = await subgraphRequest(
    sg.url,
    `query($r: [_Any!]!, $year: Int!) { _entities(representations: $r) { ... on Region { ...PartyBuildingReport } } } ${REPORT_FRAGMENT}`,
    { r: [{ __typename: 'Region', code: '410106' }], year: 2025 },
  );
  expect(res.errors).toBeUndefined();
  const want = Object.fromEntries(
    Object.entries(expected.figures)
      .filter(([k]) => k.startsWith('party.'))
      .map(([k, v]) => [k, v.value]),
  );
  expect(flatten((res.data as { _entities: unknown[] })._entities[0])).toEqual(want);
});

test('coverage a year earlier counts Party organizations from their founding day and instructors from their dispatch', async () => {
  const parks = orgs.filter((o) => o['组织类别'] === '园区');
  const covered = parks.filter(coveredOn('2024-12-31')).length;
  const [district] = await regions([DISTRICT]);
  expect(district.partyBuilding.coverage.park.previousYear).toEqual({
    pct: Math.round((covered * 1000) / parks.length) / 10,
    numerator: covered,
    denominator: parks.length,
  });
  expect(district.partyBuilding.workingCommitteeMembers).toEqual({
    value: expected.figures['party.workingCommitteeMembers'].value,
    previousYear: expected.figures['party.workingCommitteeMembersPrevYear'].value,
  });
});

test('organizational and work coverage apart add up to coverage together; the old spelling still counts', async () => {
  const [any] = await regions([DISTRICT], { kind: 'ANY' });
  const [org] = await regions([DISTRICT], { kind: 'ORGANIZATIONAL' });
  const [old] = await regions([DISTRICT], { kind: 'ORGANISATIONAL' });
  const [work] = await regions([DISTRICT], { kind: 'WORK' });
  expect(old).toEqual(org);
  for (const category of ['park', 'keyEnterprise', 'socialOrganization', 'association', 'overall']) {
    expect(org.partyBuilding.coverage[category].numerator + work.partyBuilding.coverage[category].numerator).toBe(
      any.partyBuilding.coverage[category].numerator,
    );
    expect(work.partyBuilding.coverage[category].numerator).toBeGreaterThan(0);
  }
});

test('the district is the sum of its streets; a community without organizations has no rate; district ledgers stay at the district', async () => {
  const [district, ...streets] = await regions([DISTRICT, ...STREETS]);
  for (const category of ['park', 'keyEnterprise', 'socialOrganization', 'association']) {
    const sum = (key: 'numerator' | 'denominator') => streets.reduce((s, r) => s + r.partyBuilding.coverage[category][key], 0);
    expect([sum('numerator'), sum('denominator')]).toEqual([
      district.partyBuilding.coverage[category].numerator,
      district.partyBuilding.coverage[category].denominator,
    ]);
  }
  const street = streets.find((s) => s.code === '410106001000')!;
  const inStreet = orgs.filter((o) => o['所属街道代码'] === '410106001000' && o['组织类别'] === '社会组织');
  expect(street.partyBuilding.coverage.socialOrganization.denominator).toBe(inStreet.length);
  expect(street.partyBuilding.workingCommitteeMembers.value).toBe(0);
  const [community] = await regions(['410106001001']);
  expect(community.partyBuilding.coverage.park).toMatchObject({ pct: null, numerator: 0, denominator: 0 });
});

test('coverage as of a day inside the year', async () => {
  const associations = orgs.filter((o) => o['组织类别'] === '行业协会商会');
  const asOf = '2025-06-30';
  const [district] = await regions([DISTRICT], { asOf });
  expect(district.partyBuilding.coverage.association).toMatchObject({
    numerator: associations.filter(coveredOn(asOf)).length,
    denominator: associations.length,
  });
});

test('counts of the instructors and their work, at the district and at a street', async () => {
  const visits = ledgerRows('party/instructor_visits.csv');
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code partyBuilding {
    instructors(year: 2025) { value } instructorContacts(year: 2025) { value } visits: instructorContacts(year: 2025, kind: MONTHLY_VISIT) { value }
    instructorProblemsFound(year: 2025) { value } organizationallyCovered(year: 2025) { value } organisationallyCovered(year: 2025) { value }
    unbuiltOrganizations(year: 2025) { value } trainings(year: 2025) { value } industryCommittees(year: 2025) { value } } } } }`;
  const res = await subgraphRequest<{ _entities: { code: string; partyBuilding: Record<string, { value: number }> }[] }>(sg.url, Q, {
    r: [DISTRICT, '410106002000'].map((code) => ({ __typename: 'Region', code })),
  });
  expect(res.errors).toBeUndefined();
  const [district, street] = res.data!._entities.map((e) =>
    Object.fromEntries(Object.entries(e.partyBuilding).map(([k, v]) => [k, v.value])),
  );
  const in2025 = visits.filter((v) => v['走访日期'].startsWith('2025'));
  const streetOrgs = new Set(orgs.filter((o) => o['所属街道代码'] === '410106002000').map((o) => o['统一社会信用代码']));
  expect(district).toMatchObject({
    instructors: [...dispatched.values()].filter((d) => d <= '2025-12-31').length,
    instructorContacts: in2025.length,
    visits: in2025.filter((v) => v['联系方式'] === '月走访').length,
    instructorProblemsFound: in2025.filter((v) => v['发现问题']).length,
    unbuiltOrganizations: orgs.filter((o) => o['党组织组建方式'] === '未组建' && Number(o['党员人数']) >= 3).length,
    trainings: ledgerRows('party/trainings.csv').filter((t) => t['培训日期'].startsWith('2025')).length,
  });
  expect(district.organizationallyCovered).toBe(district.organisationallyCovered);
  expect(street).toMatchObject({
    instructors: 0,
    trainings: 0,
    industryCommittees: 0,
    instructorContacts: in2025.filter((v) => streetOrgs.has(v['统一社会信用代码'])).length,
  });
});

test('a street office sees its own figures; the district above it and another street are refused, not narrowed', async () => {
  const caller = testCallers.street('410106001000');
  const ask = (code: string) =>
    subgraphRequest<{ _entities: RegionFigures[] }>(sg.url, REGIONS, { r: [{ __typename: 'Region', code }], year: 2025 }, caller);
  const own = await ask('410106001000');
  expect(own.errors).toBeUndefined();
  for (const code of ['410106002000', '410106']) {
    const other = await ask(code);
    expect(other.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'partyBuilding'], extensions: { code: 'FORBIDDEN' } });
    expect(other.data!._entities[0]).toEqual({ code: code.length === 6 ? DISTRICT : code, partyBuilding: null });
  }
});

test('figures of many regions cost the statements of figures of one', async () => {
  const one = await sg.countStatements(() => regions([DISTRICT]));
  const many = await sg.countStatements(() => regions([DISTRICT, ...STREETS, '410106001001']));
  expect(many.result).toHaveLength(8);
  expect(many.statements).toBe(one.statements);
});

test('the district ledgers list as of a day or in a period', async () => {
  const res = await subgraphRequest(
    sg.url,
    `{
    before: partyCommitteeMemberUnits(asOf: "2024-12-31", first: 100) { totalCount }
    now: partyCommitteeMemberUnits(asOf: "2025-12-31", first: 1) { totalCount nodes { id districtCode name joinedOn } pageInfo { hasNextPage } }
    founded: partyIndustryCommittees(foundedFrom: "2025-01-01", foundedTo: "2025-12-31") { totalCount nodes { id industry } }
    trainings: partyTrainings(from: "2025-01-01", to: "2025-12-31", first: 100) { nodes { id code personTimes } }
    solved: partyInstructorContacts(filter: { from: "2025-01-01", to: "2025-12-31", solved: true }, first: 1) { totalCount }
  }`,
  );
  expect(res.errors).toBeUndefined();
  const data = res.data as any;
  expect(data.before.totalCount).toBe(expected.figures['party.workingCommitteeMembersPrevYear'].value);
  expect(data.now).toMatchObject({ totalCount: expected.figures['party.workingCommitteeMembers'].value, pageInfo: { hasNextPage: true } });
  expect(data.now.nodes[0].id).toBe(`410106:${data.now.nodes[0].name}`);
  expect(data.founded.totalCount).toBe(expected.figures['party.industryCommitteesNew'].value);
  expect(data.trainings.nodes[0].id).toBe(`410106:${data.trainings.nodes[0].code}`);
  expect(data.trainings.nodes.reduce((s: number, n: { personTimes: number }) => s + n.personTimes, 0)).toBe(
    expected.figures['party.trainingPersonTimes'].value,
  );
  expect(data.solved.totalCount).toBe(expected.figures['party.instructorProblemsSolved'].value);
  const street = await subgraphRequest(
    sg.url,
    '{ partyTrainings { totalCount } partyCommitteeMemberUnits { totalCount } }',
    {},
    testCallers.street('410106001000'),
  );
  expect(street.data).toEqual({ partyTrainings: { totalCount: 0 }, partyCommitteeMemberUnits: { totalCount: 0 } });
});
