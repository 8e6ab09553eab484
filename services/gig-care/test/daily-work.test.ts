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
    // registered days before: an issue reported before its reporter registered is refused
    const reporter = await register(204, { registeredOn: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10) });
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

describe('dates the clerk gives, corrections and withdrawals', () => {
  const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { code overdue } }`;
  const G = async (code: string, field: string) => {
    const res = await run(
      `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c, compoundCount: 1 }]) { ... on Region { gigCare { f: ${field} { value } } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].gigCare.f.value as number;
  };

  test('a 2025 issue entered in 2026 counts for 2025 and is not overdue at 2025-12-31; a step before the last, or in the future, is refused', async () => {
    const reporter = await register(301, { idNumber: testIdNumber(301, '19930303'), registeredOn: '2025-01-02' });
    const reported = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '测试类别301', reportedAt: '2025-12-29T09:00:00+08:00' },
    });
    const issue = reported.data!.reportIssue.code;
    const resolvedBefore = await G(COMMUNITY, 'issuesResolved(year: 2025)');
    const overdueBefore = await G(COMMUNITY, 'issuesOverdue(year: 2025)');
    const DISPATCH = `mutation($c: ID!, $at: String) { dispatchIssue(code: $c, assignee: "市政所", at: $at) { status dispatchedAt } }`;
    expect((await run(DISPATCH, { c: issue, at: '2025-12-29T08:00:00+08:00' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'at',
    });
    expect((await run(DISPATCH, { c: issue, at: '2099-01-01T08:00:00+08:00' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'at',
    });
    expect((await run(DISPATCH, { c: issue, at: '2025-12-29T10:00:00+08:00' })).data!.dispatchIssue).toEqual({
      status: 'DISPATCHED',
      dispatchedAt: '2025-12-29T10:00:00+08:00',
    });
    const resolved = await run(
      `mutation($c: ID!) { resolveIssue(code: $c, resolution: "已修复", at: "2025-12-30T16:00:00+08:00") { resolvedAt } }`,
      { c: issue },
    );
    expect(resolved.data!.resolveIssue.resolvedAt).toBe('2025-12-30T16:00:00+08:00');
    const fed = await run(
      `mutation($c: ID!) { feedbackIssue(code: $c, feedback: "已告知", satisfied: true, at: "2025-12-30T15:00:00+08:00") { status } }`,
      { c: issue },
    );
    expect(fed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    expect(await G(COMMUNITY, 'issuesResolved(year: 2025)')).toBe(resolvedBefore + 1);
    expect(await G(COMMUNITY, 'issuesOverdue(year: 2025)')).toBe(overdueBefore);
  });

  test('an issue reported before its reporter registered, or when the reporter was no mobile grid member, is refused', async () => {
    const reporter = await register(302, { idNumber: testIdNumber(302, '19930303'), registeredOn: '2026-03-01', mobileGridMember: false });
    const early = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '测试', reportedAt: '2026-02-28T10:00:00+08:00' },
    });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const SET = `mutation($c: ID!, $m: Boolean!, $on: Date) { setMobileGridMember(code: $c, member: $m, on: $on) { mobileGridMember mobileGridMemberships { fromOn toOn } } }`;
    expect((await run(SET, { c: reporter, m: true, on: '2026-02-01' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'on',
    });
    expect((await run(SET, { c: reporter, m: true, on: '2026-05-01' })).data!.setMobileGridMember).toEqual({
      mobileGridMember: true,
      mobileGridMemberships: [{ fromOn: '2026-05-01', toOn: null }],
    });
    expect(code(await run(SET, { c: reporter, m: true, on: '2026-05-02' }))).toBe('CONFLICT');
    const before = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '测试', reportedAt: '2026-04-30T10:00:00+08:00' },
    });
    expect(before.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
    const after = await run(REPORT, {
      input: { reporterCode: reporter, gridCode: GRID, category: '测试', reportedAt: '2026-05-02T10:00:00+08:00' },
    });
    expect(after.errors).toBeUndefined();
  });

  test('mobile grid members on a day: the list and the figure agree before, during and after a period; leaving ends it', async () => {
    const w = await register(303, {
      idNumber: testIdNumber(303, '19930303'),
      registeredOn: '2026-01-10',
      mobileGridMember: false,
      communityCode: '410106002004',
    });
    await run(`mutation($c: ID!) { setMobileGridMember(code: $c, member: true, on: "2026-03-01") { id } }`, { c: w });
    await run(`mutation($c: ID!) { recordGigWorkerLeaving(code: $c, leftOn: "2026-06-01") { leftOn mobileGridMember } }`, { c: w });
    for (const [day, member] of [
      ['2026-02-01', false],
      ['2026-04-01', true],
      ['2026-07-01', null],
    ] as const) {
      for (const flag of [true, false]) {
        const counted = await G('410106002004', `gigWorkers(year: 2026, asOf: "${day}", mobileGridMember: ${flag})`);
        const listed = await run(
          `query { gigWorkers(filter: { regionCode: "410106002004", mobileGridMember: ${flag}, activeOn: "${day}" }) { totalCount nodes { id } } }`,
        );
        expect({ day, flag, listed: listed.data!.gigWorkers.totalCount }).toEqual({ day, flag, listed: counted });
        const mine = await run(
          `query { gigWorkers(filter: { regionCode: "410106002004", mobileGridMember: ${flag}, activeOn: "${day}", registeredFrom: "2026-01-10", registeredTo: "2026-01-10" }) { nodes { id } } }`,
        );
        const here = mine.data!.gigWorkers.nodes.some((n: { id: string }) => n.id === w);
        expect({ day, flag, here }).toEqual({ day, flag, here: member === flag });
      }
    }
  });

  test('records only a ledger made before: a rider-code compound, a care event and a partner; each corrected and withdrawn', async () => {
    const riders = () => G(STREET, 'riderCodeCompounds(year: 2026)');
    const before = await riders();
    const [compound] = await g.tree.sql<{ id: string }>(
      `SELECT id FROM compound WHERE community_code LIKE '410106001%' ORDER BY id DESC LIMIT 1`,
    );
    const opened = await run(
      `mutation($c: ID!) { openRiderCode(input: { compoundId: $c, openedOn: "2026-04-01" }) { id communityCode } }`,
      { c: compound.id },
    );
    expect(opened.errors).toBeUndefined();
    expect(await riders()).toBe(before + 1);
    const without = async () =>
      (
        await run(`query($r: ID!) { gigCompoundsWithoutRiderCode(regionCode: $r, first: 1000) { nodes { id } } }`, {
          r: opened.data!.openRiderCode.communityCode,
        })
      ).data!.gigCompoundsWithoutRiderCode.nodes.map((n: { id: string }) => n.id);
    expect(await without()).not.toContain(compound.id);
    expect(code(await run(`mutation($c: ID!) { openRiderCode(input: { compoundId: $c }) { id } }`, { c: compound.id }))).toBe('CONFLICT');
    const fixed = await run(
      `mutation($c: ID!) { correctRiderCodeCompound(id: $c, input: { openedOn: "2026-04-02" }) { openedOn history { field oldValue } } }`,
      { c: compound.id },
    );
    expect(fixed.data!.correctRiderCodeCompound).toEqual({
      openedOn: '2026-04-02',
      history: [{ field: 'openedOn', oldValue: '2026-04-01' }],
    });
    expect(
      (await run(`mutation($c: ID!) { withdrawRiderCodeCompound(id: $c, reason: "误录") { id } }`, { c: compound.id })).errors,
    ).toBeUndefined();
    expect(await riders()).toBe(before);
    // an opening withdrawn as entered by mistake opened nothing: the compound is without the rider code again
    expect(await without()).toContain(compound.id);

    const events = () => G('410106000000', 'careEvents(year: 2026)');
    const eventsBefore = await events();
    const ev = await run(
      `mutation { createGigCareEvent(input: { name: "城市骑士节(冬季)", kind: KNIGHT_FESTIVAL, heldOn: "2026-01-20", served: 500 }) { id code } }`,
    );
    expect(ev.data!.createGigCareEvent.code).toMatch(/^GA2026\d{2}$/);
    expect(await events()).toBe(eventsBefore + 1);
    const evId = ev.data!.createGigCareEvent.id;
    expect(
      (await run(`mutation($i: ID!) { correctGigCareEvent(id: $i, input: { served: 520 }) { served } }`, { i: evId })).data!
        .correctGigCareEvent.served,
    ).toBe(520);
    expect((await run(`mutation($i: ID!) { withdrawGigCareEvent(id: $i, reason: "重复") { id } }`, { i: evId })).errors).toBeUndefined();
    expect(await events()).toBe(eventsBefore);

    const partners = () => G('410106000000', 'carePartners(year: 2026)');
    const p = await run(`mutation { createGigCarePartner(input: { name: "爱心企业", type: ENTERPRISE, year: 2026 }) { id year } }`);
    expect(p.errors).toBeUndefined();
    expect(await partners()).toBeGreaterThanOrEqual(1);
    const pid = p.data!.createGigCarePartner.id;
    expect(
      (await run(`mutation($i: ID!) { correctGigCarePartner(id: $i, input: { type: WELFARE_ORG }) { type } }`, { i: pid })).data!
        .correctGigCarePartner.type,
    ).toBe('WELFARE_ORG');
    const pb = await partners();
    expect((await run(`mutation($i: ID!) { withdrawGigCarePartner(id: $i, reason: "误录") { id } }`, { i: pid })).errors).toBeUndefined();
    expect(await partners()).toBe(pb - 1);
  });

  test('a gig worker is corrected; with issues reported they are withdrawn only after them; the issue and a station too', async () => {
    const w = await register(304, { idNumber: testIdNumber(304, '19930303'), registeredOn: '2026-02-01' });
    const CORRECT = `mutation($c: ID!, $i: CorrectGigWorkerInput!) { correctGigWorker(code: $c, input: $i) { platform history { field oldValue newValue } } }`;
    expect((await run(CORRECT, { c: w, i: { platform: '饿了么' } })).data!.correctGigWorker).toEqual({
      platform: '饿了么',
      history: [{ field: 'platform', oldValue: '美团', newValue: '饿了么' }],
    });
    const issue = (
      await run(REPORT, { input: { reporterCode: w, gridCode: GRID, category: '测试304', reportedAt: '2026-03-01T09:00:00+08:00' } })
    ).data!.reportIssue.code;
    expect((await run(CORRECT, { c: w, i: { registeredOn: '2026-03-02' } })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'registeredOn',
    });
    expect(code(await run(`mutation($c: ID!) { withdrawGigWorker(code: $c, reason: "误录") { id } }`, { c: w }))).toBe('CONFLICT');
    const fixIssue = await run(`mutation($c: ID!) { correctGigIssue(code: $c, input: { category: "测试304b" }) { category } }`, {
      c: issue,
    });
    expect(fixIssue.data!.correctGigIssue.category).toBe('测试304b');
    expect((await run(`mutation($c: ID!) { withdrawGigIssue(code: $c, reason: "重复上报") { id } }`, { c: issue })).errors).toBeUndefined();
    expect((await run(`mutation($c: ID!) { withdrawGigWorker(code: $c, reason: "误录") { id } }`, { c: w })).errors).toBeUndefined();
    expect((await run(`query($c: ID!) { gigWorker(code: $c) { id } }`, { c: w })).data!.gigWorker).toBeNull();
    // the person may be registered again
    await register(304, { idNumber: testIdNumber(304, '19930303'), registeredOn: '2026-02-01' });

    // a station opened with a wrong day and name is corrected, the earlier values kept; withdrawn, it leaves the count
    const opened = await run(
      `mutation { openStation(input: { name: "新就业驿站", kind: NEW_CITIZEN_STATION, communityCode: "${COMMUNITY}", services: ["饮水"], builtOn: "2026-04-01" }) { id } }`,
    );
    const s = opened.data!.openStation.id;
    const FIX_STATION = `mutation($c: ID!, $i: CorrectGigStationInput!) { correctGigStation(code: $c, input: $i, reason: "按验收单") {
      name builtOn history { field oldValue newValue reason } } }`;
    expect((await run(FIX_STATION, { c: s, i: { builtOn: '2099-04-01' } })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'builtOn',
    });
    expect((await run(FIX_STATION, { c: s, i: { name: '新就业群体驿站', builtOn: '2026-03-28' } })).data!.correctGigStation).toEqual({
      name: '新就业群体驿站',
      builtOn: '2026-03-28',
      history: [
        { field: 'name', oldValue: '新就业驿站', newValue: '新就业群体驿站', reason: '按验收单' },
        { field: 'builtOn', oldValue: '2026-04-01', newValue: '2026-03-28', reason: '按验收单' },
      ],
    });
    const stations = () => G(COMMUNITY, 'stations(year: 2026, kind: NEW_CITIZEN_STATION)');
    const before = await stations();
    expect(
      (await run(`mutation($c: ID!) { withdrawGigStation(code: $c, reason: "重复登记") { type } }`, { c: s })).data!.withdrawGigStation,
    ).toEqual({ type: 'GigStation' });
    expect(await stations()).toBe(before - 1);
    expect(code(await run(FIX_STATION, { c: s, i: { name: 'x' } }))).toBe('CONFLICT');
  });
});
