import { testCreditCode, testIdNumber } from '../kit/datasets';
import { startTestStack, type TestStack } from '../kit/stack';
import { department, figure, ok } from './helpers';

/**
 * What held on a day stays answerable after it changes: grades, posts, 六有 standards and memberships
 * are kept with the days they were valid from and to, and a list filtered "on day D" holds exactly
 * what the figure at D counts. Each pair is asked before, during and after a change.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '10000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const DAYS = ['2026-02-15', '2026-04-15', '2026-07-15'];

/** The list's total under a node on a day must equal the figure there and then. */
async function agree(label: string, listed: (day: string) => Promise<number>, counted: (day: string) => Promise<number>) {
  for (const day of DAYS) expect({ label, day, listed: await listed(day) }).toEqual({ label, day, listed: await counted(day) });
}

const total = async (query: string, caller: Parameters<typeof ok>[3]) => {
  const data = await ok(stack, query, {}, caller);
  return (Object.values(data)[0] as { totalCount: number }).totalCount;
};

test("a worker's posts: moved from one community to another, the list on a day and the head count agree in both", async () => {
  const workforce = department('workforce');
  const hired = await ok(
    stack,
    `mutation { hireCommunityWorker(input: { id: "H0841", name: "调岗员", idNumber: "${testIdNumber(841, '19980808')}", communityCode: "410106001002",
      role: COMMUNITY_WORKER, hiredOn: "2026-03-01" }) { id } }`,
    {},
    workforce,
  );
  await ok(
    stack,
    `mutation($id: ID!) { moveCommunityWorker(input: { id: $id, on: "2026-06-01", communityCode: "410106001003" }) { id } }`,
    { id: hired.hireCommunityWorker.id },
    workforce,
  );
  for (const community of ['410106001002', '410106001003']) {
    await agree(
      `posts ${community}`,
      (d) => total(`{ communityWorkers(filter: { regionCode: "${community}", activeOn: "${d}" }, first: 1) { totalCount } }`, workforce),
      (d) => figure(stack, community, `workforce { f: workers(year: 2026, asOf: "${d}") { value } }`),
    );
  }
});

test('grades: a 3A of 2020 followed by a 4A of 2026, each listed and counted in its own years', async () => {
  const social = department('social-organizations');
  const code = testCreditCode(842);
  await ok(
    stack,
    `mutation($c: ID!) { registerSocialOrganization(input: { creditCode: $c, name: "等级历史协会", type: SOCIAL_GROUP, field: CHARITY, foundedOn: "2016-01-01", streetCode: "410106004000" }) { code } }`,
    { c: code },
    social,
  );
  for (const year of [2019, 2025]) {
    await ok(
      stack,
      `mutation($c: ID!, $y: Int!) { recordAnnualInspection(creditCode: $c, year: $y, result: QUALIFIED) { year } }`,
      { c: code, y: year },
      social,
    );
  }
  await ok(stack, `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_3A, year: 2020) { code } }`, { c: code }, social);
  await ok(stack, `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_4A, year: 2026) { code } }`, { c: code }, social);
  for (const [year, day] of [
    [2025, '2025-06-30'],
    [2026, '2026-06-30'],
  ] as const) {
    for (const level of ['GRADE_3A', 'GRADE_4A']) {
      const listed = await total(
        `{ socialOrganizations(filter: { regionCode: "410106004000", status: ACTIVE, gradeLevel: ${level}, asOf: "${day}" }, first: 1) { totalCount } }`,
        social,
      );
      const counted = await figure(
        stack,
        '410106004000',
        `socialOrganizations { f: gradedOrganizations(year: ${year}, asOf: "${day}", level: ${level}) { value } }`,
      );
      expect({ day, level, listed }).toEqual({ day, level, listed: counted });
    }
  }
});

test('station standards: an item lost in April and supplied in June, listed and counted as it stood each day', async () => {
  const volunteer = department('volunteer-stations');
  const all = { site: true, sign: true, team: true, rules: true, projects: true, ledger: true };
  const made = await ok(
    stack,
    `mutation($s: VolunteerStationStandardInput) { createVolunteerStation(input: { code: "ZYZ843", name: "标准站", communityCode: "410106001005", builtOn: "2026-01-10", standard: $s }) { id } }`,
    { s: all },
    volunteer,
  );
  const id = made.createVolunteerStation.id;
  const UPDATE = `mutation($c: ID!, $s: VolunteerStationStandardInput!, $on: Date) { updateVolunteerStationStandard(code: $c, standard: $s, on: $on) { id } }`;
  await ok(stack, UPDATE, { c: id, s: { rules: false }, on: '2026-04-01' }, volunteer);
  await ok(stack, UPDATE, { c: id, s: { rules: true }, on: '2026-06-01' }, volunteer);
  await agree(
    'standardised stations',
    (d) =>
      total(
        `{ volunteerStations(filter: { regionCode: "410106001005", standardized: true, asOf: "${d}" }, first: 1) { totalCount } }`,
        volunteer,
      ),
    (d) => figure(stack, '410106001005', `volunteer { f: standardizedStations(year: 2026, asOf: "${d}") { value } }`),
  );
});

