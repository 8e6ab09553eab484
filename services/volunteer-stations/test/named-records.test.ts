import type { Caller } from '@district/common';
import { testCallers, type GraphQLResult } from '@district/testkit';
import { startVolunteerStations, type Stack } from './kit';

/**
 * A mutation that names a second record (a volunteer, a station) names only one its caller may see:
 * a street's write does not reach a volunteer of another street, and the refusal reads exactly as
 * for a volunteer that does not exist, so it tells nothing about the other street's records.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startVolunteerStations({ shangjie: true });
});
afterAll(() => stack?.close());

// activity HD202400719 is held in street 410106001000; volunteer V0000008 belongs to community 410106002004
const STREET = testCallers.street('410106001000');
const run = (query: string, variables: Record<string, unknown>, caller: Caller) =>
  stack.sg.query(query, variables, caller) as Promise<GraphQLResult<Record<string, any>>>;
const errorOf = (res: GraphQLResult) => {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field, message: e?.message.replace(/V\d{7}/g, '…') };
};
const hoursOf = (volunteer: string) =>
  stack.sg.sql<{ hours: string; withdrawn_on: string | null }>(
    `SELECT r.hours, r.withdrawn_on FROM service_record r JOIN activity a ON a.id = r.activity_id
      WHERE a.number = 'HD202400719' AND r.volunteer_id = ?`,
    [`410106:${volunteer}`],
  );

const RECORD = `mutation($v: ID!) { recordVolunteerHours(activityCode: "HD202400719", records: [{ volunteerNumber: $v, hours: 3 }]) { id } }`;
const WITHDRAW = `mutation($v: ID!) { withdrawVolunteerHours(activityCode: "HD202400719", volunteerNumber: $v, reason: "录错") { id } }`;

test("a street cannot record hours of another street's volunteer, and is answered as for a missing one", async () => {
  const before = await hoursOf('V0000008');
  const other = await run(RECORD, { v: 'V0000008' }, STREET);
  const missing = await run(RECORD, { v: 'V9999999' }, STREET);
  expect(errorOf(other)).toEqual({ code: 'BAD_USER_INPUT', field: 'volunteerNumber', message: errorOf(missing).message });
  expect(await hoursOf('V0000008')).toEqual(before);
});

test("a street cannot withdraw hours of another street's volunteer, and is answered as for hours that do not exist", async () => {
  // the department records them first, so there are hours to withdraw
  expect((await run(RECORD, { v: 'V0000008' }, testCallers.department('volunteer-stations'))).errors).toBeUndefined();
  const other = await run(WITHDRAW, { v: 'V0000008' }, STREET);
  const missing = await run(WITHDRAW, { v: 'V9999999' }, STREET);
  expect(errorOf(other)).toEqual({ code: 'NOT_FOUND', field: 'volunteerNumber', message: errorOf(missing).message });
  expect((await hoursOf('V0000008')).map((r) => r.withdrawn_on)).toEqual([null]);
});

describe('refusals name no record the caller may not see', () => {
  const REGISTER = `mutation($s: ID!, $id: String!) { registerVolunteer(input: { name: "重名", idNumber: $id, stationCode: $s, registeredOn: "2026-03-01" }) { id } }`;

  test("registering the ID number of another street's volunteer is refused without naming that volunteer", async () => {
    const [{ id_number: idNumber }] = await stack.sg.sql<{ id_number: string }>(
      `SELECT id_number FROM volunteer WHERE number = 'V0000008'`,
    );
    const [{ number: station }] = await stack.sg.sql<{ number: string }>(
      `SELECT number FROM station WHERE community_code LIKE '410106001%' AND withdrawn_on IS NULL ORDER BY number LIMIT 1`,
    );
    const res = await run(REGISTER, { s: station, id: idNumber }, STREET);
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', field: 'idNumber' });
    expect(res.errors![0].message).not.toMatch(/V\d{7}/);
    // the department, which sees every volunteer, is told which one
    const dept = await run(REGISTER, { s: station, id: idNumber }, testCallers.department('volunteer-stations'));
    expect(dept.errors![0].message).toContain('V0000008');
  });

  test("correcting or withdrawing another street's volunteer is answered exactly as a missing one", async () => {
    for (const op of [
      `mutation($n: ID!) { correctVolunteer(number: $n, input: { phone: "13800000009" }) { id } }`,
      `mutation($n: ID!) { withdrawVolunteer(number: $n, reason: "录错") { id } }`,
    ]) {
      const other = await run(op, { n: 'V0000008' }, STREET);
      const missing = await run(op, { n: 'V9999999' }, STREET);
      expect(errorOf(other)).toEqual({ ...errorOf(missing), code: 'NOT_FOUND' });
    }
  });
});
