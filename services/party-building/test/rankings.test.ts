import { testCallers } from '@district/testkit';
import { startParty } from './kit';

/**
 * Rankings and series reach figures one object down: coverage { keyEnterprise } is the figure
 * COVERAGE_KEY_ENTERPRISE, a rate, ranked on its percent with the streets' counts adding up.
 */
let stack: Awaited<ReturnType<typeof startParty>>;

beforeAll(async () => {
  stack = await startParty({ shangjie: true, figureCache: false });
});

afterAll(() => stack?.close());

const REGION = (selection: string) => `{ _entities(representations: [{ __typename: "Region", code: "410106" }]) {
  ... on Region { partyBuilding { ${selection} } } } }`;

test('key-enterprise coverage by street: a rate per street, the counts adding up to the district', async () => {
  const res = await stack.sg.query(
    REGION(`coverage(year: 2025) { keyEnterprise { numerator denominator } }
      ranking(figure: COVERAGE_KEY_ENTERPRISE, year: 2025) { region { code } value rate { pct numerator denominator } count { value } }
      series(figure: COVERAGE_OVERALL, fromYear: 2024, toYear: 2025) { year value rate { pct } }`),
    {},
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  const { coverage, ranking, series } = res.data!._entities[0].partyBuilding;
  expect(ranking.length).toBeGreaterThan(1);
  expect(ranking.reduce((s: number, r: any) => s + r.rate.numerator, 0)).toBe(coverage.keyEnterprise.numerator);
  expect(ranking.reduce((s: number, r: any) => s + r.rate.denominator, 0)).toBe(coverage.keyEnterprise.denominator);
  for (const r of ranking) expect(r).toMatchObject({ value: r.rate.pct, count: null });
  expect(series.map((p: any) => p.year)).toEqual([2024, 2025]);
});

test('a figure argument given by name reaches the nested figure; an unknown one is refused naming args', async () => {
  const res = await stack.sg.query(
    REGION(`ranking(figure: COVERAGE_PARK, year: 2025, args: [{ name: "kind", value: "ORGANIZATIONAL" }]) { value }`),
    {},
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  const bad = await stack.sg.query(
    REGION(`ranking(figure: TRAININGS, year: 2025, args: [{ name: "kind", value: "VISIT" }]) { value }`),
    {},
    testCallers.analyst,
  );
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'args' });
});
