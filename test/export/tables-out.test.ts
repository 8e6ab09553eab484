import type { Caller } from '@district/common';
import { download, readCsv, readXlsx, testIdNumber, type Download } from '../kit';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * Tables out: three lists and the work report exported as CSV and XLSX through the gateway, opened
 * as Excel would open them: Chinese headers, personal data masked exactly as the caller's role sees
 * it in the API, a cell that a spreadsheet would run as a formula neutralised, every row there
 * (lists longer than a page are paged through), and the export in the owning subgraph's audit trail.
 */
const analyst: Caller = { subject: 'export-analyst', roles: ['ANALYST'] };
const FORMULA = '=HYPERLINK("http://example.invalid","点我")';
let stack: TestStack;

beforeAll(async () => {
  // a small export page, so even these lists are written page by page
  stack = await startTestStack({ EXPORT_PAGE_SIZE: '40', RATE_LIMIT_PER_MINUTE: '1000' }, { shangjie: true });
  const res = await stack.query(
    `mutation($input: RegisterGigWorkerInput!) { registerGigWorker(input: $input) { id } }`,
    {
      input: {
        name: '公式测',
        idNumber: testIdNumber(901),
        phone: '13900139000',
        jobType: 'COURIER',
        platform: FORMULA,
        partyMember: false,
        mobileGridMember: false,
        communityCode: '410106001001',
        registeredOn: '2025-05-05',
      },
    },
    ADMIN,
  );
  expect(res.errors).toBeUndefined();
}, 300_000);

afterAll(() => stack?.stop());

const GIG_WORKERS = `query GigWorkerTable { gigWorkers(first: 10) { nodes { id name idNumber phone jobType platform partyMember community { name } } } }`;
const VOLUNTEERS = `query { volunteers(filter: { regionCode: "410106001000" }) { nodes { number name idNumber phone registeredOn station { name } } } }`;
const STATIONS = `query { region(code: "410106") { volunteerStations { nodes { code name standardized missingStandardItems } } } }`;

async function both(query: string, caller: Caller): Promise<{ csv: string[][]; xlsx: (string | number | null)[][]; files: Download[] }> {
  const csvFile = await download(stack, '/export?format=csv', caller, { query });
  const xlsxFile = await download(stack, '/export?format=xlsx', caller, { query });
  expect([csvFile.status, xlsxFile.status]).toEqual([200, 200]);
  return { csv: readCsv(csvFile.body), xlsx: (await readXlsx(xlsxFile.body)).rows, files: [csvFile, xlsxFile] };
}

