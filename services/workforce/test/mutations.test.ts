import { idNumberCheckChar } from '@district/common';
import { subgraphRequest, testCallers, type GraphQLResult } from '../../common/src/testing';
import { startWithShangjie, type Subgraph } from './kit';

/** Daily work on top of the imported Shangjie ledgers, dated 2026 so the 2025 figures stay as reported. */
let sg: Subgraph;

beforeAll(async () => {
  ({ sg } = await startWithShangjie());
}, 120_000);

afterAll(() => sg?.close());

const dept = testCallers.department('workforce');
const withCheck = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const NEW_PERSON = withCheck('41010619900101123');
const COMMUNITY = '410106001002'; // its grid 05 has had no grid worker since 2025
const FREE_GRID = '41010600100205';
const OTHER_COMMUNITY = '410106002001';
const OTHER_FREE_GRID = '41010600200103';

const HIRE = `mutation($input: HireCommunityWorkerInput!) { hireCommunityWorker(input: $input) { id name role grid { code } community { code } hiredOn } }`;
const hireInput = (over: Record<string, unknown> = {}) => ({
  id: 'T0001',
  name: '测试员',
  idNumber: NEW_PERSON,
  phone: '13800138000',
  communityCode: COMMUNITY,
  role: 'GRID_WORKER',
  tier: 'NEWCOMER',
  gridCode: FREE_GRID,
  hiredOn: '2026-03-01',
  ...over,
});

