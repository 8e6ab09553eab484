import { subgraphRequest, testCallers, type GraphQLResult } from '../../common/src/testing';
import { sql, startGigGraph, testIdNumber, type GigGraph } from './kit';

/** The mutations of daily work: validated, authorised, one transaction each, audited. */
let g: GigGraph;
beforeAll(async () => {
  g = await startGigGraph();
  await g.importAll();
}, 180_000);
afterAll(() => g?.close());

const DEPT = testCallers.department('gig-care');
const STREET = '410106001000';
const COMMUNITY = '410106001001';
const GRID = '41010600100101';

const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller = DEPT) =>
  subgraphRequest<T>(g.sg.url, query, variables, caller);
const code = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;

const REGISTER = `mutation($input: RegisterGigWorkerInput!) { registerGigWorker(input: $input) { code name jobType mobileGridMember communityCode registeredOn pointsBalance } }`;
let seq = 0;
const worker = (over: Record<string, unknown> = {}) => ({
  name: '王测试',
  idNumber: testIdNumber(++seq),
  phone: '13800138000',
  jobType: 'DELIVERY_RIDER',
  platform: '美团',
  partyMember: false,
  mobileGridMember: true,
  communityCode: COMMUNITY,
  ...over,
});
async function register(over: Record<string, unknown> = {}, caller = DEPT): Promise<string> {
  const res = await run<{ registerGigWorker: { code: string } }>(REGISTER, { input: worker(over) }, caller);
  expect(res.errors).toBeUndefined();
  return res.data!.registerGigWorker.code;
}

describe('registering gig workers', () => {
  test('registers with the next number and today as registration date', async () => {
    const res = await run(REGISTER, { input: worker({ registeredOn: '2025-06-01' }) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerGigWorker).toEqual({
      code: 'XJY02481',
      name: '王测试',
      jobType: 'DELIVERY_RIDER',
      mobileGridMember: true,
      communityCode: COMMUNITY,
      registeredOn: '2025-06-01',
      pointsBalance: 0,
    });
  });

  test('refuses a wrong ID number, a wrong phone, a street code and a second registration of one person', async () => {
    const wrongId = await run(REGISTER, { input: worker({ idNumber: '410106199001010010' }) });
    expect(code(wrongId)).toBe('BAD_USER_INPUT');
    expect(wrongId.errors![0].extensions!.field).toBe('idNumber');
    expect(wrongId.errors![0].message).toMatch(/校验位.*check digit/);
    expect(code(await run(REGISTER, { input: worker({ phone: '12345' }) }))).toBe('BAD_USER_INPUT');
    const street = await run(REGISTER, { input: worker({ communityCode: STREET }) });
    expect(street.errors![0].extensions!.field).toBe('communityCode');
    const id = testIdNumber(900);
    await register({ idNumber: id });
    const again = await run(REGISTER, { input: worker({ idNumber: id }) });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0].message).not.toContain(id);
  });

  test('another department may not write; a street office may, inside its street only', async () => {
    expect(code(await run(REGISTER, { input: worker() }, testCallers.department('workforce')))).toBe('FORBIDDEN');
    expect(code(await run(REGISTER, { input: worker({ communityCode: '410106002001' }) }, testCallers.street(STREET)))).toBe('FORBIDDEN');
    await register({}, testCallers.street(STREET));
  });

  test('each mutation is audited with the caller and masked arguments; failures too', async () => {
    const trail = await run<{ gigCareAuditTrail: { subject: string; outcome: string; args: string; target: string | null }[] }>(
      '{ gigCareAuditTrail(first: 50, operation: "registerGigWorker") { subject outcome args target } }',
      {},
      testCallers.admin,
    );
    const entries = trail.data!.gigCareAuditTrail;
    expect(entries).toContainEqual(expect.objectContaining({ subject: 'gig-care@test', outcome: 'OK', target: 'GigWorker:XJY02481' }));
    expect(entries).toContainEqual(expect.objectContaining({ subject: 'workforce@test', outcome: 'FORBIDDEN' }));
    for (const e of entries) expect(e.args).not.toMatch(/\d{17}[\dX]|13800138000/);
    expect(code(await run('{ gigCareAuditTrail { id } }'))).toBe('FORBIDDEN');
  });
});