async function total(query: string): Promise<number> {
  const res = await stack.query(query.replace(/nodes \{/, 'totalCount nodes {'));
  expect(res.errors).toBeUndefined();
  const find = (v: any): number => (typeof v?.totalCount === 'number' ? v.totalCount : find(Object.values(v ?? {})[0]));
  return find(res.data);
}

const ID_MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;
const ID_OPEN = /^\d{17}[\dX]$/;

test('gig workers: every row, Chinese headers, masked for an analyst, the formula neutralised, in CSV and XLSX alike', async () => {
  const { csv, xlsx, files } = await both(GIG_WORKERS, analyst);
  expect(files[0].contentType).toMatch(/^text\/csv; charset=utf-8/);
  expect(files[1].contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(files[1].disposition).toMatch(/attachment; filename="gigWorkers-\d{4}-\d{2}-\d{2}\.xlsx"/);
  expect(csv[0]).toEqual([
    '全局编号：区县代码:人员编号',
    '姓名',
    '身份证号',
    '手机号码',
    '从业类型',
    '所属平台企业',
    '是否党员',
    '常驻社区·名称',
  ]);
  expect(xlsx[0]).toEqual(csv[0]);
  // the analyst asked for 10, but an export is the whole list
  const rows = await total(GIG_WORKERS);
  expect(rows).toBeGreaterThan(40);
  expect(csv).toHaveLength(rows + 1);
  expect(xlsx).toHaveLength(rows + 1);
  for (const row of csv.slice(1)) {
    expect(row[2]).toMatch(ID_MASKED);
    expect(row[1]).toMatch(/^.\*+$/);
  }
  const mine = csv.find((r) => r[1].startsWith('公'))!;
  expect(mine[5]).toBe(`'${FORMULA}`);
  expect(mine[4]).toBe('快递员');
  expect(mine[6]).toBe('否');
  const same = xlsx.find((r) => r[0] === mine[0])!;
  expect(same[5]).toBe(`'${FORMULA}`);
});

test('the same list for an administrator is unmasked, and the export is in the gig-care audit trail', async () => {
  const { csv } = await both(GIG_WORKERS, ADMIN);
  expect(csv[1][2]).toMatch(ID_OPEN);
  const trail = await stack.query<{ gigCareAuditTrail: { kind: string; target: string; subject: string }[] }>(
    '{ gigCareAuditTrail(first: 20, operation: "Query.gigWorkers") { kind target subject } }',
  );
  expect(trail.data!.gigCareAuditTrail.filter((e) => e.kind === 'EXPORT').map((e) => `${e.subject} ${e.target}`)).toEqual(
    expect.arrayContaining([`${ADMIN.subject} csv`, `${ADMIN.subject} xlsx`, `${analyst.subject} csv`]),
  );
});

test('volunteers of a street: masked phone and ID for an analyst, numbers and dates as text a person reads', async () => {
  const { csv, xlsx } = await both(VOLUNTEERS, analyst);
  expect(csv[0]).toEqual(['志愿者编号（区县内唯一）', '姓名', '身份证号', '手机号', '注册日期', '所属站点·站点名称']);
  expect(csv).toHaveLength((await total(VOLUNTEERS)) + 1);
  const withPhone = csv.slice(1).find((r) => r[3])!;
  expect(withPhone[3]).toMatch(/^1\d{2}\*{4}\d{4}$/);
  expect(withPhone[2]).toMatch(ID_MASKED);
  expect(xlsx.slice(1).every((r) => typeof r[4] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r[4] as string))).toBe(true);
});

test('the audit entry of an export says what was exported: the filter and the order it was asked with, and the node', async () => {
  const sorted = VOLUNTEERS.replace(
    '(filter: { regionCode: "410106001000" })',
    '(filter: { regionCode: "410106001000", registeredFrom: "2020-01-01" }, sort: { field: REGISTERED_ON, direction: DESC })',
  );
  expect((await download(stack, '/export?format=csv', ADMIN, { query: sorted })).status).toBe(200);
  expect((await download(stack, '/export?format=csv', ADMIN, { query: STATIONS })).status).toBe(200);
  const exported = async (operation: string) => {
    const trail = await stack.query<{ volunteerStationsAuditTrail: { kind: string; args: string }[] }>(
      'query($o: String) { volunteerStationsAuditTrail(first: 10, operation: $o) { kind args } }',
      { o: operation },
    );
    return JSON.parse(trail.data!.volunteerStationsAuditTrail.find((e) => e.kind === 'EXPORT')!.args);
  };
  expect((await exported('Query.volunteers')).arguments).toMatchObject({
    filter: { regionCode: '410106001000', registeredFrom: '2020-01-01' },
    sort: { field: 'REGISTERED_ON', direction: 'DESC' },
  });
  // a list under a node: the node is in the representations the gateway sent
  expect(JSON.stringify((await exported('Region.volunteerStations')).variables)).toContain('410106');
});

test('stations under a node (a list inside a region): lists of values joined, enums in Chinese, booleans 是/否', async () => {
  const { csv, xlsx } = await both(STATIONS, analyst);
  expect(csv[0]).toEqual(['站点编号（区县内唯一）', '站点名称', '是否“六有”标准化', '缺少的“六有”项']);
  const missing = csv.slice(1).find((r) => r[3])!;
  expect(missing[2]).toBe('否');
  expect(missing[3]).toMatch(/^(有场地|有标识|有队伍|有制度|有项目|有台账)(、(有场地|有标识|有队伍|有制度|有项目|有台账))*$/);
  expect(xlsx).toHaveLength(csv.length);
});

test('the work report as a workbook and as CSV: each figure with last year and the change, for any node', async () => {
  const xlsxFile = await download(stack, '/export/annual-report?code=410106&year=2025&format=xlsx', analyst);
  expect(xlsxFile.status).toBe(200);
  const { rows, name } = await readXlsx(xlsxFile.body);
  expect(name).toBe('2025年工作报告指标');
  expect(String(rows[0][0])).toMatch(/^上街区 2025年工作报告指标/);
  expect(rows[1]).toEqual(['指标代码', '指标', '本期值', '上年同期', '增减', '同比增长(%)', '分子', '分母']);
  const byKey = new Map(rows.slice(2).map((r) => [r[0], r]));
  const figures = await stack.query(
    '{ region(code: "410106") { workforce { certifiedHolders(year: 2025) { value previousYear change growthPct } } } }',
  );
  const holders = figures.data!.region.workforce.certifiedHolders;
  expect(byKey.get('workforce.certifiedHolders')!.slice(2, 6)).toEqual([
    holders.value,
    holders.previousYear,
    holders.change,
    holders.growthPct,
  ]);
  expect(String(byKey.get('workforce.certifiedHolders')![1])).toMatch(/^持证人数/);
  // the aliases that re-read last year or growth are columns, not rows of their own
  expect(byKey.has('workforce.certifiedHoldersPrevYear')).toBe(false);

  const csvFile = await download(stack, '/export/annual-report?code=410106001000&year=2025&format=csv', analyst);
  const csv = readCsv(csvFile.body);
  expect(csv[1]).toEqual(['指标代码', '指标', '本期值', '上年同期', '增减', '同比增长(%)', '分子', '分母']);
  expect(csv.length).toBe(rows.length);
});

test('a refused export answers like /graphql: no file, the error and its code', async () => {
  const street: Caller = { subject: 'export-street', roles: ['STREET'], regionScope: '410106001000' };
  const above = await download(stack, '/export/annual-report?code=410106&year=2025&format=xlsx', street);
  expect(above.status).toBe(403);
  expect(JSON.parse(above.body.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
  const noList = await download(stack, '/export?format=csv', analyst, { query: '{ region(code: "410106") { name } }' });
  expect(noList.status).toBe(400);
  const badFormat = await download(stack, '/export?format=pdf', analyst, { query: GIG_WORKERS });
  expect(JSON.parse(badFormat.body.toString()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const anonymous = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/export?format=csv'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: GIG_WORKERS }),
  });
  expect(anonymous.status).toBe(401);
});
