import { testCreditCode, testIdNumber } from '../kit/datasets';
import { startTestStack, type TestStack } from '../kit/stack';
import { analyst, department, errorOf, ok } from './helpers';

/**
 * What the mutations accepted though no office could have meant it: each is now a clear
 * BAD_USER_INPUT or CONFLICT naming the field to fix, as a clerk's app sees it through the gateway.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '10000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const workforce = department('workforce');
const party = department('party-building');
const social = department('social-organizations');
const volunteer = department('volunteer-stations');
const gig = department('gig-care');

const HIRE = `mutation($i: HireCommunityWorkerInput!) { hireCommunityWorker(input: $i) { id } }`;
const hire = (n: number, hiredOn: string) => ({
  id: `P${n}`,
  name: '合理员',
  idNumber: testIdNumber(n, '19970707'),
  communityCode: '410106001006',
  role: 'COMMUNITY_WORKER',
  hiredOn,
});

test('a future hire or leaving day', async () => {
  expect(errorOf(await stack.query(HIRE, { i: hire(821, '2099-01-01') }, workforce))).toEqual({ code: 'BAD_USER_INPUT', field: 'hiredOn' });
  const id = (await ok(stack, HIRE, { i: hire(822, '2026-03-02') }, workforce)).hireCommunityWorker.id;
  const leave = await stack.query(`mutation($id: ID!) { releaseCommunityWorker(id: $id, leftOn: "2099-01-01") { id } }`, { id }, workforce);
  expect(errorOf(leave)).toEqual({ code: 'BAD_USER_INPUT', field: 'leftOn' });
});

test('attendance at a session that began before the worker was hired', async () => {
  const id = (await ok(stack, HIRE, { i: hire(823, '2026-04-01') }, workforce)).hireCommunityWorker.id;
  await ok(
    stack,
    `mutation { scheduleWorkforceTraining(input: { id: "PX2026823", name: "系统培训", type: SYSTEM_TRAINING, startOn: "2026-03-15", audience: ALL_WORKERS }) { id } }`,
    {},
    workforce,
  );
  const res = await stack.query(
    `mutation($w: ID!) { recordTrainingAttendance(input: { trainingId: "PX2026823", workerId: $w, status: PRESENT }) { status } }`,
    { w: id },
    workforce,
  );
  expect(errorOf(res)).toEqual({ code: 'CONFLICT', field: 'workerId' });
});

test('a certificate whose holder name differs from the name on file, and a second certificate of one level for one person and day', async () => {
  await ok(stack, HIRE, { i: hire(824, '2026-03-02') }, workforce);
  const REC = `mutation($i: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $i) { id } }`;
  const cert = {
    id: 'ZS824',
    holderName: '合理员',
    holderIdNumber: testIdNumber(824, '19970707'),
    regionCode: '410106001006',
    level: 'ASSISTANT',
    obtainedOn: '2026-06-01',
  };
  expect(errorOf(await stack.query(REC, { i: { ...cert, holderName: '合里员' } }, workforce))).toEqual({
    code: 'CONFLICT',
    field: 'holderName',
  });
  await ok(stack, REC, { i: cert }, workforce);
  expect(errorOf(await stack.query(REC, { i: { ...cert, id: 'ZS825' } }, workforce))).toEqual({ code: 'CONFLICT', field: 'id' });
});

test("an instructor contact before the instructor's dispatch, or with an organization not assigned to them", async () => {
  await ok(
    stack,
    `mutation { dispatchPartyInstructor(input: { code: "ZDY826", name: "指导员丁", idNumber: "${testIdNumber(826, '19970707')}", source: PARTY_WORKER, dispatchedOn: "2026-03-01" }) { id } }`,
    {},
    party,
  );
  const org = (await ok(stack, `{ twoNewOrganizations(filter: { formation: NONE }, first: 1) { nodes { creditCode } } }`, {}, party))
    .twoNewOrganizations.nodes[0].creditCode;
  const CONTACT = `mutation($c: ID!, $d: Date!) { recordPartyInstructorContact(input: { instructorCode: "ZDY826", creditCode: $c, date: $d, kind: WEEKLY_CONTACT }) { id } }`;
  expect(errorOf(await stack.query(CONTACT, { c: org, d: '2026-03-10' }, party))).toEqual({ code: 'CONFLICT', field: 'creditCode' });
  await ok(
    stack,
    `mutation($c: ID!) { assignPartyInstructor(creditCode: $c, instructorCode: "ZDY826", assignedOn: "2026-03-01") { creditCode } }`,
    { c: org },
    party,
  );
  expect(errorOf(await stack.query(CONTACT, { c: org, d: '2026-02-27' }, party))).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
  await ok(stack, CONTACT, { c: org, d: '2026-03-10' }, party);
});

test("an evaluation grade for an organisation the schema's own evaluationEligibility marks ineligible", async () => {
  const code = testCreditCode(827);
  await ok(
    stack,
    `mutation($c: ID!) { registerSocialOrganization(input: { creditCode: $c, name: "合理性测试协会", type: SOCIAL_GROUP, field: CHARITY, foundedOn: "2025-05-01", streetCode: "410106002000" }) { code } }`,
    { c: code },
    social,
  );
  const eligible = await ok(
    stack,
    `query($c: ID!) { registeredOrganization(creditCode: $c) { evaluationEligibility(year: 2026) { eligible reasons { rule } } } }`,
    { c: code },
    social,
  );
  expect(eligible.registeredOrganization.evaluationEligibility).toEqual({
    eligible: false,
    reasons: [{ rule: 'REGISTERED_UNDER_TWO_YEARS' }],
  });
  const grade = await stack.query(
    `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_3A, year: 2026) { code } }`,
    { c: code },
    social,
  );
  expect(errorOf(grade)).toEqual({ code: 'CONFLICT', field: 'creditCode' });
});

test('a project approved before its organisation was founded', async () => {
  const code = testCreditCode(828);
  await ok(
    stack,
    `mutation($c: ID!) { registerSocialOrganization(input: { creditCode: $c, name: "项目测试协会", type: SOCIAL_GROUP, field: CHARITY, foundedOn: "2026-04-01", streetCode: "410106001000" }) { code } }`,
    { c: code },
    social,
  );
  const res = await stack.query(
    `mutation($c: ID!) { registerServiceProject(input: { name: "助老", organizationCode: $c, communityCode: "410106001003", mode: GOVERNMENT_PURCHASE, funding: 1000, approvedOn: "2026-03-31" }) { id } }`,
    { c: code },
    social,
  );
  expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'approvedOn' });
});

test('a volunteer serving before registering', async () => {
  const v = await ok(
    stack,
    `mutation { registerVolunteer(input: { name: "晚到员", idNumber: "${testIdNumber(829, '19970707')}", stationCode: "ZYZ001", registeredOn: "2026-05-01" }) { number } }`,
    {},
    volunteer,
  );
  const res = await stack.query(
    `mutation($v: ID!) { recordVolunteerActivity(input: { name: "义诊", stationCode: "ZYZ001", heldOn: "2026-04-30", category: "便民利民服务", targetGroup: ELDERLY,
      records: [{ volunteerNumber: $v, hours: 2 }] }) { id } }`,
    { v: v.registerVolunteer.number },
    volunteer,
  );
  expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'volunteerNumber' });
});

test('an issue reported before its reporter registered', async () => {
  const w = await ok(
    stack,
    `mutation { registerGigWorker(input: { name: "迟登员", idNumber: "${testIdNumber(830, '19970707')}", jobType: COURIER, platform: "顺丰",
      partyMember: false, mobileGridMember: true, communityCode: "410106001001", registeredOn: "2026-05-01" }) { id } }`,
    {},
    gig,
  );
  const res = await stack.query(
    `mutation($r: ID!) { reportGigIssue(input: { reporterCode: $r, gridCode: "41010600100101", category: "路灯损坏", reportedAt: "2026-04-30T10:00:00+08:00" }) { id } }`,
    { r: w.registerGigWorker.id },
    gig,
  );
  expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'reportedAt' });
});

test("a figure's asOf outside its year is refused in every subgraph, not answered 0", async () => {
  for (const selection of [
    'workforce { f: workers(year: 2025, asOf: "2026-01-01") { value } }',
    'partyBuilding { f: instructors(year: 2025, asOf: "2026-01-01") { value } }',
    'socialOrganizations { f: organizations(year: 2025, asOf: "2026-01-01") { value } }',
    'volunteer { f: stations(year: 2025, asOf: "2026-01-01") { value } }',
    'gigCare { f: stations(year: 2025, asOf: "2026-01-01") { value } }',
  ]) {
    const res = await stack.query(`{ region(code: "410106") { ${selection} } }`, {}, analyst);
    expect({ selection, ...errorOf(res) }).toEqual({ selection, code: 'BAD_USER_INPUT', field: 'asOf' });
  }
});
