import type { Caller } from '@district/common';
import { testCallers, testIdNumber, type GraphQLResult } from '@district/testkit';
import { startGig, type GigGraph } from './kit';

/**
 * The mutations of daily work on top of the Shangjie ledgers: validated, authorised, one
 * transaction each, audited. Each test registers the workers and opens the merchants it needs
 * (ID numbers of its own), so any one of them runs alone (`npx jest -t NAME`).
 */
let g: GigGraph;
beforeAll(async () => {
  g = await startGig({ shangjie: true });
});
afterAll(() => g?.close());

const DEPT = testCallers.department('gig-care');
const STREET = '410106001000';
const COMMUNITY = '410106001001';
const GRID = '41010600100101';

const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = DEPT) =>
  g.sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;
const code = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;

const REGISTER = `mutation($input: RegisterGigWorkerInput!) { registerGigWorker(input: $input) {
  id code name jobType mobileGridMember communityCode registeredOn pointsBalance } }`;
const worker = (n: number, over: Record<string, unknown> = {}) => ({
  name: '王测试',
  idNumber: testIdNumber(n),
  phone: '13800138000',
  jobType: 'DELIVERY_RIDER',
  platform: '美团',
  partyMember: false,
  mobileGridMember: true,
  communityCode: COMMUNITY,
  ...over,
});
/** A worker of the test's own; returns the global id. */
async function register(n: number, over: Record<string, unknown> = {}, caller = DEPT): Promise<string> {
  const res = await run(REGISTER, { input: worker(n, over) }, caller);
  expect(res.errors).toBeUndefined();
  return res.data!.registerGigWorker.id;
}

async function trail(operation: string) {
  const res = await run(
    '{ gigCareAuditTrail(first: 100, operation: "' + operation + '") { subject outcome args target } }',
    {},
    testCallers.admin,
  );
  return res.data!.gigCareAuditTrail as { subject: string; outcome: string; args: string; target: string | null }[];
}

