import { testIdNumber } from '../kit/datasets';
import { startTestStack, type TestStack } from '../kit/stack';
import { department, errorOf, figure, ok } from './helpers';

/**
 * Events are dated by the clerk, not stamped with the day they are typed in: a 2025 event entered in
 * 2026 counts for 2025. Every step of every loop takes its day (default today), refused in the future
 * or before the step it follows.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '10000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const volunteer = department('volunteer-stations');
const gig = department('gig-care');
const workforce = department('workforce');
const social = department('social-organizations');
const party = department('party-building');

test("a station's 六有 completed in November 2025 and entered now counts for 2025, from that day", async () => {
  const stations = await ok(
    stack,
    `{ volunteerStations(filter: { standardized: false }, first: 1) { nodes { id communityCode missingStandardItems builtOn } } }`,
    {},
    volunteer,
  );
  const station = stations.volunteerStations.nodes[0];
  const at = (day: string) =>
    figure(stack, station.communityCode, `volunteer { f: standardizedStations(year: 2025, asOf: "${day}") { value } }`);
  const [before, dayBefore] = [await at('2025-12-31'), await at('2025-11-19')];
  const all = Object.fromEntries(station.missingStandardItems.map((i: string) => [i.toLowerCase(), true]));
  const UPDATE = `mutation($c: ID!, $s: VolunteerStationStandardInput!, $on: Date) { updateVolunteerStationStandard(code: $c, standard: $s, on: $on) { standardized standardizedOn } }`;
  expect(errorOf(await stack.query(UPDATE, { c: station.id, s: all, on: '2099-01-01' }, volunteer))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'on',
  });
  const done = await ok(stack, UPDATE, { c: station.id, s: all, on: '2025-11-20' }, volunteer);
  expect(done.updateVolunteerStationStandard).toEqual({ standardized: true, standardizedOn: '2025-11-20' });
  expect(await at('2025-12-31')).toBe(before + 1);
  expect(await at('2025-11-19')).toBe(dayBefore);
});

test('an issue of late December 2025 handled and entered now counts as resolved in 2025 and was never overdue; its steps keep their order', async () => {
  const reporter = await ok(
    stack,
    `mutation($n: String!) { registerGigWorker(input: { name: "网格骑手", idNumber: $n, jobType: DELIVERY_RIDER, platform: "美团",
      partyMember: false, mobileGridMember: true, communityCode: "410106002002", registeredOn: "2025-06-01" }) { id } }`,
    { n: testIdNumber(811, '19950505') },
    gig,
  );
  const community = '410106002002';
  const resolved = () => figure(stack, community, 'gigCare { f: issuesResolved(year: 2025) { value } }');
  const overdue = () => figure(stack, community, 'gigCare { f: issuesOverdue(year: 2025) { value } }');
  const [resolvedBefore, overdueBefore] = [await resolved(), await overdue()];
  const issue = await ok(
    stack,
    `mutation($r: ID!) { reportGigIssue(input: { reporterCode: $r, gridCode: "41010600200201", category: "井盖缺失", reportedAt: "2025-12-29T09:00:00+08:00" }) { code } }`,
    { r: reporter.registerGigWorker.id },
    gig,
  );
  const code = issue.reportGigIssue.code;
  const step = (m: string, at: string) => stack.query(m, { c: code, at }, gig);
  const DISPATCH = `mutation($c: ID!, $at: String) { dispatchGigIssue(code: $c, assignee: "市政所", at: $at) { status } }`;
  const RESOLVE = `mutation($c: ID!, $at: String) { resolveGigIssue(code: $c, resolution: "已更换井盖", at: $at) { status } }`;
  const FEEDBACK = `mutation($c: ID!, $at: String) { feedbackGigIssue(code: $c, feedback: "已回复", satisfied: true, at: $at) { status fedBackAt } }`;
  expect(errorOf(await step(DISPATCH, '2025-12-29T08:00:00+08:00'))).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
  expect(errorOf(await step(DISPATCH, '2099-12-29T08:00:00+08:00'))).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
  expect((await step(DISPATCH, '2025-12-29T11:00:00+08:00')).errors).toBeUndefined();
  expect(errorOf(await step(FEEDBACK, '2025-12-30T08:00:00+08:00')).code).toBe('CONFLICT'); // not resolved yet: out of order
  expect((await step(RESOLVE, '2025-12-30T17:00:00+08:00')).errors).toBeUndefined();
  const fed = await step(FEEDBACK, '2025-12-31T10:00:00+08:00');
  expect(fed.data!.feedbackGigIssue).toEqual({ status: 'FED_BACK', fedBackAt: '2025-12-31T10:00:00+08:00' });
  expect(await resolved()).toBe(resolvedBefore + 1);
  expect(await overdue()).toBe(overdueBefore);
});

test('every other step of every loop takes its day (default today), refused before the step it follows', async () => {
  // a deliberation topic: taken up before it was raised is refused; by default today
  const topic = await ok(
    stack,
    `mutation { raiseDeliberationTopic(input: { communityCode: "410106001002", title: "加装电梯", method: "五步议事法", raisedOn: "2026-03-01" }) { id } }`,
    {},
    workforce,
  );
  const id = topic.raiseDeliberationTopic.id;
  expect(
    errorOf(
      await stack.query(`mutation($id: ID!) { handleDeliberationTopic(id: $id, handledOn: "2026-02-28") { status } }`, { id }, workforce),
    ),
  ).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'handledOn',
  });
  expect(
    (await ok(stack, `mutation($id: ID!) { handleDeliberationTopic(id: $id) { status handledOn } }`, { id }, workforce))
      .handleDeliberationTopic.status,
  ).toBe('HANDLING');
  // a mediation case closed before it was received
  const opened = await ok(
    stack,
    `mutation { openMediationCase(input: { organizationCode: "BA4101060010155", receivedOn: "2026-04-01", disputeType: FAMILY }) { caseNumber } }`,
    {},
    social,
  );
  const close = (day: string) =>
    stack.query(
      `mutation($n: ID!, $d: Date) { closeMediationCase(caseNumber: $n, result: RESOLVED, closedOn: $d) { closedOn } }`,
      { n: opened.openMediationCase.caseNumber, d: day },
      social,
    );
  expect(errorOf(await close('2026-03-31'))).toEqual({ code: 'BAD_USER_INPUT', field: 'closedOn' });
  expect((await close('2026-04-03')).errors).toBeUndefined();
  // a member unit leaving before it joined
  const unit = await ok(
    stack,
    `mutation { addPartyCommitteeMemberUnit(input: { name: "日期测试单位", joinedOn: "2026-02-01" }) { id } }`,
    {},
    party,
  );
  const leave = (day: string) =>
    stack.query(
      `mutation($id: ID!, $d: Date) { removePartyCommitteeMemberUnit(id: $id, leftOn: $d) { leftOn } }`,
      { id: unit.addPartyCommitteeMemberUnit.id, d: day },
      party,
    );
  expect(errorOf(await leave('2026-01-31'))).toEqual({ code: 'BAD_USER_INPUT', field: 'leftOn' });
  expect((await leave('2026-05-01')).errors).toBeUndefined();
  // a need claimed before it was raised
  const need = await ok(
    stack,
    `mutation { raiseVolunteerNeed(input: { gridCode: "41010600100101", content: "送餐", category: "助老", raisedOn: "2026-05-01" }) { id } }`,
    {},
    volunteer,
  );
  const claim = (day: string) =>
    stack.query(
      `mutation($c: ID!, $d: Date) { claimVolunteerNeed(code: $c, claimedBy: "志愿队", claimedOn: $d) { status } }`,
      { c: need.raiseVolunteerNeed.id, d: day },
      volunteer,
    );
  expect(errorOf(await claim('2026-04-30'))).toEqual({ code: 'BAD_USER_INPUT', field: 'claimedOn' });
  expect((await claim('2026-05-02')).errors).toBeUndefined();
});
