import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphRequest, testCallers } from '../../common/src/testing';
import { DISTRICT, SHANGJIE, startGigGraph, type GigGraph } from './kit';

/**
 * The Shangjie ledgers go in through the import and the work report's gig.* figures come out of
 * the subgraph's GraphQL, through the report fragment the annual report uses.
 */
const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as {
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
};
const REPORT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');
const STREET = '410106001000';
const COMMUNITY = '410106001001';

let g: GigGraph;
let imported: Awaited<ReturnType<GigGraph['importAll']>>;

beforeAll(async () => {
  g = await startGigGraph();
  imported = await g.importAll();
}, 180_000);
afterAll(() => g?.close());

/** An _entities query over Regions; the report fragment (and its $year) only when the selection uses it. */
const withReport = (selection: string) =>
  selection.includes('...GigCareReport')
    ? `query($r: [_Any!]!, $year: Int = 2025) { _entities(representations: $r) { ... on Region { code ${selection} } } } ${REPORT}`
    : `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code ${selection} } } }`;

/** Region figures as the gateway asks for them: _entities with the compoundCount it fetched from workforce. */
async function regions<T>(codes: string[], selection: string, variables: Record<string, unknown> = {}, caller = testCallers.admin) {
  const representations = await Promise.all(
    codes.map(async (code) => ({ __typename: 'Region', code, compoundCount: await g.compoundCount(code) })),
  );
  const res = await subgraphRequest<{ _entities: T[] }>(g.sg.url, withReport(selection), { r: representations, ...variables }, caller);
  expect(res.errors).toBeUndefined();
  return res.data!._entities;
}

const report = async (code: string) => {
  const [node] = await regions<{ gigCare: Record<string, { value: number }> }>([code], 'gigCare { ...GigCareReport }');
  return Object.fromEntries(Object.entries(node.gigCare).map(([k, v]) => [`gig.${k}`, v.value]));
};

test('every gig ledger imports with its row count', () => {
  for (const s of imported) {
    const want = expected.files.find((f) => f.file === s.file)!.rows;
    expect({ file: s.file, read: s.read, inserted: s.inserted }).toEqual({ file: s.file, read: want, inserted: want });
  }
});

test('the district gives every gig.* figure of expected.json', async () => {
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
  const [d] = await regions<{ gigCare: Record<string, Record<string, unknown>> }>(
    [DISTRICT],
    `gigCare {
    gigWorkers(year: 2025, mobileGridMember: true) { value previousYear change }
    stationsBuilt(year: 2025, kind: FRIENDLY_SCENE) { previousYear }
    careEventServed(year: 2025, kind: KNIGHT_FESTIVAL) { previousYear }
    riderCodeCoverage(year: 2025) { pct numerator denominator previousYear { numerator denominator pct } }
    issuesResolved(year: 2025) { value }
  }`,
  );
  expect(d.gigCare).toEqual({
    gigWorkers: { value: 139, previousYear: 102, change: 37 },
    stationsBuilt: { previousYear: 3 },
    careEventServed: { previousYear: 410 },
    riderCodeCoverage: { pct: 82.7, numerator: 291, denominator: 352, previousYear: { numerator: 41, denominator: 352, pct: 11.6 } },
    issuesResolved: { value: 92 },
  });
});

test('a street and a community count only their own rows; district-wide events count at the district only', async () => {
  const street = await report(STREET);
  expect(street).toMatchObject({
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
  const [c] = await regions<{ gigCare: { riderCodeCoverage: { numerator: number; denominator: number } } }>(
    [COMMUNITY],
    'gigCare { riderCodeCoverage(year: 2025) { numerator denominator } }',
  );
  expect(c.gigCare.riderCodeCoverage).toEqual({ numerator: 8, denominator: 11 });
});

test('a street office asking for the district gets its own street', async () => {
  const [node] = await regions<{ gigCare: { gigWorkers: { value: number } } }>(
    [DISTRICT],
    'gigCare { gigWorkers(year: 2025, mobileGridMember: true) { value } }',
    {},
    testCallers.street(STREET),
  );
  expect(node.gigCare.gigWorkers.value).toBe(32);
});

test('stations and issues under many regions cost the same statements as under one', async () => {
  const all = await g.wf.orm.em.fork().getConnection().execute<{ code: string }[]>('SELECT code FROM region ORDER BY code');
  const selection = `gigCare { ...GigCareReport riderCodeCoverage(year: $year) { pct } }
    gigStations(first: 5) { totalCount nodes { code community { code } } }
    gigIssues(first: 5, filter: { overdue: true }) { totalCount nodes { code reporter { code name } } }`;
  const count = (codes: string[]) =>
    g.sg.countStatements(() =>
      subgraphRequest<{ _entities: unknown[] }>(g.sg.url, withReport(selection), {
        r: codes.map((code) => ({ __typename: 'Region', code, compoundCount: 1 })),
      }),
    );
  const one = await count([DISTRICT]);
  const many = await count(all.map((r) => r.code));
  expect(one.result.errors).toBeUndefined();
  expect(many.result.data!._entities).toHaveLength(all.length);
  expect(all.length).toBeGreaterThan(40);
  expect(many.statements).toBe(one.statements);
});

test('a list with nested reporters costs the same statements for 1 and for 100 rows', async () => {
  const q = (n: number) => () =>
    subgraphRequest<{ gigIssues: { nodes: unknown[] } }>(
      g.sg.url,
      `{ gigIssues(first: ${n}) { nodes { code reporter { name community { code } } } } gigPointsEntries(first: ${n}) { nodes { worker { code } merchant { code } } } }`,
    );
  const one = await g.sg.countStatements(q(1));
  const many = await g.sg.countStatements(q(100));
  expect(many.result.data!.gigIssues.nodes).toHaveLength(100);
  expect(many.statements).toBe(one.statements);
});
