import { testCallers, testIdNumber, type GraphQLResult, type Subgraph } from '@district/testkit';
import { startWithShangjie } from './kit';

/**
 * Daily work on top of the Shangjie ledgers, dated 2026 so the 2025 figures stay as reported. Each
 * test makes the records it needs (its own staff numbers, ID numbers and grids), so any one of them
 * runs alone (`npx jest -t NAME`).
 */
let sg: Subgraph;

beforeAll(async () => {
  sg = await startWithShangjie();
});

afterAll(() => sg?.close());

const dept = testCallers.department('workforce');
/** Communities with grids that had no grid worker at the end of 2025, one per test that needs a grid. */
const FREE = {
  a: { community: '410106001002', grid: '41010600100205' },
  b: { community: '410106002002', grid: '41010600200205' },
  c: { community: '410106002003', grid: '41010600200304' },
  /** a grid of another community than a's, for "a grid not in the community" */
  foreign: '41010600400202',
};

const HIRE = `mutation($input: HireCommunityWorkerInput!) { hireCommunityWorker(input: $input) {
  id staffNumber name role grid { code } community { code } hiredOn } }`;
const hireInput = (n: number, over: Record<string, unknown> = {}) => ({
  id: `T${String(n).padStart(4, '0')}`,
  name: '测试员',
  idNumber: testIdNumber(n),
  phone: '13800138000',
  communityCode: FREE.a.community,
  role: 'COMMUNITY_WORKER',
  tier: 'NEWCOMER',
  hiredOn: '2026-03-01',
  ...over,
});

const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller = dept) =>
  sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;

const codeOf = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;

/** A worker of its own for a test; returns the global id. */
async function hire(n: number, over: Record<string, unknown> = {}): Promise<string> {
  const res = await run(HIRE, { input: hireInput(n, over) });
  expect(res.errors).toBeUndefined();
  return res.data!.hireCommunityWorker.id;
}

