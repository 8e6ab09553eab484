import { join } from 'node:path';
import { Client } from 'pg';
import { importLedgers } from '../../infra/src';
import { PersonKey } from '../../services/common/src';
import { SHANGJIE, testCreditCode, testIdNumber } from '../kit/datasets';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';
import { TEST_PERSON_KEY } from '../kit/testing';
import { analyst, department, errorOf, figure, ok, street } from './helpers';

/**
 * A clerk's daily work without spreadsheets, through the gateway with each department's token:
 * records only a ledger could create are created; a record entered wrongly is corrected (the earlier
 * value kept in its history) or withdrawn (out of every figure and list, nothing deleted); a re-import
 * of the ledger reports both as changes made in the app instead of undoing them.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '10000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const workforce = department('workforce');
const gig = department('gig-care');
const volunteer = department('volunteer-stations');
const party = department('party-building');

test('records only a ledger could create are created by the department that keeps them, and counted', async () => {
  const registrants = () => figure(stack, '410106001000', 'workforce { examRegistrants(year: 2026) { value } }');
  const before = await registrants();
  const reg = await ok(
    stack,
    `mutation { registerSocialWorkExam(input: { examYear: 2026, registrantName: "报考员", registrantIdNumber: "${testIdNumber(801, '19960101')}",
      regionCode: "410106001002", level: ASSISTANT }) { id result } }`,
    {},
    workforce,
  );
  expect(reg.registerSocialWorkExam.result).toBe('PENDING');
  expect(await registrants()).toBe(before + 1);

  const stations = () => figure(stack, '410106003001', 'volunteer { stations(year: 2026) { value } }');
  const stationsBefore = await stations();
  await ok(
    stack,
    `mutation { createVolunteerStation(input: { code: "ZYZ801", name: "新建站", communityCode: "410106003001", builtOn: "2026-03-01" }) { id } }`,
    {},
    volunteer,
  );
  expect(await stations()).toBe(stationsBefore + 1);

  const orgs = async () =>
    (await ok(stack, `{ twoNewOrganizations(filter: { regionCode: "410106002000" }, first: 1) { totalCount } }`, {}, party))
      .twoNewOrganizations.totalCount as number;
  const orgsBefore = await orgs();
  await ok(
    stack,
    `mutation($c: ID!) { createTwoNewOrganization(input: { creditCode: $c, name: "新设物流公司", category: ENTERPRISE, isKey: true,
      regionCode: "410106002000", partyMembers: 2 }) { creditCode } }`,
    { c: testCreditCode(801, '1', '9') },
    party,
  );
  expect(await orgs()).toBe(orgsBefore + 1);

  const events = () => figure(stack, '410106000000', 'gigCare { careEvents(year: 2026) { value } }');
  const eventsBefore = await events();
  await ok(
    stack,
    `mutation { createGigCareEvent(input: { name: "城市骑士节(春季)", kind: KNIGHT_FESTIVAL, heldOn: "2026-03-20", served: 300 }) { id } }`,
    {},
    gig,
  );
  expect(await events()).toBe(eventsBefore + 1);
  // a street office creates what lies in its street, nothing elsewhere
  const elsewhere = await stack.query(
    `mutation { createVolunteerStation(input: { code: "ZYZ802", name: "越界站", communityCode: "410106002001" }) { id } }`,
    {},
    street('410106001000'),
  );
  expect(errorOf(elsewhere).code).toBe('FORBIDDEN');
});

test('a hire dated 2030 blocked the person for good; now it is corrected, and its history keeps the wrong day', async () => {
  // a row from before the API refused future days
  const db = new Client({ connectionString: stack.databaseUrls.workforce });
  await db.connect();
  const idNumber = testIdNumber(802, '19960101');
  try {
    await db.query(`INSERT INTO person (district_code, id_number, name, person_hash) VALUES ('410106', $1, '误录员', $2)`, [
      idNumber,
      new PersonKey(TEST_PERSON_KEY).hash(idNumber),
    ]);
    await db.query(
      `INSERT INTO worker (id, district_code, staff_number, person_id, community_code, role, hired_on)
      SELECT '410106:E0802', '410106', 'E0802', id, '410106001004', 'COMMUNITY_WORKER', '2030-03-01' FROM person WHERE id_number = $1`,
      [idNumber],
    );
    await db.query(
      `INSERT INTO worker_post (worker_id, community_code, role, from_on) VALUES ('410106:E0802', '410106001004', 'COMMUNITY_WORKER', '2030-03-01')`,
    );
  } finally {
    await db.end();
  }
  const HIRE = `mutation($n: String!) { hireCommunityWorker(input: { id: "E0803", name: "误录员", idNumber: $n, communityCode: "410106001004",
    role: COMMUNITY_WORKER, hiredOn: "2026-03-02" }) { id } }`;
  expect(errorOf(await stack.query(HIRE, { n: idNumber }, workforce))).toEqual({ code: 'CONFLICT', field: 'idNumber' });
  const fixed = await ok(
    stack,
    `mutation { correctCommunityWorker(id: "410106:E0802", input: { hiredOn: "2026-03-01" }, reason: "年份录错") {
      hiredOn active(asOf: "2026-06-01") history { field oldValue newValue reason by } } }`,
    {},
    workforce,
  );
  expect(fixed.correctCommunityWorker).toEqual({
    hiredOn: '2026-03-01',
    active: true,
    history: [{ field: 'hiredOn', oldValue: '2030-03-01', newValue: '2026-03-01', reason: '年份录错', by: 'e2e-workforce' }],
  });
  // the correction is audited like every mutation
  const trail = await ok(stack, `{ workforceAuditTrail(operation: "correctCommunityWorker", first: 5) { target outcome } }`, {}, ADMIN);
  expect(trail.workforceAuditTrail[0]).toEqual({ target: 'CommunityWorker:410106:E0802', outcome: 'OK' });
});

test('a withdrawn record leaves every figure and list, nothing deleted; the ledger re-imported reports it and keeps it withdrawn', async () => {
  const workers = () => figure(stack, '410106001001', 'gigCare { gigWorkers(year: 2026) { value } }');
  const listed = async () =>
    (await ok(stack, `{ gigWorkers(filter: { regionCode: "410106001001" }, first: 1) { totalCount } }`, {}, gig)).gigWorkers
      .totalCount as number;
  const [before, listedBefore] = [await workers(), await listed()];
  const victim = await ok(
    stack,
    `{ gigWorkers(filter: { regionCode: "410106001001", mobileGridMember: false }, first: 200) { nodes { id code } } }`,
    {},
    gig,
  );
  // one the ledger holds and nothing else names
  const issues = await ok(stack, `{ gigIssues(first: 200) { nodes { reporterCode } } }`, {}, gig);
  const named = new Set(issues.gigIssues.nodes.map((n: { reporterCode: string }) => n.reporterCode));
  const target = victim.gigWorkers.nodes.find((n: { code: string }) => !named.has(n.code));
  const other = await stack.query(
    `mutation($c: ID!) { withdrawGigWorker(code: $c, reason: "重复登记") { id } }`,
    { c: target.id },
    volunteer,
  );
  expect(errorOf(other).code).toBe('FORBIDDEN');
  const gone = await ok(
    stack,
    `mutation($c: ID!) { withdrawGigWorker(code: $c, reason: "重复登记") { type id withdrawnOn reason history { field reason } } }`,
    { c: target.id },
    gig,
  );
  expect(gone.withdrawGigWorker).toMatchObject({
    type: 'GigWorker',
    id: target.id,
    reason: '重复登记',
    history: [{ field: 'withdrawn', reason: '重复登记' }],
  });
  expect([await workers(), await listed()]).toEqual([before - 1, listedBefore - 1]);
  expect((await ok(stack, `query($c: ID!) { gigWorker(code: $c) { id } }`, { c: target.id }, gig)).gigWorker).toBeNull();

  const report = await importLedgers(stack, join(SHANGJIE, 'gig', 'workers.csv'), { district: '410106' });
  expect(report.ok).toBe(true);
  const conflicts = report.outcomes[0].summary!.conflicts;
  expect(conflicts).toEqual([
    expect.objectContaining({ key: `编号 ${target.code}`, fields: [expect.objectContaining({ column: 'withdrawn_on' })] }),
  ]);
  expect(await workers()).toBe(before - 1);
});

test('the updates a clerk could not make: a gig worker and a volunteer leave on their day, an organisation renamed with a new representative and field, a project completed', async () => {
  const social = department('social-organizations');
  // a gig worker leaves: counted until the day before
  const w = await ok(
    stack,
    `mutation($n: String!) { registerGigWorker(input: { name: "离开员", idNumber: $n, jobType: COURIER, platform: "顺丰", partyMember: false,
      mobileGridMember: false, communityCode: "410106001003", registeredOn: "2026-01-05" }) { id } }`,
    { n: testIdNumber(804, '19960101') },
    gig,
  );
  const LEAVE = `mutation($c: ID!, $d: Date) { recordGigWorkerLeaving(code: $c, leftOn: $d) { leftOn } }`;
  expect(errorOf(await stack.query(LEAVE, { c: w.registerGigWorker.id, d: '2026-01-04' }, gig))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'leftOn',
  });
  const gigAt = (d: string) => figure(stack, '410106001003', `gigCare { f: gigWorkers(year: 2026, asOf: "${d}") { value } }`);
  const [working, workingLater] = [await gigAt('2026-05-31'), await gigAt('2026-06-01')];
  expect((await ok(stack, LEAVE, { c: w.registerGigWorker.id, d: '2026-06-01' }, gig)).recordGigWorkerLeaving.leftOn).toBe('2026-06-01');
  expect([await gigAt('2026-05-31'), await gigAt('2026-06-01')]).toEqual([working, workingLater - 1]);

  // a volunteer leaves
  const v = await ok(
    stack,
    `mutation($n: String!) { registerVolunteer(input: { name: "离站员", idNumber: $n, stationCode: "ZYZ001", registeredOn: "2026-03-01" }) { number communityCode } }`,
    { n: testIdNumber(805, '19960101') },
    volunteer,
  );
  const volunteersAt = (d: string) =>
    figure(stack, v.registerVolunteer.communityCode, `volunteer { f: registeredVolunteers(year: 2026, asOf: "${d}") { value } }`);
  const [stayed, gone] = [await volunteersAt('2026-05-31'), await volunteersAt('2026-06-01')];
  await ok(
    stack,
    `mutation($n: ID!) { recordVolunteerLeaving(number: $n, leftOn: "2026-06-01") { leftOn } }`,
    { n: v.registerVolunteer.number },
    volunteer,
  );
  expect([await volunteersAt('2026-05-31'), await volunteersAt('2026-06-01')]).toEqual([stayed, gone - 1]);

  // an organisation's name, representative and field change; the earlier values are kept, a representative masked as a name
  const code = testCreditCode(806);
  await ok(
    stack,
    `mutation($c: ID!) { registerOrganization(input: { creditCode: $c, name: "旧名协会", type: SOCIAL_GROUP, field: CHARITY, foundedOn: "2026-02-01",
      streetCode: "410106003000", legalRepresentative: "张三" }) { code } }`,
    { c: code },
    social,
  );
  const RENAMED = `mutation($c: ID!) { correctSocialOrganization(code: $c, input: { name: "新名协会", legalRepresentative: "李四", field: ELDERLY_CARE },
    reason: "换届") { name field history { field oldValue newValue reason } } }`;
  const renamed = await ok(stack, RENAMED, { c: code }, social);
  expect(renamed.correctSocialOrganization).toEqual({
    name: '新名协会',
    field: 'ELDERLY_CARE',
    history: [
      { field: 'name', oldValue: '旧名协会', newValue: '新名协会', reason: '换届' },
      { field: 'field', oldValue: 'CHARITY', newValue: 'ELDERLY_CARE', reason: '换届' },
      { field: 'legalRepresentative', oldValue: '张三', newValue: '李四', reason: '换届' },
    ],
  });
  const seen = await ok(
    stack,
    `query($c: ID!) { socialOrganization(code: $c) { history { field oldValue newValue } } }`,
    { c: code },
    analyst,
  );
  expect(seen.socialOrganization.history[2]).toEqual({ field: 'legalRepresentative', oldValue: '张*', newValue: '李*' });

  // a project completed on its day, listed as completed
  const project = await ok(
    stack,
    `mutation($c: ID!) { registerServiceProject(input: { name: "助老服务", organizationCode: $c, communityCode: "410106003001", mode: GOVERNMENT_PURCHASE,
      funding: 8000, approvedOn: "2026-03-01" }) { code } }`,
    { c: code },
    social,
  );
  const COMPLETE = `mutation($p: ID!, $d: Date) { completeServiceProject(code: $p, completedOn: $d) { status completedOn } }`;
  expect(errorOf(await stack.query(COMPLETE, { p: project.registerServiceProject.code, d: '2026-02-28' }, social))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'completedOn',
  });
  expect((await ok(stack, COMPLETE, { p: project.registerServiceProject.code, d: '2026-10-15' }, social)).completeServiceProject).toEqual({
    status: 'COMPLETED',
    completedOn: '2026-10-15',
  });
  const completed = await ok(
    stack,
    `query($c: ID!) { socialServiceProjects(filter: { organizationCode: $c, status: COMPLETED }) { totalCount } }`,
    { c: code },
    social,
  );
  expect(completed.socialServiceProjects.totalCount).toBe(1);
});
