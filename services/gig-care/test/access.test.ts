import { testCallers } from '@district/testkit';
import { startGig, type GigGraph } from './kit';

/** Who sees what: personal data by role; lookups, entities, nested references and lists by region scope. */
let g: GigGraph;
beforeAll(async () => {
  g = await startGig({ shangjie: true });
});
afterAll(() => g?.close());

const STREET = '410106001000';
const OTHER_STREET = '410106003000';
// XJY00003 lives in 410106003007
const WORKER = '{ gigWorker(code: "XJY00003") { id code name idNumber phone communityCode community { code } } }';

test('an analyst sees personal data masked', async () => {
  const res = await g.sg.query(WORKER, {}, testCallers.analyst);
  expect(res.data).toEqual({
    gigWorker: {
      id: '410106:XJY00003',
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
  const res = await g.sg.query(WORKER, {}, testCallers.department('gig-care'));
  expect(res.data).toMatchObject({ gigWorker: { name: '闫燕怡', idNumber: '410106197502276157', phone: '17629609665' } });
  const reads = await g.sg.sql<{ operation: string; target: string }>(
    `SELECT DISTINCT operation, target FROM audit_log WHERE kind = 'PERSONAL_READ' AND subject = 'gig-care@test' ORDER BY operation`,
  );
  expect(reads).toEqual([
    { operation: 'GigWorker.idNumber', target: 'GigWorker:410106:XJY00003' },
    { operation: 'GigWorker.name', target: 'GigWorker:410106:XJY00003' },
    { operation: 'GigWorker.phone', target: 'GigWorker:410106:XJY00003' },
  ]);
});

test("a record is named by its global id, or by its number in the caller's district", async () => {
  const res = await g.sg.query(`{
    a: gigWorker(code: "410106:XJY00003") { id } b: gigStation(code: "CJ001") { id code } c: gigIssue(code: "410106:SB20250002") { id code }
    d: gigWorker(code: "410122:XJY00003") { id } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({
    a: { id: '410106:XJY00003' },
    b: { id: '410106:CJ001', code: 'CJ001' },
    c: { id: '410106:SB20250002', code: 'SB20250002' },
    d: null,
  });
  const bad = await g.sg.query('{ gigWorker(code: "XJY 3") { id } }');
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
});

test("a street office sees its own workers unmasked and no one else's", async () => {
  const caller = testCallers.street(STREET);
  const own = await g.sg.query<{ gigWorkers: { totalCount: number; nodes: { name: string; communityCode: string }[] } }>(
    '{ gigWorkers(first: 200) { totalCount nodes { name communityCode } } }',
    {},
    caller,
  );
  expect(own.data!.gigWorkers.nodes.every((n) => n.communityCode.startsWith('410106001') && !n.name.includes('*'))).toBe(true);
  expect(own.data!.gigWorkers.totalCount).toBe(494); // rows of gig/workers.csv whose 常驻社区代码 is in street 001
  expect((await g.sg.query(WORKER, {}, caller)).data).toEqual({ gigWorker: null });
  const refused = await g.sg.query(`{ gigWorkers(filter: { regionCode: "${OTHER_STREET}" }) { totalCount } }`, {}, caller);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const districtWide = await g.sg.query('{ gigCareEvents { totalCount } gigCarePartners { totalCount } }', {}, caller);
  expect(districtWide.data).toEqual({ gigCareEvents: { totalCount: 0 }, gigCarePartners: { totalCount: 0 } });
});

test("nested references stop at the caller's region", async () => {
  // SB20250002 lies in 410106004002; its reporter XJY01701 lives in 410106100003
  const community = testCallers.community('410106004002');
  const res = await g.sg.query('{ gigIssue(code: "SB20250002") { code reporterCode reporter { id } } }', {}, community);
  expect(res.data).toEqual({ gigIssue: { code: 'SB20250002', reporterCode: 'XJY01701', reporter: null } });
  const town = await g.sg.query(
    '{ gigIssue(code: "SB20250002") { code } gigWorker(code: "XJY01701") { id } }',
    {},
    testCallers.street('410106100000'),
  );
  expect(town.data).toEqual({ gigIssue: null, gigWorker: { id: '410106:XJY01701' } });
  const issues = await g.sg.query<{ gigIssues: { nodes: { communityCode: string; reporter: { communityCode: string } | null }[] } }>(
    '{ gigIssues(first: 200) { nodes { communityCode reporter { communityCode } } } }',
    {},
    testCallers.street(STREET),
  );
  for (const i of issues.data!.gigIssues.nodes) {
    expect(i.communityCode.startsWith('410106001')).toBe(true);
    if (i.reporter) expect(i.reporter.communityCode.startsWith('410106001')).toBe(true);
  }
});

test('entities resolve by global id, and out of scope as null', async () => {
  const q = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on GigWorker { id code jobType } ... on GigStation { id code kind } ... on GigIssue { id code status community { code } } } }`;
  const r = [
    { __typename: 'GigWorker', id: '410106:XJY00003' },
    { __typename: 'GigStation', id: '410106:CJ001' },
    { __typename: 'GigIssue', id: '410106:SB20250002' },
  ];
  const all = await g.sg.query(q, { r });
  expect(all.data).toEqual({
    _entities: [
      { id: '410106:XJY00003', code: 'XJY00003', jobType: 'DELIVERY_RIDER' },
      { id: '410106:CJ001', code: 'CJ001', kind: 'FRIENDLY_SCENE' },
      { id: '410106:SB20250002', code: 'SB20250002', status: 'RESOLVED', community: { code: '410106004002' } },
    ],
  });
  const scoped = await g.sg.query(q, { r }, testCallers.street(STREET));
  expect(scoped.data).toEqual({ _entities: [null, null, null] });
});

test('lists filter, sort and page with a cursor', async () => {
  const page = (after?: string) =>
    g.sg.query<{
      gigStations: {
        totalCount: number;
        nodes: { code: string; builtOn: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
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

  const res = await g.sg.query(`{
    partners: gigCarePartners(filter: { year: 2025, type: ENTERPRISE }) { totalCount nodes { id region { code } } }
    open: gigIssues(filter: { status: DISPATCHED, regionCode: "410106" }) { totalCount }
    compounds: gigRiderCodeCompounds(filter: { regionCode: "410106001001" }, sort: { field: OPENED_ON }) { totalCount nodes { id compoundCode communityCode } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.partners.totalCount).toBe(21);
  expect(res.data!.partners.nodes[0]).toEqual({ id: '410106:2025-4', region: { code: '410106000000' } });
  expect(res.data!.open.totalCount).toBe(31); // the ledger's 处置中 rows
  expect(res.data!.compounds.totalCount).toBe(8);
  expect(res.data!.compounds.nodes[0]).toMatchObject({ communityCode: '410106001001' });
  expect(res.data!.compounds.nodes[0].id).toBe(`410106:${res.data!.compounds.nodes[0].compoundCode}`);
});
