import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance } from './governance-kit';

/** Villagers' and residents' groups in the region tree (seeds/001 村（居）民小组优化调整). */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['villagers_groups.csv']));
});

afterAll(() => sg?.close());

const town = () => fx.communities.find((c) => c.street.endsWith('100000'))!.street;

test('counts on a day at the district, the town and a community follow the merger; the list on a day agrees', async () => {
  const rows = fx.rows['villagers_groups.csv'];
  const on = (d: string, prefix: string) =>
    rows.filter(
      (r) =>
        String(r.community).startsWith(prefix) &&
        (!r.establishedOn || String(r.establishedOn) <= d) &&
        (!r.abolishedOn || String(r.abolishedOn) > d),
    ).length;
  const first = String(rows[0].community);
  for (const [code, prefix] of [
    ['410106', '410106'],
    [town(), town().slice(0, 9)],
    [first, first],
  ]) {
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { structure(year: 2025) { villagersGroups { value previousYear } }
        villagersGroups(activeOn: "2025-12-31") { totalCount } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.structure.villagersGroups).toEqual({ value: on('2025-12-31', prefix), previousYear: on('2024-12-31', prefix) });
    expect(res.data!.region.villagersGroups.totalCount).toBe(res.data!.region.structure.villagersGroups.value);
  }
});

test('a seed sentence from one query: “村（居）民小组由24个调整为18个，调减比例25%” (seeds/001)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { structure(year: 2025) { villagersGroups { value previousYear change } } } }`,
    { c: town() },
    analyst,
  );
  const g = res.data!.region.structure.villagersGroups;
  expect(`村（居）民小组由${g.previousYear}个调整为${g.value}个，调减比例${Math.round((-g.change * 1000) / g.previousYear) / 10}%`).toBe(
    '村（居）民小组由24个调整为18个，调减比例25%',
  );
});

test('daily work: a group added, abolished on a day by correction, withdrawn; the community refuses withdrawal while groups lie under it', async () => {
  const community = fx.communities.find((c) => c.street.endsWith('100000'))!.code;
  const office = testCallers.community(community);
  const made = await sg.query(
    `mutation($c: ID!, $code: ID!) { createVillagersGroup(input: { code: $code, name: "新组", communityCode: $c, establishedOn: "2026-01-01" }) { code } }`,
    { c: community, code: `${community}050` },
    office,
  );
  expect(made.errors).toBeUndefined();
  const badCode = await sg.query(
    `mutation($c: ID!) { createVillagersGroup(input: { code: "410106001001001", name: "x", communityCode: $c }) { code } }`,
    { c: community },
    office,
  );
  expect(errorOf(badCode)).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  const abolished = await sg.query(
    `mutation($code: ID!) { correctVillagersGroup(code: $code, input: { abolishedOn: "2025-12-01" }) { code } }`,
    { code: `${community}050` },
    office,
  );
  expect(errorOf(abolished)).toEqual({ code: 'BAD_USER_INPUT', field: 'abolishedOn' });
  expect(
    (
      await sg.query(
        `mutation($code: ID!) { withdrawVillagersGroup(code: $code, reason: "录入错误") { id } }`,
        { code: `${community}050` },
        office,
      )
    ).errors,
  ).toBeUndefined();
  const refused = await sg.query(`mutation($c: ID!) { withdrawRegion(code: $c, reason: "x") { id } }`, { c: community });
  expect(errorOf(refused).code).toBe('CONFLICT');
});
