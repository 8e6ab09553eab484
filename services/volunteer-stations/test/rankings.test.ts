import { testCallers } from '@district/testkit';
import { startVolunteerStations, type Stack } from './kit';

/**
 * Rankings and series of any volunteer figure (the kit's ranking/series fields): each value is the
 * one the figure's own field gives at that node or for that period, and every node or period of a
 * ranking or series is computed in one statement.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startVolunteerStations({ shangjie: true, figureCache: false });
});

afterAll(() => stack?.close());

const DISTRICT = '410106';
const REGION = (selection: string) => `query($code: ID!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { volunteer { ${selection} } } } }`;

async function volunteer(code: string, selection: string, caller = testCallers.analyst) {
  const res = await stack.sg.query<{ _entities: { volunteer: Record<string, any> }[] }>(REGION(selection), { code }, caller);
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].volunteer;
}

async function childrenOf(code: string): Promise<string[]> {
  return stack.regionTree.nodesUnder(code, 'CHILDREN');
}

test('volunteer hours by community, top 10: each value is the field at that community, sorted, ranks shared on ties', async () => {
  const { ranking } = await volunteer(
    DISTRICT,
    `ranking(figure: SERVICE_HOURS, year: 2025, level: COMMUNITY, first: 10) { rank region { code } value count { value previousYear } }`,
  );
  expect(ranking).toHaveLength(10);
  const values = ranking.map((r: { value: number }) => r.value);
  expect([...values].sort((a, b) => b - a)).toEqual(values);
  for (const row of ranking.slice(0, 3)) {
    const own = await volunteer(row.region.code, 'serviceHours(year: 2025) { value previousYear }');
    expect(row.count).toEqual(own.serviceHours);
    expect(row.value).toBe(own.serviceHours.value);
  }
  for (let i = 1; i < ranking.length; i++) {
    if (ranking[i].value === ranking[i - 1].value) expect(ranking[i].rank).toBe(ranking[i - 1].rank);
    else expect(ranking[i].rank).toBe(i + 1);
  }
});

test('a ranking over the children covers every child; ASC gives the bottom; a rate ranks on its percent', async () => {
  const streets = await childrenOf(`${DISTRICT}000000`);
  const { all, bottom, rate } = await volunteer(
    DISTRICT,
    `all: ranking(figure: ACTIVITIES, year: 2025) { region { code } value }
     bottom: ranking(figure: ACTIVITIES, year: 2025, order: ASC, first: 2) { region { code } value }
     rate: ranking(figure: STANDARDIZATION_RATE, year: 2025) { value rate { pct numerator denominator } count { value } }`,
  );
  expect(all.map((r: { region: { code: string } }) => r.region.code).sort()).toEqual(streets);
  const total = (await volunteer(DISTRICT, 'activities(year: 2025) { value }')).activities.value;
  expect(all.reduce((s: number, r: { value: number }) => s + r.value, 0)).toBe(total);
  expect(bottom.map((r: { value: number }) => r.value)).toEqual(
    all
      .map((r: { value: number }) => r.value)
      .reverse()
      .slice(0, 2),
  );
  for (const row of rate) {
    expect(row.count).toBeNull();
    expect(row.value).toBe(row.rate.pct);
  }
});

test('figure arguments are read as the figure types them; a wrong one names itself', async () => {
  const { byCategory, plain } = await volunteer(
    DISTRICT,
    `byCategory: ranking(figure: NEEDS, year: 2025, args: [{ name: "stage", value: "CLOSED" }]) { region { code } value }
     plain: ranking(figure: NEEDS, year: 2025) { region { code } value }`,
  );
  const code = byCategory[0].region.code;
  const own = await volunteer(code, 'needs(year: 2025, stage: CLOSED) { value }');
  expect(byCategory[0].value).toBe(own.needs.value);
  expect(plain.find((r: { region: { code: string } }) => r.region.code === code).value).toBeGreaterThanOrEqual(own.needs.value);

  const res = await stack.sg.query(REGION(`ranking(figure: NEEDS, year: 2025, args: [{ name: "stage", value: "NOPE" }]) { value }`), {
    code: DISTRICT,
  });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'args' });
  const unknown = await stack.sg.query(
    REGION(`ranking(figure: SERVICE_HOURS, year: 2025, args: [{ name: "stage", value: "CLOSED" }]) { value }`),
    {
      code: DISTRICT,
    },
  );
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'args' });
});

test('a series by year gives each year as the field gives it; by month the months add up to the year', async () => {
  const v = await volunteer(
    DISTRICT,
    `years: series(figure: ACTIVITIES, fromYear: 2023, toYear: 2025) { year month value count { value previousYear } }
     months: series(figure: ACTIVITIES, fromYear: 2025, byMonth: true) { year month from to value }
     stock: series(figure: STATIONS, fromYear: 2025, byMonth: true) { month value }
     y2025: activities(year: 2025) { value previousYear }
     stations: stations(year: 2025) { value }`,
  );
  expect(v.years.map((p: { year: number }) => p.year)).toEqual([2023, 2024, 2025]);
  expect(v.years[2].count).toEqual(v.y2025);
  expect(v.years[1].value).toBe(v.y2025.previousYear);
  expect(v.months).toHaveLength(12);
  expect(v.months[1]).toMatchObject({ year: 2025, month: 2, from: '2025-02-01', to: '2025-02-28' });
  expect(v.months.reduce((s: number, p: { value: number }) => s + p.value, 0)).toBe(v.y2025.value);
  // a stock is taken on each month's last day: December's is the year's
  expect(v.stock[11].value).toBe(v.stations.value);
});

test('a street office ranks inside its street only; a ranking of one figure over every community is one statement', async () => {
  const streets = await childrenOf(`${DISTRICT}000000`);
  const street = streets[0];
  const { ranking } = await volunteer(street, 'ranking(figure: SERVICE_HOURS, year: 2025) { region { code } }', testCallers.street(street));
  expect(ranking.length).toBeGreaterThan(0);
  for (const row of ranking) expect(row.region.code.startsWith(street.slice(0, 9))).toBe(true);

  const above = await stack.sg.query(
    REGION('ranking(figure: SERVICE_HOURS, year: 2025) { value }'),
    { code: DISTRICT },
    testCallers.street(street),
  );
  expect(above.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const { statements } = await stack.sg.countStatements(() =>
    volunteer(DISTRICT, 'ranking(figure: SERVICE_HOURS, year: 2025, level: COMMUNITY) { value }'),
  );
  expect(statements).toBe(1);
});
