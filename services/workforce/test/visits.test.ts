import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';

/**
 * Household visits (跑楼行动 / 入户走访, seeds/000 and 002) from the generated Shangjie ledger: figures at
 * district, street and community against counts made from the fixture rows, the seeds' sentences from
 * one query each, daily work.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/household_visits.csv']));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  rounds: householdVisits(year: 2025) { value previousYear }
  runs: householdVisits(year: 2025, kind: BUILDING_RUN) { value }
  households: visitHouseholds(year: 2025) { value }
  solved: visitNeedsSolved(year: 2025) { value }
  talents: visitTalentsFound(year: 2025) { value }
  communities: visitingCommunities(year: 2025) { value }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows['workforce/household_visits.csv'].filter((v) => cs.has(String(v.community)));
  const y = (year: string) => rows.filter((v) => String(v.visitedOn).startsWith(year));
  const sum = (k: string) => y('2025').reduce((s, v) => s + Number(v[k]), 0);
  return {
    rounds: { value: y('2025').length, previousYear: y('2024').length },
    runs: { value: y('2025').filter((v) => v.kind === '跑楼').length },
    households: { value: sum('households') },
    solved: { value: sum('needsSolved') },
    talents: { value: sum('talentsFound') },
    communities: { value: new Set(y('2025').map((v) => v.community)).size },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106003000', fx.communities[20].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

/** "800余" as a report writes a figure: its leading digit(s), rounded down, and 余. */
const about = (n: number, unit: number) => Math.floor(n / unit) * unit;

test('a seed sentence from one query: “8个社区累计开展跑楼活动超800次，覆盖居民15000余户、企业150余家，解决诉求300余件，挖掘能人900余人” (seeds/000)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { governance {
      communities: visitingCommunities(year: 2025, kind: BUILDING_RUN) { value }
      runs: householdVisits(year: 2025, kind: BUILDING_RUN) { value }
      households: visitHouseholds(year: 2025, kind: BUILDING_RUN) { value }
      enterprises: visitEnterprises(year: 2025, kind: BUILDING_RUN) { value }
      solved: visitNeedsSolved(year: 2025, kind: BUILDING_RUN) { value }
      talents: visitTalentsFound(year: 2025, kind: BUILDING_RUN) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.region.governance;
  expect(
    `${g.communities.value}个社区累计开展跑楼活动超${about(g.runs.value, 100)}次，覆盖居民${about(g.households.value, 1000)}余户、企业${about(g.enterprises.value, 10)}余家，` +
      `解决诉求${about(g.solved.value, 100)}余件，挖掘能人${about(g.talents.value, 100)}余人`,
  ).toBe('8个社区累计开展跑楼活动超800次，覆盖居民15000余户、企业150余家，解决诉求300余件，挖掘能人900余人');
});

test('a seed sentence from one query: “两社区累计开展入户走访90余次，覆盖居民家庭700余户” (seeds/002)', async () => {
  const part = `governance { visits: householdVisits(year: 2025, kind: HOME_VISIT) { value } households: visitHouseholds(year: 2025, kind: HOME_VISIT) { value } }`;
  const res = await sg.query(`{ a: region(code: "410106002001") { ${part} } b: region(code: "410106002002") { ${part} } }`, {}, analyst);
  expect(res.errors).toBeUndefined();
  const [a, b] = [res.data!.a.governance, res.data!.b.governance];
  const visits = a.visits.value + b.visits.value;
  const households = a.households.value + b.households.value;
  expect(`两社区累计开展入户走访${about(visits, 10)}余次，覆盖居民家庭${about(households, 100)}余户`).toBe(
    '两社区累计开展入户走访90余次，覆盖居民家庭700余户',
  );
});

test('daily work: a round recorded on its day by a community office, corrected and withdrawn; errors name their field', async () => {
  const community = '410106005002';
  const office = testCallers.community(community);
  const rec = await sg.query(
    `mutation($c: ID!) { recordHouseholdVisit(input: { communityCode: $c, kind: HOME_VISIT, visitedOn: "2026-06-01", households: 12, needsFound: 3, needsSolved: 2 }) { id number } }`,
    { c: community },
    office,
  );
  expect(rec.errors).toBeUndefined();
  expect(rec.data!.recordHouseholdVisit.number).toMatch(/^ZF2026\d{6}$/);
  const id = rec.data!.recordHouseholdVisit.id;
  const bad = await sg.query(`mutation($id: ID!) { correctHouseholdVisit(id: $id, input: { needsSolved: 4 }) { id } }`, { id }, office);
  expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'needsSolved' });
  const future = await sg.query(
    `mutation($c: ID!) { recordHouseholdVisit(input: { communityCode: $c, kind: HOME_VISIT, visitedOn: "2099-01-01" }) { id } }`,
    { c: community },
    office,
  );
  expect(errorOf(future)).toEqual({ code: 'BAD_USER_INPUT', field: 'visitedOn' });
  const fig = async () =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance { visitHouseholds(year: 2026) { value } } } }`,
        { c: community },
        analyst,
      )
    ).data!.region.governance.visitHouseholds.value;
  expect(await fig()).toBe(12);
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawHouseholdVisit(id: $id, reason: "重复录入") { id } }`, { id }, office)).errors,
  ).toBeUndefined();
  expect(await fig()).toBe(0);
});

test('a visit names no worker of another street: such a worker is answered as a missing one', async () => {
  const community = '410106005002';
  const office = testCallers.community(community);
  const [{ id: other }] = await sg.sql<{ id: string }>(
    `SELECT id FROM worker WHERE community_code NOT LIKE '410106005%' AND withdrawn_on IS NULL ORDER BY id LIMIT 1`,
  );
  const visit = (workerId: string) =>
    sg.query(
      `mutation($c: ID!, $w: ID!) { recordHouseholdVisit(input: { communityCode: $c, kind: HOME_VISIT, visitedOn: "2026-06-02", workerId: $w }) { id } }`,
      { c: community, w: workerId },
      office,
    );
  const outside = await visit(other);
  const missing = await visit('410106:NOBODY1');
  expect(errorOf(outside)).toEqual({ code: 'BAD_USER_INPUT', field: 'workerId' });
  expect(outside.errors![0].message.replace(other, '…')).toBe(missing.errors![0].message.replace('410106:NOBODY1', '…'));
});
