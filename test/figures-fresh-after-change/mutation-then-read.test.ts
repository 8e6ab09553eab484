import { annualReport } from '../../infra/src';
import { ADMIN, startTestStack, type TestStack } from '../kit/stack';

/**
 * Figures are kept per data version in every subgraph, and the gateway sends identical reads in
 * flight once: neither may hide a change. A district's report read (and read again, from the
 * caches), then an activity recorded through the gateway: the very next read counts it, at the
 * community, its street and the district, while reads of the old figures were still in flight.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({}, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

const FIGURES = `query($code: ID!) { region(code: $code) { volunteer {
  activities(year: 2025) { value } serviceHours(year: 2025) { value } } } }`;

async function figures(code: string) {
  const res = await stack.query<{ region: { volunteer: { activities: { value: number }; serviceHours: { value: number } } } }>(FIGURES, {
    code,
  });
  expect(res.errors).toBeUndefined();
  return { activities: res.data!.region.volunteer.activities.value, hours: res.data!.region.volunteer.serviceHours.value };
}

test('an activity recorded through the gateway is in the very next read, at every level', async () => {
  const nodes = ['410106001001', '410106001000', '410106'];
  const before = await Promise.all(nodes.map(figures));
  expect(await Promise.all(nodes.map(figures))).toEqual(before); // read again: the same, now from the caches
  const report = await annualReport(stack, '410106', 2025);

  // identical reads in flight while the change is made
  const inFlight = Array.from({ length: 6 }, () => figures('410106'));
  const recorded = await stack.query(
    `mutation($input: RecordVolunteerActivityInput!) { recordVolunteerActivity(input: $input) { code } }`,
    {
      input: {
        name: '敬老助餐',
        stationCode: 'ZYZ044',
        heldOn: '2025-07-15',
        category: '敬老助老',
        targetGroup: 'ELDERLY',
        personTimes: 12,
        records: [{ volunteerNumber: 'V0000005', hours: 3 }],
      },
    },
    ADMIN,
  );
  expect(recorded.errors).toBeUndefined();

  const after = await Promise.all(nodes.map(figures));
  expect(after).toEqual(before.map((b) => ({ activities: b.activities + 1, hours: b.hours + 3 })));
  expect((await annualReport(stack, '410106', 2025))['volunteer.activities']).toBe((report['volunteer.activities'] as number) + 1);
  await Promise.all(inFlight);
});