describe('the issue loop', () => {
  const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { code status reportedAt deadline overdue communityCode reporter { code } } }`;
  const FIELDS = 'code status reportedAt dispatchedAt assignee resolvedAt resolution fedBackAt feedback satisfied overdue';

  test('reported → dispatched → resolved → fed back, with the time of each step', async () => {
    const reporter = await register();
    const reported = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '井盖缺失', description: '人行道井盖缺失' },
    });
    expect(reported.errors).toBeUndefined();
    const issue = reported.data!.reportIssue;
    expect(issue).toMatchObject({ status: 'REPORTED', overdue: false, communityCode: COMMUNITY, reporter: { code: reporter } });
    expect(issue.code).toMatch(/^SB\d{8}$/);
    expect(Date.parse(issue.deadline) - Date.parse(issue.reportedAt)).toBe(72 * 3_600_000);

    const early = await run(`mutation { resolveIssue(code: "${issue.code}", resolution: "已修复") { code } }`);
    expect(code(early)).toBe('BAD_USER_INPUT');

    await run(`mutation { dispatchIssue(code: "${issue.code}", assignee: "市政所") { code } }`);
    await run(`mutation { resolveIssue(code: "${issue.code}", resolution: "已补装井盖") { code } }`);
    const done = await run(`mutation { feedbackIssue(code: "${issue.code}", feedback: "已告知上报人", satisfied: true) { ${FIELDS} } }`);
    expect(done.errors).toBeUndefined();
    const d = done.data!.feedbackIssue;
    expect(d).toMatchObject({
      status: 'FED_BACK',
      assignee: '市政所',
      resolution: '已补装井盖',
      feedback: '已告知上报人',
      satisfied: true,
      overdue: false,
    });
    const times = [d.reportedAt, d.dispatchedAt, d.resolvedAt, d.fedBackAt].map(Date.parse);
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(d.fedBackAt).toMatch(/\+08:00$/);
  });

  test('only mobile grid members report, on a 14-digit grid', async () => {
    const plain = await register({ mobileGridMember: false });
    const res = await run(REPORT, { input: { reporterCode: plain, gridCode: GRID, category: '违规停车' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
    const member = await register();
    const grid = await run(REPORT, { input: { reporterCode: member, gridCode: COMMUNITY, category: '违规停车' } });
    expect(grid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
  });

  test('an issue open 72 hours after its report is overdue and listed; a fresh one is not', async () => {
    const reporter = await register();
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const late = (await run(REPORT, { input: { reporterCode: reporter, gridCode: GRID, category: '路灯损坏', reportedAt: hoursAgo(73) } }))
      .data!.reportIssue;
    const fresh = (await run(REPORT, { input: { reporterCode: reporter, gridCode: GRID, category: '路灯损坏', reportedAt: hoursAgo(71) } }))
      .data!.reportIssue;
    expect([late.overdue, fresh.overdue]).toEqual([true, false]);
    const list = await run<{ gigIssues: { totalCount: number; nodes: { code: string }[] } }>(
      `{ gigIssues(filter: { overdue: true, reporterCode: "${reporter}" }) { totalCount nodes { code } } }`,
    );
    expect(list.data!.gigIssues.nodes.map((n) => n.code)).toEqual([late.code]);
    const future = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '路灯损坏', reportedAt: '2099-01-01T00:00:00+08:00' },
    });
    expect(future.errors![0].extensions!.field).toBe('reportedAt');
  });
});

describe('stations and points', () => {
  const OPEN = `mutation($input: OpenStationInput!) { openStation(input: $input) { code kind services builtOn community { code } } }`;
  const AWARD = `mutation($input: AwardPointsInput!) { awardPoints(input: $input) { id kind reason points balanceAfter issueCode } }`;
  const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { id kind points balanceAfter merchant { code } worker { pointsBalance } } }`;
  let merchant = '';

  beforeAll(async () => {
    const res = await run(OPEN, {
      input: { name: '友好商户(测试)', kind: 'FRIENDLY_SCENE', communityCode: COMMUNITY, services: ['饮水', '充电', ' 优惠 '] },
    });
    merchant = res.data!.openStation.code;
  });

  test('opens a friendly scene with the next number; refuses one without services', async () => {
    expect(merchant).toBe('CJ042');
    const bad = await run(OPEN, { input: { name: '驿站', kind: 'NEW_CITIZEN_STATION', communityCode: COMMUNITY, services: [' '] } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'services' });
  });

  const balance = async (w: string) =>
    Number((await sql<{ points_balance: number }>(g.sg, 'SELECT points_balance FROM gig_worker WHERE code = ?', [w]))[0].points_balance);

  test('points are earned for a confirmed issue once, and for a service given', async () => {
    const w = await register();
    const issue = (
      await run(`mutation { reportIssue(input: { reporterCode: "${w}", gridCode: "${GRID}", category: "垃圾堆放" }) { code } }`)
    ).data!.reportIssue.code;
    const award = (key: string, over: Record<string, unknown> = {}) =>
      run(AWARD, { input: { workerCode: w, points: 20, reason: 'ISSUE_CONFIRMED', issueCode: issue, idempotencyKey: key, ...over } });
    expect(code(await award('a1'))).toBe('BAD_USER_INPUT'); // not dispatched yet
    await run(`mutation { dispatchIssue(code: "${issue}", assignee: "环卫所") { code } }`);
    expect((await award('a2')).data!.awardPoints).toMatchObject({
      kind: 'EARN',
      reason: 'ISSUE_CONFIRMED',
      points: 20,
      balanceAfter: 20,
      issueCode: issue,
    });
    expect(code(await award('a3'))).toBe('CONFLICT');
    const service = await run(AWARD, { input: { workerCode: w, points: 5, reason: 'SERVICE_GIVEN', idempotencyKey: 's1' } });
    expect(service.data!.awardPoints.balanceAfter).toBe(25);
    expect(code(await run(AWARD, { input: { workerCode: w, points: 0, reason: 'SERVICE_GIVEN', idempotencyKey: 's2' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await balance(w)).toBe(25);
  });

  test('a redemption never overdraws, happens at friendly merchants only, and a retry is applied once', async () => {
    const w = await register();
    await run(AWARD, { input: { workerCode: w, points: 50, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-earn` } });
    const redeem = (key: string, points: number, at = merchant) =>
      run(REDEEM, { input: { workerCode: w, merchantCode: at, points, idempotencyKey: key } });

    const first = await redeem('r1', 30);
    expect(first.data!.redeemPoints).toMatchObject({
      kind: 'REDEEM',
      points: 30,
      balanceAfter: 20,
      merchant: { code: merchant },
      worker: { pointsBalance: 20 },
    });
    const retry = await redeem('r1', 30);
    expect(retry.data!.redeemPoints.id).toBe(first.data!.redeemPoints.id);
    expect(await balance(w)).toBe(20);
    expect(code(await redeem('r1', 5))).toBe('CONFLICT');

    const over = await redeem('r2', 21);
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(over.errors![0].message).toMatch(/积分不足/);
    expect(code(await redeem('r3', 1, 'YZ001'))).toBe('BAD_USER_INPUT'); // a station is not a merchant
    expect(await balance(w)).toBe(20);
  });

  test('concurrent redemptions on one account lose nothing and overdraw nothing', async () => {
    const w = await register();
    await run(AWARD, { input: { workerCode: w, points: 100, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-earn` } });
    const attempts = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        run(REDEEM, { input: { workerCode: w, merchantCode: merchant, points: 10, idempotencyKey: `${w}-p${i}` } }),
      ),
    );
    const ok = attempts.filter((r) => !r.errors);
    expect(ok).toHaveLength(10);
    expect(attempts.filter((r) => r.errors).every((r) => code(r) === 'BAD_USER_INPUT')).toBe(true);
    expect(ok.map((r) => r.data!.redeemPoints.balanceAfter).sort((a: number, b: number) => a - b)).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);

    // the same redemption retried ten times at once is booked once
    const v = await register();
    await run(AWARD, { input: { workerCode: v, points: 100, reason: 'SERVICE_GIVEN', idempotencyKey: `${v}-earn` } });
    const retries = await Promise.all(
      Array.from({ length: 10 }, () =>
        run(REDEEM, { input: { workerCode: v, merchantCode: merchant, points: 30, idempotencyKey: `${v}-once` } }),
      ),
    );
    expect(new Set(retries.map((r) => r.data!.redeemPoints.id)).size).toBe(1);

    const ledger = await sql<{ worker_code: string; kind: string; n: string; total: string }>(
      g.sg,
      `SELECT worker_code, kind, count(*) AS n, sum(points) AS total FROM gig_points_entry WHERE worker_code IN (?, ?) GROUP BY 1, 2 ORDER BY 1, 2`,
      [w, v],
    );
    expect(ledger.map((r) => [r.worker_code, r.kind, Number(r.n), Number(r.total)])).toEqual([
      [w, 'EARN', 1, 100],
      [w, 'REDEEM', 10, 100],
      [v, 'EARN', 1, 100],
      [v, 'REDEEM', 1, 30],
    ]);
    expect([await balance(w), await balance(v)]).toEqual([0, 70]);
  });
});