test("memberships: volunteers' stations, mobile grid members, Party organizations' units and the working committee, each listed as counted", async () => {
  const volunteer = department('volunteer-stations');
  const reg = await ok(
    stack,
    `mutation { registerVolunteer(input: { name: "转站志愿者", idNumber: "${testIdNumber(844, '19980808')}", stationCode: "ZYZ001", registeredOn: "2026-03-01" }) { number } }`,
    {},
    volunteer,
  );
  const other = (
    await ok(stack, `{ volunteerStations(filter: { regionCode: "410106002000" }, first: 1) { nodes { id communityCode } } }`, {}, volunteer)
  ).volunteerStations.nodes[0];
  await ok(
    stack,
    `mutation($n: ID!, $s: ID!) { moveVolunteer(number: $n, stationCode: $s, on: "2026-05-01") { id } }`,
    { n: reg.registerVolunteer.number, s: other.id },
    volunteer,
  );
  for (const community of ['410106001001', other.communityCode as string]) {
    await agree(
      `volunteers ${community}`,
      (d) => total(`{ volunteers(filter: { regionCode: "${community}", activeOn: "${d}" }, first: 1) { totalCount } }`, volunteer),
      (d) => figure(stack, community, `volunteer { f: registeredVolunteers(year: 2026, asOf: "${d}") { value } }`),
    );
  }

  const gig = department('gig-care');
  const w = await ok(
    stack,
    `mutation { registerGigWorker(input: { name: "网格员候选", idNumber: "${testIdNumber(845, '19980808')}", jobType: COURIER, platform: "顺丰",
      partyMember: false, mobileGridMember: false, communityCode: "410106001004", registeredOn: "2026-01-05" }) { id } }`,
    {},
    gig,
  );
  await ok(
    stack,
    `mutation($c: ID!) { setMobileGridMember(code: $c, member: true, on: "2026-04-01") { id } }`,
    { c: w.registerGigWorker.id },
    gig,
  );
  await ok(
    stack,
    `mutation($c: ID!) { setMobileGridMember(code: $c, member: false, on: "2026-06-01") { id } }`,
    { c: w.registerGigWorker.id },
    gig,
  );
  await agree(
    'mobile grid members',
    (d) =>
      total(
        `{ gigWorkers(filter: { regionCode: "410106001004", mobileGridMember: true, activeOn: "${d}" }, first: 1) { totalCount } }`,
        gig,
      ),
    (d) => figure(stack, '410106001004', `gigCare { f: gigWorkers(year: 2026, asOf: "${d}", mobileGridMember: true) { value } }`),
  );

  const party = department('party-building');
  const units = (
    await ok(
      stack,
      `{ twoNewOrganizations(filter: { regionCode: "410106005000", formation: NONE }, first: 2) { nodes { creditCode } } }`,
      {},
      party,
    )
  ).twoNewOrganizations.nodes;
  const joint = await ok(
    stack,
    `mutation($u: [ID!]!) { registerPartyOrganization(input: { name: "历史联合党支部", type: JOINT, foundedOn: "2026-03-01", unitCreditCodes: $u }) { id } }`,
    { u: units.map((u: { creditCode: string }) => u.creditCode) },
    party,
  );
  await ok(
    stack,
    `mutation($id: ID!, $u: ID!) { updatePartyOrganization(id: $id, input: { removeUnitCreditCodes: [$u], unitsChangedOn: "2026-06-01" }) { id } }`,
    { id: joint.registerPartyOrganization.id, u: units[0].creditCode },
    party,
  );
  await agree(
    'units covered by a Party organization',
    (d) =>
      total(
        `{ twoNewOrganizations(filter: { regionCode: "410106005000", coverage: ORGANISATIONAL, coverageAsOf: "${d}" }, first: 1) { totalCount } }`,
        party,
      ),
    (d) => figure(stack, '410106005000', `partyBuilding { f: organizationallyCovered(year: 2026, asOf: "${d}") { value } }`),
  );
  const member = await ok(
    stack,
    `mutation { addPartyCommitteeMemberUnit(input: { name: "历史成员单位", joinedOn: "2026-03-01" }) { id } }`,
    {},
    party,
  );
  await ok(
    stack,
    `mutation($id: ID!) { removePartyCommitteeMemberUnit(id: $id, leftOn: "2026-06-01") { id } }`,
    { id: member.addPartyCommitteeMemberUnit.id },
    party,
  );
  await agree(
    'working committee members',
    (d) => total(`{ partyCommitteeMemberUnits(asOf: "${d}", first: 1) { totalCount } }`, party),
    (d) => figure(stack, '410106000000', `partyBuilding { f: workingCommitteeMembers(year: 2026, asOf: "${d}") { value } }`),
  );
});