describe('registering gig workers', () => {
  test("registers with the district's next number and the given registration date", async () => {
    const res = await run(REGISTER, { input: worker(101, { registeredOn: '2025-06-01' }) });
    expect(res.errors).toBeUndefined();
    const w = res.data!.registerGigWorker;
    expect(w).toMatchObject({
      name: '王测试',
      jobType: 'DELIVERY_RIDER',
      mobileGridMember: true,
      communityCode: COMMUNITY,
      registeredOn: '2025-06-01',
      pointsBalance: 0,
    });
    expect(w.code).toMatch(/^XJY\d{5}$/);
    expect(w.code > 'XJY02480').toBe(true); // after the ledger's last number
    expect(w.id).toBe(`410106:${w.code}`);
  });

  test('refuses a wrong ID number, a wrong phone, a street code, control characters and a second registration of one person', async () => {
    const wrongId = await run(REGISTER, { input: worker(102, { idNumber: '410106199001010010' }) });
    expect(wrongId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(wrongId.errors![0].message).toMatch(/校验位.*check digit/);
    expect(code(await run(REGISTER, { input: worker(102, { phone: '12345' }) }))).toBe('BAD_USER_INPUT');
    expect((await run(REGISTER, { input: worker(102, { communityCode: STREET }) })).errors![0].extensions!.field).toBe('communityCode');
    expect((await run(REGISTER, { input: worker(102, { name: '王\u0000测试' }) })).errors![0].extensions!.field).toBe('name');
    expect((await run(REGISTER, { input: worker(102, { registeredOn: '2100-01-01' }) })).errors![0].extensions!.field).toBe('registeredOn');
    await register(102);
    const again = await run(REGISTER, { input: worker(102) });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
    expect(again.errors![0].message).not.toContain(testIdNumber(102));
  });

  test('another department may not write; a street office may, inside its street only; each attempt is audited, personal data masked', async () => {
    expect(code(await run(REGISTER, { input: worker(103) }, testCallers.department('workforce')))).toBe('FORBIDDEN');
    expect(code(await run(REGISTER, { input: worker(103, { communityCode: '410106002001' }) }, testCallers.street(STREET)))).toBe(
      'FORBIDDEN',
    );
    const id = await register(103, {}, testCallers.street(STREET));
    const entries = await trail('registerGigWorker');
    expect(entries).toContainEqual(expect.objectContaining({ subject: `street-${STREET}@test`, outcome: 'OK', target: `GigWorker:${id}` }));
    expect(entries).toContainEqual(expect.objectContaining({ subject: 'workforce@test', outcome: 'FORBIDDEN' }));
    for (const e of entries) expect(e.args).not.toMatch(/\d{17}[\dX]|13800138000/);
    expect(code(await run('{ gigCareAuditTrail { id } }'))).toBe('FORBIDDEN');
  });
});

describe('the issue loop', () => {
  const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) {
    id code status reportedAt deadline overdue communityCode reporter { id } reporterCode } }`;
  const FIELDS = 'code status reportedAt dispatchedAt assignee resolvedAt resolution fedBackAt feedback satisfied overdue';

  test('reported → dispatched → resolved → fed back, with the time of each step; a step out of order is a conflict', async () => {
    const reporter = await register(201);
    const reported = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '井盖缺失', description: '人行道井盖缺失' },
    });
    expect(reported.errors).toBeUndefined();
    const issue = reported.data!.reportIssue;
    expect(issue).toMatchObject({ status: 'REPORTED', overdue: false, communityCode: COMMUNITY, reporter: { id: reporter } });
    expect(issue.code).toMatch(/^SB\d{8}$/);
    expect(issue.id).toBe(`410106:${issue.code}`);
    expect(issue.reporterCode).toBe(reporter.split(':')[1]);
    expect(Date.parse(issue.deadline) - Date.parse(issue.reportedAt)).toBe(72 * 3_600_000);

    const early = await run(`mutation { resolveIssue(code: "${issue.code}", resolution: "已修复") { code } }`);
    expect(code(early)).toBe('CONFLICT');
    expect(early.errors![0].message).toMatch(/已上报.*已办结/);

    expect((await run(`mutation { dispatchIssue(code: "${issue.id}", assignee: "市政所") { status } }`)).data!.dispatchIssue.status).toBe(
      'DISPATCHED',
    );
    expect(code(await run(`mutation { dispatchIssue(code: "${issue.id}", assignee: "市政所") { status } }`))).toBe('CONFLICT');
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
    expect((await trail('feedbackIssue')).find((e) => e.outcome === 'OK')).toMatchObject({ target: `GigIssue:${issue.id}` });
  });

  test("only mobile grid members of the grid's district report, on a grid of the region tree", async () => {
    const plain = await register(202, { mobileGridMember: false });
    const res = await run(REPORT, { input: { reporterCode: plain, gridCode: GRID, category: '违规停车' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
    const member = await register(203);
    const grid = await run(REPORT, { input: { reporterCode: member, gridCode: COMMUNITY, category: '违规停车' } });
    expect(grid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
    const unknownGrid = await run(REPORT, { input: { reporterCode: member, gridCode: '41010600100199', category: '违规停车' } });
    expect(unknownGrid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
    const elsewhere = await run(REPORT, {
      input: { reporterCode: member.replace('410106:', '410122:'), gridCode: GRID, category: '违规停车' },
    });
    expect(elsewhere.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
  });

  test('an issue open 72 hours after its report is overdue and listed; a fresh one is not', async () => {
    const reporter = await register(204);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const report = async (h: number) =>
      (await run(REPORT, { input: { reporterCode: reporter, gridCode: GRID, category: '路灯损坏', reportedAt: hoursAgo(h) } })).data!
        .reportIssue;
    const late = await report(73);
    const fresh = await report(71);
    expect([late.overdue, fresh.overdue]).toEqual([true, false]);
    const list = await run<{ gigIssues: { nodes: { code: string }[] } }>(
      `{ gigIssues(filter: { overdue: true, reporterCode: "${reporter}" }) { nodes { code } } }`,
    );
    expect(list.data!.gigIssues.nodes.map((n) => n.code)).toEqual([late.code]);
    const future = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '路灯损坏', reportedAt: '2099-01-01T00:00:00+08:00' },
    });
    expect(future.errors![0].extensions!.field).toBe('reportedAt');
  });

  test('issues reported at once get numbers of their own', async () => {
    const reporter = await register(205);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => run(REPORT, { input: { reporterCode: reporter, gridCode: GRID, category: `类别${i}` } })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    expect(new Set(results.map((r) => r.data!.reportIssue.code)).size).toBe(8);
  });
});

describe('stations and points', () => {
  const OPEN = `mutation($input: OpenStationInput!) { openStation(input: $input) { id code kind services builtOn community { code } } }`;
  const AWARD = `mutation($input: AwardPointsInput!) { awardPoints(input: $input) { id kind reason points balanceAfter issueCode } }`;
  const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { id kind points balanceAfter merchant { id } worker { pointsBalance } } }`;

  /** A friendly merchant of the test's own; returns its global id. */
  async function merchant(): Promise<string> {
    const res = await run(OPEN, {
      input: { name: '友好商户(测试)', kind: 'FRIENDLY_SCENE', communityCode: COMMUNITY, services: ['饮水', '充电', ' 优惠 ', '饮水'] },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.openStation.id;
  }

  const balance = async (w: string) =>
    Number((await g.sg.sql<{ b: number }>('SELECT points_balance AS b FROM gig_worker WHERE id = ?', [w]))[0].b);

  test("opens a friendly scene with the district's next number; refuses one without services", async () => {
    const res = await run(OPEN, {
      input: { name: '友好商户', kind: 'FRIENDLY_SCENE', communityCode: COMMUNITY, services: ['饮水', ' 优惠 '] },
    });
    const s = res.data!.openStation;
    expect(s).toMatchObject({ kind: 'FRIENDLY_SCENE', services: ['饮水', '优惠'], community: { code: COMMUNITY } });
    expect(s.code).toMatch(/^CJ\d{3}$/);
    expect(s.code > 'CJ041').toBe(true); // after the ledger's last friendly scene
    expect(s.id).toBe(`410106:${s.code}`);
    const bad = await run(OPEN, { input: { name: '驿站', kind: 'NEW_CITIZEN_STATION', communityCode: COMMUNITY, services: [' '] } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'services' });
  });

  test('points are earned for a confirmed issue once, and for a service given', async () => {
    const w = await register(301);
    const issue = (
      await run(`mutation { reportIssue(input: { reporterCode: "${w}", gridCode: "${GRID}", category: "垃圾堆放" }) { id code } }`)
    ).data!.reportIssue;
    const award = (key: string, over: Record<string, unknown> = {}) =>
      run(AWARD, { input: { workerCode: w, points: 20, reason: 'ISSUE_CONFIRMED', issueCode: issue.code, idempotencyKey: key, ...over } });
    expect(code(await award(`${w}-a1`))).toBe('BAD_USER_INPUT'); // not dispatched yet
    await run(`mutation { dispatchIssue(code: "${issue.id}", assignee: "环卫所") { code } }`);
    expect((await award(`${w}-a2`)).data!.awardPoints).toMatchObject({
      kind: 'EARN',
      reason: 'ISSUE_CONFIRMED',
      points: 20,
      balanceAfter: 20,
      issueCode: issue.code,
    });
    expect(code(await award(`${w}-a3`))).toBe('CONFLICT');
    const service = await run(AWARD, { input: { workerCode: w, points: 5, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-s1` } });
    expect(service.data!.awardPoints.balanceAfter).toBe(25);
    const zero = await run(AWARD, { input: { workerCode: w, points: 0, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-s2` } });
    expect(zero.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(await balance(w)).toBe(25);
  });

  test('a redemption never overdraws, happens at friendly merchants only, and a retry is applied once', async () => {
    const w = await register(302);
    const at = await merchant();
    await run(AWARD, { input: { workerCode: w, points: 50, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-earn` } });
    const redeem = (key: string, points: number, where = at) =>
      run(REDEEM, { input: { workerCode: w, merchantCode: where, points, idempotencyKey: `${w}-${key}` } });

    const first = await redeem('r1', 30);
    expect(first.data!.redeemPoints).toMatchObject({
      kind: 'REDEEM',
      points: 30,
      balanceAfter: 20,
      merchant: { id: at },
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

  test('the database itself refuses a negative balance, whatever code writes it', async () => {
    const w = await register(303);
    await expect(g.sg.sql('UPDATE gig_worker SET points_balance = -1 WHERE id = ?', [w])).rejects.toThrow(
      /gig_worker_points_balance_check/,
    );
    expect(await balance(w)).toBe(0);
  });

  test('concurrent redemptions on one account lose nothing and overdraw nothing', async () => {
    const w = await register(304);
    const at = await merchant();
    await run(AWARD, { input: { workerCode: w, points: 100, reason: 'SERVICE_GIVEN', idempotencyKey: `${w}-earn` } });
    const attempts = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        run(REDEEM, { input: { workerCode: w, merchantCode: at, points: 10, idempotencyKey: `${w}-p${i}` } }),
      ),
    );
    const ok = attempts.filter((r) => !r.errors);
    expect(ok).toHaveLength(10);
    expect(attempts.filter((r) => r.errors).every((r) => code(r) === 'BAD_USER_INPUT')).toBe(true);
    expect(ok.map((r) => r.data!.redeemPoints.balanceAfter).sort((a: number, b: number) => a - b)).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);

    // the same redemption retried ten times at once is booked once
    const v = await register(305);
    await run(AWARD, { input: { workerCode: v, points: 100, reason: 'SERVICE_GIVEN', idempotencyKey: `${v}-earn` } });
    const retries = await Promise.all(
      Array.from({ length: 10 }, () =>
        run(REDEEM, { input: { workerCode: v, merchantCode: at, points: 30, idempotencyKey: `${v}-once` } }),
      ),
    );
    expect(new Set(retries.map((r) => r.data!.redeemPoints.id)).size).toBe(1);

    const ledger = await g.sg.sql<{ worker_id: string; kind: string; n: string; total: string }>(
      `SELECT worker_id, kind, count(*) AS n, sum(points) AS total FROM gig_points_entry WHERE worker_id IN (?, ?) GROUP BY 1, 2 ORDER BY 1, 2`,
      [w, v],
    );
    expect(ledger.map((r) => [r.worker_id, r.kind, Number(r.n), Number(r.total)])).toEqual([
      [w, 'EARN', 1, 100],
      [w, 'REDEEM', 10, 100],
      [v, 'EARN', 1, 100],
      [v, 'REDEEM', 1, 30],
    ]);
    expect([await balance(w), await balance(v)]).toEqual([0, 70]);
  });
});
