import type { Caller } from '@district/common';
import { expected, flatten, testCallers } from '@district/testkit';
import { REPORT_FRAGMENT, startGig, type GigGraph } from './kit';

/**
 * The Shangjie ledgers (a copy of the template the test setup imported), read through GraphQL as
 * the gateway asks: Region entities with the compound count it fetched from the workforce
 * subgraph (@requires). The street and community figures were counted from the CSV files by hand.
 * Started without the figure cache, so the statement counts below compare cold computations.
 */
const DISTRICT = '410106000000';
const STREET = '410106001000';
const COMMUNITY = '410106001001';

let g: GigGraph;
beforeAll(async () => {
  g = await startGig({ shangjie: true, figureCache: false });
});
afterAll(() => g?.close());

type Node = { code: string; gig?: Record<string, unknown>; gigCare?: Record<string, any> | null };
type Result = { data?: { _entities: Node[] }; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };

/** Region entities as the gateway resolves them; the report fragment (and its $year) only when the selection spreads it. */
async function regions(codes: string[], selection: string, caller: Caller = testCallers.admin, compoundCount?: number): Promise<Result> {
  const representations = await Promise.all(
    codes.map(async (code) => ({ __typename: 'Region', code, compoundCount: compoundCount ?? (await g.compoundCount(code)) })),
  );
  const query = selection.includes('...GigCareReport')
    ? `query($r: [_Any!]!, $year: Int = 2025) { _entities(representations: $r) { ... on Region { code ${selection} } } } ${REPORT_FRAGMENT}`
    : `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code ${selection} } } }`;
  return g.sg.query(query, { r: representations }, caller) as Promise<Result>;
}

async function report(code: string): Promise<Record<string, unknown>> {
  const res = await regions([code], '...GigCareReport');
  expect(res.errors).toBeUndefined();
  return flatten(res.data!._entities[0].gig, ['gig']);
}

test('the report fragment gives every gig.* figure of expected.json for the district', async () => {
  const want = Object.fromEntries(
    Object.entries(expected.figures)
      .filter(([k]) => k.startsWith('gig.'))
      .map(([k, v]) => [k, v.value]),
  );
  expect(await report('410106')).toEqual(want);
});

test('figures a year earlier, and rider-code coverage with its denominator from the workforce subgraph', async () => {
  // 2024 values counted by hand from the ledgers: grid members registered by 2024-12-31, scenes dated 2024,
  // compounds opened by 2024-12-31, the 2024 knight festival (410 served); one 2025 report was resolved on 2026-01-01
  const res = await regions(
    [DISTRICT],
    `gigCare {
    gigWorkers(year: 2025, mobileGridMember: true) { value previousYear change }
    stationsBuilt(year: 2025, kind: FRIENDLY_SCENE) { previousYear }
    careEventServed(year: 2025, kind: KNIGHT_FESTIVAL) { previousYear }
    riderCodeCoverage(year: 2025) { pct numerator denominator previousYear { numerator denominator pct } }
    issuesResolved(year: 2025) { value }
  }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!._entities[0].gigCare).toEqual({
    gigWorkers: { value: 139, previousYear: 102, change: 37 },
    stationsBuilt: { previousYear: 3 },
    careEventServed: { previousYear: 410 },
    riderCodeCoverage: { pct: 82.7, numerator: 291, denominator: 352, previousYear: { numerator: 41, denominator: 352, pct: 11.6 } },
    issuesResolved: { value: 92 },
  });
});

test('a street and a community count only their own rows; district-wide events and partners count at the district only', async () => {
  expect(await report(STREET)).toMatchObject({
    'gig.mobileGridMembers': 32,
    'gig.friendlyScenes': 12,
    'gig.upgradedStations': 9,
    'gig.riderCodeCompounds': 54,
    'gig.issuesReported': 22,
    'gig.knightFestivals': 0,
    'gig.partnerUnits': 0,
  });
  expect(await report(COMMUNITY)).toMatchObject({
    'gig.mobileGridMembers': 3,
    'gig.friendlyScenes': 1,
    'gig.riderCodeCompounds': 8,
    'gig.issuesReported': 3,
  });
  const res = await regions([COMMUNITY], 'gigCare { riderCodeCoverage(year: 2025) { numerator denominator } }');
  expect(res.data!._entities[0].gigCare!.riderCodeCoverage).toEqual({ numerator: 8, denominator: 11 });
});

test('a street office sees its own figures; the district above it is refused, not narrowed', async () => {
  const caller = testCallers.street(STREET);
  const own = await regions([STREET], 'gigCare { gigWorkers(year: 2025, mobileGridMember: true) { value } }', caller);
  expect(own.errors).toBeUndefined();
  expect(own.data!._entities[0].gigCare!.gigWorkers.value).toBe(32);
  const above = await regions([DISTRICT], 'gigCare { gigWorkers(year: 2025, mobileGridMember: true) { value } }', caller);
  expect(above.data!._entities[0]).toEqual({ code: DISTRICT, gigCare: null }); // the node itself resolves …
  expect(above.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'gigCare'], extensions: { code: 'FORBIDDEN' } }); // … its figures do not
});

test('an asOf outside the year is refused rather than counting another year as this one', async () => {
  const res = await regions([DISTRICT], 'gigCare { issuesReported(year: 2024, asOf: "2025-12-31") { value } }');
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  const inYear = await regions([DISTRICT], 'gigCare { issuesReported(year: 2025, asOf: "2025-06-30") { value previousYear } }');
  expect(inYear.errors).toBeUndefined();
  expect(inYear.data!._entities[0].gigCare!.issuesReported).toEqual({ value: 52, previousYear: 0 }); // reports dated by 2025-06-30 (China day)
});

test('figures under many regions cost the same statements as under one', async () => {
  const all = await g.tree.sql<{ code: string }>('SELECT code FROM region ORDER BY code');
  expect(all.length).toBeGreaterThan(40);
  const selection = `...GigCareReport gigCare { riderCodeCoverage(year: $year) { pct } issuesOverdue(year: $year) { value } stations(year: $year) { value } }
    gigStations(first: 5) { totalCount nodes { id code community { code } } }
    gigIssues(first: 5, filter: { overdue: true }) { totalCount nodes { code reporter { code name } } }`;
  const count = (codes: string[]) => g.sg.countStatements(() => regions(codes, selection, testCallers.admin, 1));
  const one = await count([DISTRICT]);
  const many = await count(all.map((r) => r.code));
  expect(one.result.errors).toBeUndefined();
  expect(many.result.data!._entities).toHaveLength(all.length);
  expect(many.statements).toBe(one.statements);
});

test('lists with nested references cost the same statements for 1 and for 100 rows', async () => {
  const q = (n: number) => () =>
    g.sg.query<{ gigIssues: { nodes: unknown[] } }>(`{
      gigIssues(first: ${n}) { nodes { code reporter { name community { code } } } }
      gigPointsEntries(first: ${n}) { nodes { worker { code } merchant { code } } }
      gigRiderCodeCompounds(first: ${n}) { nodes { compoundCode compound { id } community { code } } } }`);
  const one = await g.sg.countStatements(q(1));
  const many = await g.sg.countStatements(q(100));
  expect(one.result.errors).toBeUndefined();
  expect(many.result.data!.gigIssues.nodes).toHaveLength(100);
  expect(many.statements).toBe(one.statements);
});
