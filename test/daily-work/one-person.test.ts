import { testIdNumber } from '../kit/datasets';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';
import { analyst, department, figure, ok, street } from './helpers';

/**
 * One person, five records: a community worker with a certificate, a volunteer with hours, a gig
 * worker and a Party-building instructor, all by the same ID number. One query walks from the
 * worker to the rest through `Person`, keyed by a keyed hash of the ID number (never the number),
 * each subgraph answering within the caller's scope and masking. The figure "community workers who volunteer" counts them.
 */
let stack: TestStack;
const idNumber = testIdNumber(851, '19850505');
let workerId: string;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '10000' }, { shangjie: true });
  const workforce = department('workforce');
  workerId = (
    await ok(
      stack,
      `mutation($n: String!) { hireCommunityWorker(input: { id: "M0851", name: "多面手", idNumber: $n, communityCode: "410106001002",
        role: COMMUNITY_WORKER, hiredOn: "2026-02-02" }) { id } }`,
      { n: idNumber },
      workforce,
    )
  ).hireCommunityWorker.id;
  await ok(
    stack,
    `mutation($n: String!) { recordSocialWorkCertificate(input: { id: "ZS0851", holderName: "多面手", holderIdNumber: $n, regionCode: "410106001002",
      level: ASSISTANT, obtainedOn: "2026-05-20" }) { id } }`,
    { n: idNumber },
    workforce,
  );
  const volunteer = department('volunteer-stations');
  // a volunteer in another street than the worker's community
  const station = (
    await ok(stack, `{ volunteerStations(filter: { regionCode: "410106003000" }, first: 1) { nodes { id } } }`, {}, volunteer)
  ).volunteerStations.nodes[0].id;
  const v = await ok(
    stack,
    `mutation($n: String!, $s: ID!) { registerVolunteer(input: { name: "多面手", idNumber: $n, stationCode: $s, registeredOn: "2026-03-01" }) { number } }`,
    { n: idNumber, s: station },
    volunteer,
  );
  await ok(
    stack,
    `mutation($s: ID!, $v: ID!) { recordVolunteerActivity(input: { name: "敬老", stationCode: $s, heldOn: "2026-04-10", category: "敬老服务", targetGroup: ELDERLY,
      records: [{ volunteerNumber: $v, hours: 3.5 }] }) { id } }`,
    { s: station, v: v.registerVolunteer.number },
    volunteer,
  );
  await ok(
    stack,
    `mutation($n: String!) { registerGigWorker(input: { name: "多面手", idNumber: $n, jobType: DELIVERY_RIDER, platform: "美团", partyMember: false,
      mobileGridMember: false, communityCode: "410106001002", registeredOn: "2026-01-05" }) { id } }`,
    { n: idNumber },
    department('gig-care'),
  );
  // and a Party-building instructor, dispatched but not yet assigned to any organisation
  await ok(
    stack,
    `mutation($n: String!) { dispatchPartyInstructor(input: { code: "ZDY851", name: "多面手", idNumber: $n, source: PARTY_WORKER, dispatchedOn: "2026-03-01" }) { id } }`,
    { n: idNumber },
    department('party-building'),
  );
}, 300_000);

afterAll(() => stack?.stop());

const WALK = `query($id: ID!) { communityWorker(id: $id) { name idNumber person { id
  socialWorkCertificates { id holderName }
  volunteers { number name serviceHours }
  volunteerServiceHours(year: 2026)
  gigWorkers { code name platform }
  partyInstructors { code name }
} } }`;

test('one query walks from a worker to their certificates, volunteer hours and gig-worker record, the ID number nowhere in the keys', async () => {
  const res = await ok(stack, WALK, { id: workerId }, ADMIN);
  const person = res.communityWorker.person;
  expect(person.id).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(person)).not.toContain(idNumber);
  expect(person).toMatchObject({
    socialWorkCertificates: [{ id: 'ZS0851', holderName: '多面手' }],
    volunteers: [{ name: '多面手', serviceHours: 3.5 }],
    volunteerServiceHours: 3.5,
    gigWorkers: [{ name: '多面手', platform: '美团' }],
    partyInstructors: [{ code: 'ZDY851', name: '多面手' }],
  });
});

test("within the caller's scope and masking: a street office sees its own street's records only; an analyst sees them masked", async () => {
  const office = await ok(stack, WALK, { id: workerId }, street('410106001000'));
  // the volunteer record lies in another street: not shown to this street's office
  // nor the instructor, who serves no organisation in it
  expect(office.communityWorker.person).toMatchObject({
    volunteers: [],
    volunteerServiceHours: 0,
    gigWorkers: [{ name: '多面手' }],
    partyInstructors: [],
  });
  const masked = await ok(stack, WALK, { id: workerId }, analyst);
  expect(masked.communityWorker.idNumber).not.toBe(idNumber);
  expect(masked.communityWorker.person.volunteers[0].name).toBe('多**');
  expect(masked.communityWorker.person.gigWorkers[0].name).toBe('多**');
  expect(masked.communityWorker.person.partyInstructors[0].name).toBe('多**');
  // a street office elsewhere does not reach the worker at all
  const elsewhere = await stack.query(WALK, { id: workerId }, street('410106004000'));
  expect(elsewhere.data?.communityWorker ?? null).toBeNull();
});

test('community workers who volunteer: counted where they volunteer, from the day both are true', async () => {
  const where = (await ok(stack, WALK, { id: workerId }, ADMIN)).communityWorker.person.volunteers[0].number;
  const station = await ok(stack, `query($n: ID!) { volunteer(number: $n) { communityCode } }`, { n: where }, ADMIN);
  const community = station.volunteer.communityCode;
  const at = (day: string) =>
    figure(stack, community, `volunteer { f: communityWorkersVolunteering(year: 2026, asOf: "${day}") { value } }`);
  // registered as a volunteer on 1 March, in post since 2 February
  expect((await at('2026-03-01')) - (await at('2026-02-28'))).toBe(1);
  const district = await figure(stack, '410106', 'volunteer { f: communityWorkersVolunteering(year: 2026) { value } }');
  expect(district).toBeGreaterThanOrEqual(1);
});
