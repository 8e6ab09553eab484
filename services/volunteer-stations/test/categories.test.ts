import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCallers, volunteerCategoryRows, writeLedgerFile, type VolunteerCategoryFixtures } from '@district/testkit';
import { importFile, ledgerOf, startVolunteerStations, type Stack } from './kit';

/**
 * Activity and need categories as kinds of service (issue 15, seeds/000 二.一): Shangjie's own
 * activities and needs, and generated ones whose labels vary as offices write them, imported over
 * Shangjie's stations and grids; figures and lists take a list of kinds; the seed's sentences from
 * one query; the kind follows the category through daily work.
 */
let stack: Stack;
let fx: VolunteerCategoryFixtures;
const SEED_STREET = '410106001000';

beforeAll(async () => {
  stack = await startVolunteerStations();
  for (const file of ['volunteer/stations.csv', 'volunteer/activities.csv', 'volunteer/needs.csv']) await importFile(stack, ledgerOf(file));
  fx = volunteerCategoryRows();
  const dir = mkdtempSync(join(tmpdir(), 'categories-'));
  expect(
    (
      await importFile(
        stack,
        ledgerOf('volunteer/activities.csv'),
        writeLedgerFile(dir, ledgerOf('volunteer/activities.csv'), fx.activities),
      )
    ).inserted,
  ).toBe(fx.activities.length);
  expect(
    (await importFile(stack, ledgerOf('volunteer/needs.csv'), writeLedgerFile(dir, ledgerOf('volunteer/needs.csv'), fx.needs))).inserted,
  ).toBe(fx.needs.length);
});

afterAll(() => stack?.close());

const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);

test("every label of Shangjie's ledgers has a kind of its own, none falls to OTHER", async () => {
  const res = await stack.sg.query(
    `{ other: volunteerActivities(filter: { categoryKinds: [OTHER] }) { totalCount }
       otherNeeds: volunteerNeeds(filter: { categoryKinds: [OTHER] }) { totalCount }
       care: volunteerActivities(filter: { category: "暑期清凉护航" }, first: 1) { nodes { categoryKind } }
       tutoring: volunteerNeeds(filter: { category: "课业辅导" }, first: 1) { nodes { categoryKind } } }`,
    {},
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({
    other: { totalCount: 0 },
    otherNeeds: { totalCount: 0 },
    care: { nodes: [{ categoryKind: 'CARE' }] },
    tutoring: { nodes: [{ categoryKind: 'EDUCATION' }] },
  });
});

test('figures and lists of a few kinds at the district, a street and a community agree with the ledger rows', async () => {
  const stations = new Map(
    (await stack.sg.sql<{ number: string; community_code: string }>(`SELECT number, community_code FROM station`)).map((s) => [
      s.number,
      s.community_code,
    ]),
  );
  const people = ['EMPLOYMENT', 'SOCIAL'];
  const asked = ['HOUSING', 'ENTREPRENEURSHIP'];
  const closed = new Set(['已反馈', '已完成']);
  for (const code of ['410106000000', SEED_STREET, '410106002000', '410106001002']) {
    const prefix = prefixOf(code);
    const acts = fx.activities.filter((a) => stations.get(String(a.station))!.startsWith(prefix) && people.includes(String(a.kind)));
    const needs = fx.needs.filter((n) => String(n.grid).startsWith(prefix) && asked.includes(String(n.kind)));
    const inYear = (rows: typeof acts, col: string, y: number) => rows.filter((r) => String(r[col]).startsWith(String(y)));
    const res = await stack.sg.query(
      `query($c: ID!) { region: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region {
        volunteer {
          activities(year: 2025, categoryKinds: [EMPLOYMENT, SOCIAL]) { value previousYear }
          needs(year: 2025, categoryKinds: [HOUSING, ENTREPRENEURSHIP]) { value previousYear }
          resolved: needs(year: 2025, categoryKinds: [HOUSING, ENTREPRENEURSHIP], stage: CLOSED) { value previousYear } }
        volunteerActivities(filter: { categoryKinds: [EMPLOYMENT, SOCIAL], from: "2025-01-01", to: "2025-12-31" }) { totalCount } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    const region = res.data!.region[0];
    expect(region.volunteer).toEqual({
      activities: { value: inYear(acts, 'heldOn', 2025).length, previousYear: inYear(acts, 'heldOn', 2024).length },
      needs: { value: inYear(needs, 'raisedOn', 2025).length, previousYear: inYear(needs, 'raisedOn', 2024).length },
      resolved: {
        value: inYear(needs, 'raisedOn', 2025).filter((n) => closed.has(String(n.status))).length,
        previousYear: inYear(needs, 'raisedOn', 2024).filter((n) => closed.has(String(n.status))).length,
      },
    });
    expect(region.volunteerActivities.totalCount).toBe(region.volunteer.activities.value);
  }
});

test('seed sentences from one query: 就业帮扶、社交联谊活动 and 青年租房、创业诉求 (seeds/000 二.一)', async () => {
  const res = await stack.sg.query(
    `query($c: ID!) { region: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { volunteer {
      activities(year: 2025, categoryKinds: [EMPLOYMENT, SOCIAL]) { value }
      needs(year: 2025, categoryKinds: [HOUSING, ENTREPRENEURSHIP], stage: CLOSED) { value } } } } }`,
    { c: SEED_STREET },
    testCallers.analyst,
  );
  const v = res.data!.region[0].volunteer;
  expect(`开展就业帮扶、社交联谊活动${v.activities.value}场，解决青年租房、创业诉求${v.needs.value}件`).toBe(
    '开展就业帮扶、社交联谊活动26场，解决青年租房、创业诉求18件',
  );
});

test('daily work: the kind follows the category an office writes, and its correction', async () => {
  const office = testCallers.community('410106001001');
  const made = await stack.sg.query(
    `mutation { recordVolunteerActivity(input: { name: "青年招聘会", stationCode: "ZYZ001", heldOn: "2026-03-01", category: "青年就业帮扶", targetGroup: OTHER }) { code categoryKind } }`,
    {},
    office,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordVolunteerActivity.categoryKind).toBe('EMPLOYMENT');
  const corrected = await stack.sg.query(
    `mutation($c: ID!) { correctVolunteerActivity(code: $c, input: { category: "社交联谊" }) { categoryKind history { field oldValue newValue } } }`,
    { c: made.data!.recordVolunteerActivity.code },
    office,
  );
  expect(corrected.errors).toBeUndefined();
  expect(corrected.data!.correctVolunteerActivity).toEqual({
    categoryKind: 'SOCIAL',
    history: [
      { field: 'category', oldValue: '青年就业帮扶', newValue: '社交联谊' },
      { field: 'categoryKind', oldValue: 'EMPLOYMENT', newValue: 'SOCIAL' },
    ],
  });
  const need = await stack.sg.query(
    `mutation { raiseVolunteerNeed(input: { gridCode: "41010600100101", content: "想租一间房", category: "青年租房咨询", raisedOn: "2026-03-02" }) { categoryKind } }`,
    {},
    office,
  );
  expect(need.errors).toBeUndefined();
  expect(need.data!.raiseVolunteerNeed.categoryKind).toBe('HOUSING');
  const empty = await stack.sg.query(
    `mutation { recordVolunteerActivity(input: { name: "x", stationCode: "ZYZ001", heldOn: "2026-03-01", category: " ", targetGroup: OTHER }) { code } }`,
    {},
    office,
  );
  expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
});
