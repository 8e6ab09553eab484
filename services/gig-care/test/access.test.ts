import { subgraphRequest, testCallers } from '../../common/src/testing';
import { sql, startGigGraph, type GigGraph } from './kit';

/** Who sees what: personal data by role, lists and entities by region scope. */
let g: GigGraph;
beforeAll(async () => {
  g = await startGigGraph();
  await g.importAll();
}, 180_000);
afterAll(() => g?.close());

const STREET = '410106001000';
const OTHER_STREET = '410106003000';
const WORKER = '{ gigWorker(code: "XJY00003") { code name idNumber phone communityCode community { code } } }'; // lives in 410106003007

test('an analyst sees personal data masked', async () => {
  const res = await subgraphRequest(g.sg.url, WORKER, {}, testCallers.analyst);
  expect(res.data).toEqual({
    gigWorker: {
      code: 'XJY00003',
      name: '闫**',
      idNumber: '410106********6157',
      phone: '176****9665',
      communityCode: '410106003007',
      community: { code: '410106003007' },
    },
  });
});

test('the department sees it unmasked, and the read is recorded', async () => {
  const res = await subgraphRequest(g.sg.url, WORKER, {}, testCallers.department('gig-care'));
  expect(res.data).toMatchObject({ gigWorker: { name: '闫燕怡', idNumber: '410106197502276157', phone: '17629609665' } });
  const reads = await sql<{ operation: string; target: string; subject: string }>(
    g.sg,
    `SELECT operation, target, subject FROM audit_log WHERE kind = 'PERSONAL_READ' ORDER BY operation`,
  );
  expect(reads).toEqual([
    { operation: 'GigWorker.idNumber', target: 'GigWorker:XJY00003', subject: 'gig-care@test' },
    { operation: 'GigWorker.name', target: 'GigWorker:XJY00003', subject: 'gig-care@test' },
    { operation: 'GigWorker.phone', target: 'GigWorker:XJY00003', subject: 'gig-care@test' },
  ]);
});

test("a street office sees its own workers unmasked and no one else's", async () => {
  const own = await subgraphRequest<{ gigWorkers: { totalCount: number; nodes: { name: string; communityCode: string }[] } }>(
    g.sg.url,
    '{ gigWorkers(first: 200) { totalCount nodes { name communityCode } } }',
    {},
    testCallers.street(STREET),
  );
  expect(own.data!.gigWorkers.nodes.every((n) => n.communityCode.startsWith('410106001') && !n.name.includes('*'))).toBe(true);
  expect(own.data!.gigWorkers.totalCount).toBe(494); // rows of gig/workers.csv whose 常驻社区代码 is in street 001
  const other = await subgraphRequest(g.sg.url, WORKER, {}, testCallers.street(STREET));
  expect(other.data).toEqual({ gigWorker: null });
  const refused = await subgraphRequest(
    g.sg.url,
    `{ gigWorkers(filter: { regionCode: "${OTHER_STREET}" }) { totalCount } }`,
    {},
    testCallers.street(STREET),
  );
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const events = await subgraphRequest(g.sg.url, '{ gigCareEvents { totalCount } }', {}, testCallers.street(STREET));
  expect(events.data).toEqual({ gigCareEvents: { totalCount: 0 } });
});

test('entities resolve by key, and out of scope as null', async () => {
  const q = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on GigWorker { code jobType } ... on GigStation { code kind } ... on GigIssue { code status community { code } } } }`;
  const r = [
    { __typename: 'GigWorker', code: 'XJY00003' },
    { __typename: 'GigStation', code: 'CJ001' },
    { __typename: 'GigIssue', code: 'SB20250002' },
  ];
  const all = await subgraphRequest(g.sg.url, q, { r });
  expect(all.data).toEqual({
    _entities: [
      { code: 'XJY00003', jobType: 'DELIVERY_RIDER' },
      { code: 'CJ001', kind: 'FRIENDLY_SCENE' },
      { code: 'SB20250002', status: 'RESOLVED', community: { code: '410106004002' } },
    ],
  });
  const scoped = await subgraphRequest(g.sg.url, q, { r }, testCallers.street(STREET));
  expect(scoped.data).toEqual({ _entities: [null, null, null] });
});

test('lists filter, sort and page with a cursor', async () => {
  const page = (after?: string) =>
    subgraphRequest<{
      gigStations: {
        totalCount: number;
        nodes: { code: string; builtOn: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      g.sg.url,
      `query($after: String) { gigStations(filter: { kind: FRIENDLY_SCENE, builtFrom: "2025-01-01" }, sort: { field: BUILT_ON, direction: DESC }, first: 30, after: $after) {
      totalCount nodes { code builtOn } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
  const first = (await page()).data!.gigStations;
  expect(first.totalCount).toBe(38);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = (await page(first.pageInfo.endCursor)).data!.gigStations;
  const dates = [...first.nodes, ...second.nodes].map((n) => n.builtOn);
  expect(dates).toHaveLength(38);
  expect([...dates].sort().reverse()).toEqual(dates);
  expect(second.pageInfo.hasNextPage).toBe(false);

  const partners = await subgraphRequest<{ gigCarePartners: { totalCount: number } }>(
    g.sg.url,
    '{ gigCarePartners(filter: { year: 2025, type: ENTERPRISE }) { totalCount } }',
  );
  expect(partners.data!.gigCarePartners.totalCount).toBe(21);
  const open = await subgraphRequest<{ gigIssues: { totalCount: number } }>(
    g.sg.url,
    '{ gigIssues(filter: { status: DISPATCHED, regionCode: "410106" }) { totalCount } }',
  );
  expect(open.data!.gigIssues.totalCount).toBe(31); // the ledger's 处置中 rows
});