const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller = dept) =>
  subgraphRequest<T>(sg.url, query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;

const codeOf = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;

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
  test('a hire is refused with a clear error when an input is wrong', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ idNumber: `${NEW_PERSON.slice(0, 17)}${NEW_PERSON[17] === '0' ? '1' : '0'}` }, 'BAD_USER_INPUT', 'idNumber'],
      [{ phone: '1234' }, 'BAD_USER_INPUT', 'phone'],
      [{ gridCode: null }, 'BAD_USER_INPUT', 'gridCode'],
      [{ gridCode: OTHER_FREE_GRID }, 'BAD_USER_INPUT', 'gridCode'],
      [{ communityCode: '410106001099' }, 'BAD_USER_INPUT', 'communityCode'],
      [{ role: 'COMMUNITY_WORKER' }, 'BAD_USER_INPUT', 'gridCode'],
    ];
    for (const [over, code, field] of cases) {
      const res = await run(HIRE, { input: hireInput(over) });
      expect({ over, code: codeOf(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ over, code, field });
      expect(res.errors![0].message).toMatch(/[\u4e00-\u9fa5].* \/ [a-z]/i); // Chinese, then English
    }
  });

  test('another department may not hire, and the refusal is audited', async () => {
    const res = await run(HIRE, { input: hireInput() }, testCallers.department('party-building'));
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect((await trail('hireCommunityWorker'))[0]).toMatchObject({ subject: 'party-building@test', outcome: 'FORBIDDEN' });
  });

  test('a hire fills a grid from its first day, and is audited with the ID number masked', async () => {
    expect(await figure(COMMUNITY, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-02-28')).toBe(1);
    const res = await run(HIRE, { input: hireInput() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.hireCommunityWorker).toEqual({
      id: 'T0001',
      name: '测试员',
      role: 'GRID_WORKER',
      grid: { code: FREE_GRID },
      community: { code: COMMUNITY },
      hiredOn: '2026-03-01',
    });
    expect(await figure(COMMUNITY, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-03-01')).toBe(0);
    const [entry] = await trail('hireCommunityWorker');
    expect(entry).toMatchObject({ subject: 'workforce@test', target: 'CommunityWorker:T0001', outcome: 'OK' });
    expect(entry.args).not.toContain(NEW_PERSON);
    expect(entry.args).toContain(NEW_PERSON.slice(-4));
  });

  test('one grid worker per grid, one post per person', async () => {
    const second = withCheck('41010619900101124');
    const taken = await run(HIRE, { input: hireInput({ id: 'T0002', idNumber: second }) });
    expect(codeOf(taken)).toBe('CONFLICT');
    const again = await run(HIRE, { input: hireInput({ id: 'T0003', role: 'COMMUNITY_WORKER', gridCode: null }) });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(codeOf(await run(HIRE, { input: hireInput({ idNumber: second }) }))).toBe('CONFLICT'); // staff number in use
  });

  test('a move counts in the new place from its day and leaves the old days as they were', async () => {
    const MOVE = `mutation($input: MoveCommunityWorkerInput!) { moveCommunityWorker(input: $input) {
      community { code } grid { code } posts { community { code } fromOn toOn } } }`;
    const early = await run(MOVE, { input: { id: 'T0001', on: '2026-03-01', communityCode: OTHER_COMMUNITY, gridCode: OTHER_FREE_GRID } });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    const street = await run(
      MOVE,
      { input: { id: 'T0001', on: '2026-06-01', communityCode: OTHER_COMMUNITY, gridCode: OTHER_FREE_GRID } },
      testCallers.street('410106001000'),
    );
    expect(codeOf(street)).toBe('FORBIDDEN'); // the target lies outside the street office's scope

    const before = await figure(OTHER_COMMUNITY, 'workers(year: 2026, asOf: $a)', '2026-05-31');
    const res = await run(MOVE, { input: { id: 'T0001', on: '2026-06-01', communityCode: OTHER_COMMUNITY, gridCode: OTHER_FREE_GRID } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.moveCommunityWorker).toEqual({
      community: { code: OTHER_COMMUNITY },
      grid: { code: OTHER_FREE_GRID },
      posts: [
        { community: { code: COMMUNITY }, fromOn: '2026-03-01', toOn: '2026-06-01' },
        { community: { code: OTHER_COMMUNITY }, fromOn: '2026-06-01', toOn: null },
      ],
    });
    expect(await figure(OTHER_COMMUNITY, 'workers(year: 2026, asOf: $a)', '2026-06-01')).toBe(before + 1);
    expect(await figure(COMMUNITY, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-05-31')).toBe(0);
    expect(await figure(COMMUNITY, 'gridsWithoutWorker(year: 2026, asOf: $a)', '2026-06-01')).toBe(1);
  });

  test('a release ends the post; a second release is refused', async () => {
    const RELEASE = `mutation { releaseCommunityWorker(id: "T0001", leftOn: "2026-09-01") { leftOn before: active(asOf: "2026-08-31") after: active(asOf: "2026-09-01") } }`;
    const res = await run(RELEASE);
    expect(res.data!.releaseCommunityWorker).toEqual({ leftOn: '2026-09-01', before: true, after: false });
    expect(codeOf(await run(RELEASE))).toBe('CONFLICT');
  });
});

describe('certificates and personal data', () => {
  const RECORD = `mutation($input: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $input) { id level region { code } worker { id } } }`;
  const input = (over: Record<string, unknown> = {}) => ({
    id: 'ZS2026000001',
    holderName: '测试员',
    holderIdNumber: NEW_PERSON,
    workUnit: '中安街社区居民委员会',
    regionCode: COMMUNITY,
    level: 'ASSISTANT',
    obtainedOn: '2026-05-20',
    ...over,
  });

  test('a certificate of a worker links to the worker through the person and counts as a new holder', async () => {
    expect(codeOf(await run(RECORD, { input: input({ obtainedOn: '2999-01-01' }) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await run(RECORD, { input: input({ level: 'EXPERT' }) }))).toBe('BAD_USER_INPUT'); // not an enum value
    const before = await figure(COMMUNITY, 'certifiedHolders(year: 2026, asOf: $a)', '2026-05-20');
    const res = await run(RECORD, { input: input() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordSocialWorkCertificate).toEqual({
      id: 'ZS2026000001',
      level: 'ASSISTANT',
      region: { code: COMMUNITY },
      worker: { id: 'T0001' },
    });
    expect(await figure(COMMUNITY, 'certifiedHolders(year: 2026, asOf: $a)', '2026-05-20')).toBe(before + 1);
    expect(codeOf(await run(RECORD, { input: input() }))).toBe('CONFLICT');
  });

  const WORKER = `{ communityWorker(id: "T0001") { name idNumber phone certificates { holderIdNumber } } }`;

  test('an analyst sees personal data masked', async () => {
    const res = await run(WORKER, {}, testCallers.analyst);
    expect(res.data!.communityWorker).toEqual({
      name: '测**',
      idNumber: `410106********${NEW_PERSON.slice(-4)}`,
      phone: '138****8000',
      certificates: [{ holderIdNumber: `410106********${NEW_PERSON.slice(-4)}` }],
    });
  });

  test('the workforce department sees it unmasked, and the read is audited', async () => {
    const res = await run(WORKER, {}, dept);
    expect(res.data!.communityWorker).toEqual({
      name: '测试员',
      idNumber: NEW_PERSON,
      phone: '13800138000',
      certificates: [{ holderIdNumber: NEW_PERSON }],
    });
    const reads = await run(
      `{ workforceAuditTrail(operation: "CommunityWorker.idNumber") { subject kind target } }`,
      {},
      testCallers.admin,
    );
    expect(reads.data!.workforceAuditTrail[0]).toEqual({
      subject: 'workforce@test',
      kind: 'PERSONAL_READ',
      target: 'CommunityWorker:T0001',
    });
  });

  test("a community office sees its own workers unmasked and no one else's workers at all", async () => {
    const own = await run(WORKER, {}, testCallers.community(OTHER_COMMUNITY));
    expect(own.data!.communityWorker.idNumber).toBe(NEW_PERSON);
    const other = await run(WORKER, {}, testCallers.community(COMMUNITY));
    expect(other.data!.communityWorker).toBeNull();
  });
});

describe('training attendance', () => {
  test('a session is scheduled, attendance recorded, and a new record replaces the old one', async () => {
    const schedule =
      await run(`mutation { scheduleWorkforceTraining(input: { id: "PX2026001", name: "系统培训(2026第1期)", type: SYSTEM_TRAINING,
      startOn: "2026-04-01", endOn: "2026-04-02", audience: ALL_WORKERS }) { id } }`);
    expect(schedule.errors).toBeUndefined();
    const bad = await run(`mutation { scheduleWorkforceTraining(input: { id: "PX2026002", name: "x", type: SYSTEM_TRAINING,
      startOn: "2026-04-02", endOn: "2026-04-01", audience: ALL_WORKERS }) { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endOn' });

    const RECORD = `mutation($s: WorkforceAttendanceStatus!) { recordTrainingAttendance(input: { trainingId: "PX2026001", workerId: "T0001", status: $s }) {
      status community { code } training { personTimes } } }`;
    const present = await run(RECORD, { s: 'PRESENT' });
    expect(present.data!.recordTrainingAttendance).toEqual({
      status: 'PRESENT',
      community: { code: COMMUNITY },
      training: { personTimes: 1 },
    });
    expect(await figure(COMMUNITY, 'trainingPersonTimes(year: 2026, asOf: $a)', '2026-12-31')).toBe(1);
    await run(RECORD, { s: 'ABSENT' });
    expect(await figure(COMMUNITY, 'trainingPersonTimes(year: 2026, asOf: $a)', '2026-12-31')).toBe(0);
    const foreign = await run(
      `mutation { recordTrainingAttendance(input: { trainingId: "PX2025001", workerId: "SQ00001", status: PRESENT }) { status } }`,
      {},
      testCallers.department('volunteer-stations'),
    );
    expect(codeOf(foreign)).toBe('FORBIDDEN');
  });
});

describe('deliberation topics', () => {
  test('a topic goes raised → in hand → closed, in that order only, and counts as resolved', async () => {
    const raise = await run(
      `mutation { raiseDeliberationTopic(input: { communityCode: "${COMMUNITY}", title: "停车难问题协商", method: "五步议事法", raisedOn: "2026-04-10" }) { id status } }`,
      {},
      testCallers.community(COMMUNITY),
    );
    expect(raise.data!.raiseDeliberationTopic).toEqual({ id: 'YS20260001', status: 'RAISED' });
    expect(codeOf(await run(`mutation { closeDeliberationTopic(id: "YS20260001", closedOn: "2026-04-20") { status } }`))).toBe('CONFLICT');
    expect(codeOf(await run(`mutation { handleDeliberationTopic(id: "YS20260001", handledOn: "2026-04-01") { status } }`))).toBe(
      'BAD_USER_INPUT',
    );
    await run(`mutation { handleDeliberationTopic(id: "YS20260001", handledOn: "2026-04-12") { status } }`);
    const closed = await run(
      `mutation { closeDeliberationTopic(id: "YS20260001", closedOn: "2026-04-20") { status raisedOn handledOn closedOn } }`,
    );
    expect(closed.data!.closeDeliberationTopic).toEqual({
      status: 'CLOSED',
      raisedOn: '2026-04-10',
      handledOn: '2026-04-12',
      closedOn: '2026-04-20',
    });
    expect(await figure(COMMUNITY, 'deliberationsResolved(year: 2026, asOf: $a, method: "五步议事法")', '2026-12-31')).toBe(1);
    expect(await figure(COMMUNITY, 'deliberationsResolved(year: 2026, asOf: $a, method: "五步议事法")', '2026-04-19')).toBe(0);
    const list = await run(
      `{ deliberationTopics(filter: { regionCode: "${COMMUNITY}", status: CLOSED, raisedFrom: "2026-01-01" }) { totalCount nodes { id } } }`,
    );
    expect(list.data!.deliberationTopics).toEqual({ totalCount: 1, nodes: [{ id: 'YS20260001' }] });
    const trail = await run(`{ workforceAuditTrail(first: 3) { operation outcome target } }`, {}, testCallers.admin);
    expect(trail.data!.workforceAuditTrail[0]).toEqual({
      operation: 'closeDeliberationTopic',
      outcome: 'OK',
      target: 'DeliberationTopic:YS20260001',
    });
  });
});