async function figure(code: string, field: string, asOf: string): Promise<number> {
  const res = await run(
    `query($c: ID!, $a: Date) { region(code: $c) { workforce { f: ${field} { value } } } }`,
    { c: code, a: asOf },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.region.workforce.f.value;
}

async function trail(operation: string) {
  const res = await run(
    `query($o: String) { workforceAuditTrail(operation: $o, first: 10) { subject operation target args outcome } }`,
    { o: operation },
    testCallers.admin,
  );
  return res.data!.workforceAuditTrail as { subject: string; target: string | null; args: string; outcome: string }[];
}

describe('hiring, moving and releasing a worker', () => {
  test('a hire is refused with a clear error naming the field when an input is wrong', async () => {
    const id = testIdNumber(101);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` }, 'BAD_USER_INPUT', 'idNumber'],
      [{ phone: '1234' }, 'BAD_USER_INPUT', 'phone'],
      [{ role: 'GRID_WORKER', gridCode: null }, 'BAD_USER_INPUT', 'gridCode'],
      [{ role: 'GRID_WORKER', gridCode: FREE.foreign }, 'BAD_USER_INPUT', 'gridCode'],
      [{ communityCode: '410106001099' }, 'BAD_USER_INPUT', 'communityCode'],
      [{ gridCode: FREE.a.grid }, 'BAD_USER_INPUT', 'gridCode'],
      [{ hiredOn: '2100-01-01' }, 'BAD_USER_INPUT', 'hiredOn'],
      [{ name: 'x'.repeat(51) }, 'BAD_USER_INPUT', 'name'],
      [{ name: '测试\u0000员' }, 'BAD_USER_INPUT', 'name'],
    ];
    for (const [over, code, field] of cases) {
      const res = await run(HIRE, { input: hireInput(101, over) });
      expect({ over, code: codeOf(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ over, code, field });
      expect(res.errors![0].message).toMatch(/[\u4e00-\u9fa5].* \/ [a-z]/i); // Chinese, then English
    }
  });

  test('another department may not hire, and the refusal is audited', async () => {
    const res = await run(HIRE, { input: hireInput(102) }, testCallers.department('party-building'));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect((await trail('hireCommunityWorker'))[0]).toMatchObject({ subject: 'party-building@test', outcome: 'FORBIDDEN' });
  });

  test('a hire fills a grid from its first day, and is audited with the ID number masked', async () => {
    expect(await figure(FREE.a.community, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-02-28')).toBe(1);
    const res = await run(HIRE, { input: hireInput(103, { role: 'GRID_WORKER', gridCode: FREE.a.grid }) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.hireCommunityWorker).toEqual({
      id: '410106:T0103',
      staffNumber: 'T0103',
      name: '测试员',
      role: 'GRID_WORKER',
      grid: { code: FREE.a.grid },
      community: { code: FREE.a.community },
      hiredOn: '2026-03-01',
    });
    expect(await figure(FREE.a.community, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-03-01')).toBe(0);
    const entry = (await trail('hireCommunityWorker')).find((e) => e.target === 'CommunityWorker:410106:T0103')!;
    expect(entry).toMatchObject({ subject: 'workforce@test', outcome: 'OK' });
    expect(entry.args).not.toContain(testIdNumber(103));
    expect(entry.args).toContain(testIdNumber(103).slice(-4));
  });

  test('one grid worker per grid, one post per person, one staff number per district', async () => {
    await hire(104, { role: 'GRID_WORKER', communityCode: FREE.c.community, gridCode: FREE.c.grid });
    const taken = await run(HIRE, {
      input: hireInput(105, { role: 'GRID_WORKER', communityCode: FREE.c.community, gridCode: FREE.c.grid }),
    });
    expect(codeOf(taken)).toBe('CONFLICT');
    const again = await run(HIRE, { input: hireInput(106, { idNumber: testIdNumber(104) }) });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(codeOf(await run(HIRE, { input: hireInput(107, { id: 'T0104' }) }))).toBe('CONFLICT'); // staff number in use
  });

  test('a move counts in the new place from its day and leaves the old days as they were', async () => {
    const id = await hire(108, { role: 'GRID_WORKER', communityCode: FREE.b.community, gridCode: FREE.b.grid });
    const MOVE = `mutation($input: MoveCommunityWorkerInput!) { moveCommunityWorker(input: $input) {
      community { code } role posts { community { code } fromOn toOn } } }`;
    const to = { communityCode: '410106001003', role: 'COMMUNITY_WORKER' };
    expect(codeOf(await run(MOVE, { input: { id, on: '2026-03-01', ...to } }))).toBe('BAD_USER_INPUT'); // not after the post's first day
    expect(codeOf(await run(MOVE, { input: { id, on: '2026-06-01', ...to } }, testCallers.street('410106001000')))).toBe('NOT_FOUND'); // from another street: answered as a missing worker

    const before = await figure('410106001003', 'workers(year: 2026, asOf: $a)', '2026-05-31');
    const res = await run(MOVE, { input: { id, on: '2026-06-01', ...to } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.moveCommunityWorker).toEqual({
      community: { code: '410106001003' },
      role: 'COMMUNITY_WORKER',
      posts: [
        { community: { code: FREE.b.community }, fromOn: '2026-03-01', toOn: '2026-06-01' },
        { community: { code: '410106001003' }, fromOn: '2026-06-01', toOn: null },
      ],
    });
    expect(await figure('410106001003', 'workers(year: 2026, asOf: $a)', '2026-06-01')).toBe(before + 1);
    expect(await figure(FREE.b.community, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-05-31')).toBe(0);
    expect(await figure(FREE.b.community, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-06-01')).toBe(1);
    const list = await run(
      `{ communityWorkers(filter: { regionCode: "410106001003", activeOn: "2026-06-01", role: COMMUNITY_WORKER }, first: 200) { nodes { id } } }`,
    );
    expect(list.data!.communityWorkers.nodes).toContainEqual({ id });
  });

  test('a release ends the post; a second release is refused; a worker is named by staff number within the caller district', async () => {
    await hire(109);
    const RELEASE = `mutation { releaseCommunityWorker(id: "T0109", leftOn: "2026-09-01") { leftOn before: active(asOf: "2026-08-31") after: active(asOf: "2026-09-01") } }`;
    const community = testCallers.community(FREE.a.community);
    const res = await run(RELEASE, {}, community);
    expect(res.data!.releaseCommunityWorker).toEqual({ leftOn: '2026-09-01', before: true, after: false });
    expect(codeOf(await run(RELEASE, {}, community))).toBe('CONFLICT');
  });
});

describe('certificates and personal data', () => {
  const RECORD = `mutation($input: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $input) { id level region { code } worker { id } } }`;
  const input = (n: number, over: Record<string, unknown> = {}) => ({
    id: `ZS2026${String(n).padStart(6, '0')}`,
    holderName: '测试员',
    holderIdNumber: testIdNumber(n),
    workUnit: '中安街社区居民委员会',
    regionCode: FREE.a.community,
    level: 'ASSISTANT',
    obtainedOn: '2026-05-20',
    ...over,
  });

  test('a certificate of a worker links to the worker through the person and counts as a new holder', async () => {
    const worker = await hire(201);
    expect(codeOf(await run(RECORD, { input: input(201, { obtainedOn: '2999-01-01' }) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(RECORD, { input: input(201, { level: 'EXPERT' }) }))).toBe('BAD_USER_INPUT'); // not an enum value
    const before = await figure(FREE.a.community, 'certifiedHolders(year: 2026, asOf: $a)', '2026-05-20');
    const res = await run(RECORD, { input: input(201) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordSocialWorkCertificate).toEqual({
      id: 'ZS2026000201',
      level: 'ASSISTANT',
      region: { code: FREE.a.community },
      worker: { id: worker },
    });
    expect(await figure(FREE.a.community, 'certifiedHolders(year: 2026, asOf: $a)', '2026-05-20')).toBe(before + 1);
    expect(codeOf(await run(RECORD, { input: input(201) }))).toBe('CONFLICT');
  });

  test('personal data: masked for an analyst; unmasked for the department and audited; a community sees only its own workers', async () => {
    await hire(202, { communityCode: FREE.b.community });
    await run(RECORD, { input: input(202, { regionCode: FREE.b.community }) });
    const WORKER = `{ communityWorker(id: "410106:T0202") { name idNumber phone certificates { holderIdNumber } } }`;
    const masked = await run(WORKER, {}, testCallers.analyst);
    const tail = testIdNumber(202).slice(-4);
    expect(masked.data!.communityWorker).toEqual({
      name: '测**',
      idNumber: `410106********${tail}`,
      phone: '138****8000',
      certificates: [{ holderIdNumber: `410106********${tail}` }],
    });
    const plain = await run(WORKER, {}, dept);
    expect(plain.data!.communityWorker).toEqual({
      name: '测试员',
      idNumber: testIdNumber(202),
      phone: '13800138000',
      certificates: [{ holderIdNumber: testIdNumber(202) }],
    });
    const reads = await run(
      `{ workforceAuditTrail(operation: "CommunityWorker.idNumber") { subject kind target } }`,
      {},
      testCallers.admin,
    );
    expect(reads.data!.workforceAuditTrail).toContainEqual({
      subject: 'workforce@test',
      kind: 'PERSONAL_READ',
      target: 'CommunityWorker:410106:T0202',
    });
    expect((await run(WORKER, {}, testCallers.community(FREE.b.community))).data!.communityWorker.idNumber).toBe(testIdNumber(202));
    expect((await run(WORKER, {}, testCallers.community(FREE.a.community))).data!.communityWorker).toBeNull();
  });
});

describe('training attendance', () => {
  test('a session is scheduled, attendance recorded, and a new record replaces the old one', async () => {
    const worker = await hire(301, { communityCode: '410106001004' });
    const schedule =
      await run(`mutation { scheduleWorkforceTraining(input: { id: "PX2026301", name: "系统培训(2026第1期)", type: SYSTEM_TRAINING,
      startOn: "2026-04-01", endOn: "2026-04-02", audience: ALL_WORKERS }) { id number } }`);
    expect(schedule.data!.scheduleWorkforceTraining).toEqual({ id: '410106:PX2026301', number: 'PX2026301' });
    const bad = await run(`mutation { scheduleWorkforceTraining(input: { id: "PX2026302", name: "x", type: SYSTEM_TRAINING,
      startOn: "2026-04-02", endOn: "2026-04-01", audience: ALL_WORKERS }) { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endOn' });

    const RECORD = `mutation($s: WorkforceAttendanceStatus!, $w: ID!) { recordTrainingAttendance(input: { trainingId: "410106:PX2026301", workerId: $w, status: $s }) {
      status community { code } training { personTimes } } }`;
    const present = await run(RECORD, { s: 'PRESENT', w: worker });
    expect(present.data!.recordTrainingAttendance).toEqual({
      status: 'PRESENT',
      community: { code: '410106001004' },
      training: { personTimes: 1 },
    });
    expect(await figure('410106001004', 'trainingPersonTimes(year: 2026, asOf: $a)', '2026-12-31')).toBe(1);
    await run(RECORD, { s: 'ABSENT', w: worker });
    expect(await figure('410106001004', 'trainingPersonTimes(year: 2026, asOf: $a)', '2026-12-31')).toBe(0);
    const foreign = await run(RECORD, { s: 'PRESENT', w: worker }, testCallers.department('volunteer-stations'));
    expect(codeOf(foreign)).toBe('FORBIDDEN');
  });
});

describe('deliberation topics', () => {
  test('a topic goes raised → in hand → closed, in that order only, and counts as resolved', async () => {
    const community = '410106001005';
    const raise = await run(
      `mutation { raiseDeliberationTopic(input: { communityCode: "${community}", title: "停车难问题协商", method: "五步议事法", raisedOn: "2026-04-10" }) { id number status } }`,
      {},
      testCallers.community(community),
    );
    expect(raise.errors).toBeUndefined();
    const { id, number } = raise.data!.raiseDeliberationTopic;
    expect(number).toMatch(/^YS2026\d{4}$/);
    expect(id).toBe(`410106:${number}`);
    const step = (m: string, day: string) =>
      run(
        `mutation { ${m}(id: "${id}", ${m.startsWith('handle') ? 'handledOn' : 'closedOn'}: "${day}") { status raisedOn handledOn closedOn } }`,
      );
    expect(codeOf(await step('closeDeliberationTopic', '2026-04-20'))).toBe('CONFLICT'); // a step out of order
    expect(codeOf(await step('handleDeliberationTopic', '2026-04-01'))).toBe('BAD_USER_INPUT'); // before it was raised
    await step('handleDeliberationTopic', '2026-04-12');
    expect((await step('closeDeliberationTopic', '2026-04-20')).data!.closeDeliberationTopic).toEqual({
      status: 'CLOSED',
      raisedOn: '2026-04-10',
      handledOn: '2026-04-12',
      closedOn: '2026-04-20',
    });
    expect(await figure(community, 'deliberationsResolved(year: 2026, asOf: $a, method: "五步议事法")', '2026-12-31')).toBe(1);
    expect(await figure(community, 'deliberationsResolved(year: 2026, asOf: $a, method: "五步议事法")', '2026-04-19')).toBe(0);
    const list = await run(
      `{ deliberationTopics(filter: { regionCode: "${community}", status: CLOSED, raisedFrom: "2026-01-01" }) { totalCount nodes { id } } }`,
    );
    expect(list.data!.deliberationTopics).toEqual({ totalCount: 1, nodes: [{ id }] });
    expect((await trail('closeDeliberationTopic')).find((e) => e.outcome === 'OK')).toMatchObject({ target: `DeliberationTopic:${id}` });
  });

  test('topics raised at once get numbers of their own', async () => {
    const raise = (i: number) =>
      run(
        `mutation { raiseDeliberationTopic(input: { communityCode: "410106001006", title: "议题${i}", method: "民声汇", raisedOn: "2026-05-01" }) { number } }`,
      );
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => raise(i)));
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    expect(new Set(results.map((r) => r.data!.raiseDeliberationTopic.number)).size).toBe(8);
  });
});
