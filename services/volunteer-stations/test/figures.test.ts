import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expected, flatten, SHANGJIE, testCallers } from '@district/testkit';
import { REPORT_FRAGMENT, startVolunteerStations, type Stack } from './kit';

/**
 * The Shangjie ledgers (a copy of the template the test setup imported), read through GraphQL as an
 * analyst would. District figures come from expected.json; the street and community figures below
 * were counted from the CSV files by a separate script, not by this subgraph's code. No figure
 * cache: the statement counts at the end compare cold computations.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startVolunteerStations({ shangjie: true, figureCache: false });
});

afterAll(() => stack?.close());

const want = (key: string) => expected.figures[`volunteer.${key}`].value;
const fileRows = (file: string) => expected.files.find((f) => f.file === file)!.rows;

/** The node as the gateway resolves it here: a Region entity. */
const REGION = (selection: string) => `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { ${selection} } } }`;

type Figures = Record<string, any>;
async function figures(code: string, selection: string, caller = testCallers.analyst): Promise<Figures> {
  const res = await stack.sg.query<{ _entities: { volunteer: Figures }[] }>(REGION(`volunteer { ${selection} }`), { code }, caller);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].volunteer;
}

async function report(code: string): Promise<Record<string, unknown>> {
  const res = await stack.sg.query<{ _entities: Record<string, unknown>[] }>(
    `query($code: ID!, $year: Int!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ...VolunteerReport } }
    ${REPORT_FRAGMENT}`,
    { code, year: 2025 },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return flatten(res.data!._entities[0]);
}

test('the report fragment gives every volunteer figure of expected.json for the district', async () => {
  const keys = Object.entries(expected.figures).filter(([k]) => k.startsWith('volunteer.'));
  expect(await report('410106')).toEqual(Object.fromEntries(keys.map(([k, v]) => [k, v.value])));
});

test('figures come with last year: pilots were designated in 2025, needs and activities of 2024 are last year', async () => {
  const v = await figures(
    '410106',
    `pilots(year: 2025) { value previousYear growthPct }
     needs(year: 2025) { value previousYear }
     activities(year: 2025) { value previousYear }`,
  );
  expect(v.pilots).toEqual({ value: want('pilotsCity') + want('pilotsDistrict'), previousYear: 0, growthPct: null });
  expect(v.needs.value).toBe(want('needs'));
  expect(v.needs.value + v.needs.previousYear).toBe(fileRows('volunteer/needs.csv'));
  expect(v.activities.value + v.activities.previousYear).toBe(fileRows('volunteer/activities.csv'));
});

test('a street and a community have their own figures', async () => {
  const street = await figures(
    '410106001000',
    `stations(year: 2025) { value } standardizedStations(year: 2025) { value } standardizationRate(year: 2025) { pct numerator denominator }
     activities(year: 2025) { value } servicePersonTimes(year: 2025) { value } serviceHours(year: 2025) { value }
     activeVolunteers(year: 2025) { value } registeredVolunteers(year: 2025) { value } needs(year: 2025) { value } resources(year: 2025) { value }`,
  );
  const { standardizationRate, ...counts } = street;
  expect(standardizationRate).toEqual({ pct: 77.8, numerator: 21, denominator: 27 });
  expect(flatten(counts)).toEqual({
    stations: 27,
    standardizedStations: 21,
    activities: 206,
    servicePersonTimes: 21527,
    serviceHours: 13751.5,
    activeVolunteers: 1267,
    registeredVolunteers: 1450,
    needs: 189,
    resources: 124,
  });

  // read straight from the ledger: stations of 盛世社区 with all six 六有 items
  const rows = readFileSync(join(SHANGJIE, 'volunteer', 'stations.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const ownStandard = rows.filter((c) => c[2] === '410106001001' && c.slice(3, 9).every((f) => f === '是')).length;
  expect((await figures('410106001001', 'standardizedStations(year: 2025) { value }')).standardizedStations.value).toBe(ownStandard);
});

test('the district is the sum of its streets and towns for figures that add up', async () => {
  type Nodes = { regions: { nodes: { code: string }[] } };
  const nodes = await Promise.all(
    ['STREET', 'TOWN'].map((level) => stack.tree.query<Nodes>(`{ regions(level: ${level}, first: 50) { nodes { code } } }`)),
  );
  const codes = nodes.flatMap((r) => r.data!.regions.nodes.map((n) => n.code));
  expect(codes.length).toBeGreaterThan(1);
  const additive = `standardizedStations(year: 2025) { value } pilots(year: 2025) { value } activities(year: 2025) { value }
    serviceHours(year: 2025) { value } needs(year: 2025) { value } resources(year: 2025) { value }`;
  const sums: Record<string, number> = {};
  for (const code of codes) {
    for (const [key, value] of Object.entries(flatten(await figures(code, additive)))) sums[key] = (sums[key] ?? 0) + (value as number);
  }
  expect(sums).toEqual(flatten(await figures('410106', additive)));
});

test('activities broken down by category and by target group add up to the activities, each with last year', async () => {
  const v = await figures(
    '410106',
    `activities(year: 2025) { value previousYear }
     byCategory: activityBreakdown(year: 2025, by: CATEGORY) { key activities { value previousYear } }
     byGroup: activityBreakdown(year: 2025, by: TARGET_GROUP) { key activities { value } }
     elderly: activities(year: 2025, targetGroup: ELDERLY) { value }`,
  );
  const total = (rows: { activities: { value: number } }[]) => rows.reduce((n, r) => n + r.activities.value, 0);
  expect(total(v.byCategory)).toBe(want('activities'));
  expect(total(v.byGroup)).toBe(want('activities'));
  expect((v.byCategory as { activities: { previousYear: number } }[]).reduce((n, r) => n + r.activities.previousYear, 0)).toBe(
    v.activities.previousYear,
  );
  expect((v.byGroup as { key: string }[]).map((r) => r.key)).toEqual(['CHILDREN', 'ELDERLY', 'NEW_GROUPS', 'OTHER']);
  expect((v.byGroup as { key: string; activities: { value: number } }[]).find((r) => r.key === 'ELDERLY')!.activities.value).toBe(
    v.elderly.value,
  );
});

test('the needs loop in figures: needs that reached a step, grids, the closure rate', async () => {
  const v = await figures(
    '410106',
    `needs(year: 2025) { value } claimed: needs(year: 2025, stage: CLAIMED) { value } closed: needs(year: 2025, stage: CLOSED) { value }
     needsGrids(year: 2025) { value } needClosureRate(year: 2025) { pct numerator denominator }`,
  );
  // counted from needs.csv: of the 898 needs of 2025, 440 are 已完成 and 223 已认领
  const { needClosureRate, ...counts } = v;
  expect(flatten(counts)).toEqual({ needs: 898, claimed: 663, closed: 440, needsGrids: want('needsGrids') });
  expect(needClosureRate).toEqual({ pct: 49, numerator: 440, denominator: 898 });
});

test('a day outside the year asked is refused: a flow counts from 1 January to a day of that year', async () => {
  const res = await stack.sg.query(REGION('volunteer { activities(year: 2024, asOf: "2025-06-30") { value } }'), { code: '410106' });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  const halfYear = await figures('410106', 'activities(year: 2025, asOf: "2025-06-30") { value previousYear }');
  expect(halfYear.activities.value).toBeLessThan(want('activities'));
});

test('a street office sees its own figures; the district above it is refused on that field only', async () => {
  const caller = testCallers.street('410106001000');
  expect((await figures('410106001000', 'activities(year: 2025) { value }', caller)).activities.value).toBe(206);
  const above = await stack.sg.query(REGION('code volunteer { activities(year: 2025) { value } }'), { code: '410106' }, caller);
  expect(above.data!._entities[0]).toEqual({ code: '410106', volunteer: null });
  expect(above.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'volunteer'], extensions: { code: 'FORBIDDEN' } });
  const beside = await stack.sg.query(REGION('volunteer { activities(year: 2025) { value } }'), { code: '410106002000' }, caller);
  expect(beside.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

describe('no query per parent row', () => {
  test('a list of 100 activities with nested fields costs the statements of a list of 1', async () => {
    const list = (first: number) => `{ volunteerActivities(first: ${first}, sort: { field: HELD_ON }) { nodes {
      id code totalHours station { name volunteerCount activityCount(year: 2025) missingStandardItems community { code } }
      records { hours volunteer { number name serviceHours(year: 2025) activityCount station { code } } } } } }`;
    // an analyst reads names masked: no unmasked read to record, whose audit rows would be written in batches
    const one = await stack.sg.countStatements(() => stack.sg.query(list(1), {}, testCallers.analyst));
    const many = await stack.sg.countStatements(() => stack.sg.query(list(100), {}, testCallers.analyst));
    expect(one.result.errors).toBeUndefined();
    expect((many.result.data as { volunteerActivities: { nodes: unknown[] } }).volunteerActivities.nodes).toHaveLength(100);
    expect(many.statements).toBe(one.statements);
  });

  test('figures and lists of 50 Regions cost the statements of 1', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      volunteer { activities(year: 2025) { value } serviceHours(year: 2024) { value } needClosureRate(year: 2025) { pct }
        standardizationRate(year: 2025) { pct } activityBreakdown(year: 2024, by: CATEGORY) { key } pilots(year: 2025, level: CITY) { value } }
      volunteerStations(first: 2) { totalCount nodes { code volunteerCount } }
      volunteerNeeds(first: 5) { totalCount nodes { code resource { code } } } volunteerResources(first: 1) { totalCount } } } }`;
    const nodes = await stack.tree.query<{ regions: { nodes: { code: string }[] } }>('{ regions(first: 50) { nodes { code } } }');
    const codes = nodes.data!.regions.nodes.map((n) => n.code);
    const one = await stack.sg.countStatements(() => stack.sg.query(query, { r: [{ __typename: 'Region', code: codes[1] }] }));
    const many = await stack.sg.countStatements(() => stack.sg.query(query, { r: codes.map((code) => ({ __typename: 'Region', code })) }));
    expect(one.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect((many.result.data as { _entities: unknown[] })._entities).toHaveLength(
      expected.files.find((f) => f.file === 'regions.csv')!.rows,
    );
    expect(many.statements).toBe(one.statements);
  });
});
