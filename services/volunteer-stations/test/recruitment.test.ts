import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerImportError } from '@district/ledger';
import {
  testCallers,
  volunteerProjectRows,
  volunteerRecruitmentRows,
  writeLedgerFile,
  type FixtureRow,
  type VolunteerRecruitmentFixtures,
} from '@district/testkit';
import { importFile, ledgerOf, startVolunteerStations, type Stack } from './kit';

/**
 * Volunteer recruitment and volunteer training (招募培训, seeds/003 三.二 “需求收集-项目发布-招募培训-
 * 活动实施-服务记录-成果展示”): the generated ledgers imported over Shangjie's stations and projects,
 * figures at district, street and community against counts made from the fixture rows, the seed's
 * sentence from one query, daily work and a street office's own import.
 */
let stack: Stack;
let fx: VolunteerRecruitmentFixtures;
let dir: string;
const SEED_STREET = '410106001000';
const RECRUITMENTS = 'volunteer/recruitments.csv';
const TRAININGS = 'volunteer/volunteer_trainings.csv';

beforeAll(async () => {
  stack = await startVolunteerStations();
  for (const file of [
    'volunteer/stations.csv',
    'volunteer/volunteers.csv',
    'volunteer/activities.csv',
    'volunteer/service_records.csv',
    'volunteer/needs.csv',
  ])
    await importFile(stack, ledgerOf(file));
  dir = mkdtempSync(join(tmpdir(), 'recruitment-'));
  await importFile(
    stack,
    ledgerOf('volunteer/projects.csv'),
    writeLedgerFile(dir, ledgerOf('volunteer/projects.csv'), volunteerProjectRows()),
  );
  fx = volunteerRecruitmentRows();
  expect((await importFile(stack, ledgerOf(RECRUITMENTS), writeLedgerFile(dir, ledgerOf(RECRUITMENTS), fx.recruitments))).inserted).toBe(
    fx.recruitments.length,
  );
  expect((await importFile(stack, ledgerOf(TRAININGS), writeLedgerFile(dir, ledgerOf(TRAININGS), fx.trainings))).inserted).toBe(
    fx.trainings.length,
  );
});

afterAll(() => stack?.close());

const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);
const total = (rows: FixtureRow[], col: string) => rows.reduce((s, r) => s + Number(r[col] ?? 0), 0);

test('figures and lists at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', SEED_STREET, '410106002000', '410106001002']) {
    const prefix = prefixOf(code);
    const rec = (y: number) =>
      fx.recruitments.filter((r) => String(r.community).startsWith(prefix) && String(r.publishedOn).startsWith(String(y)));
    const tr = (y: number) => fx.trainings.filter((r) => String(r.community).startsWith(prefix) && String(r.heldOn).startsWith(String(y)));
    const res = await stack.sg.query(
      `query($c: ID!) { region: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region {
        volunteer {
          recruitments(year: 2025) { value previousYear }
          volunteersRecruited(year: 2025) { value previousYear }
          volunteerTrainings(year: 2025) { value previousYear }
          volunteerTrainingPersonTimes(year: 2025) { value previousYear } }
        volunteerRecruitments(filter: { from: "2025-01-01", to: "2025-12-31" }) { totalCount }
        volunteerTrainings(filter: { from: "2025-01-01", to: "2025-12-31" }) { totalCount } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    const region = res.data!.region[0];
    expect(region.volunteer).toEqual({
      recruitments: { value: rec(2025).length, previousYear: rec(2024).length },
      volunteersRecruited: { value: total(rec(2025), 'accepted'), previousYear: total(rec(2024), 'accepted') },
      volunteerTrainings: { value: tr(2025).length, previousYear: tr(2024).length },
      volunteerTrainingPersonTimes: { value: total(tr(2025), 'personTimes'), previousYear: total(tr(2024), 'personTimes') },
    });
    expect(region.volunteerRecruitments.totalCount).toBe(region.volunteer.recruitments.value);
    expect(region.volunteerTrainings.totalCount).toBe(region.volunteer.volunteerTrainings.value);
  }
});

test('a seed sentence from one query: recruitment and training in the whole chain (seeds/003 三.二)', async () => {
  const res = await stack.sg.query(
    `query($c: ID!) { region: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region {
      volunteer {
        needs(year: 2025) { value }
        projects(year: 2025) { value }
        volunteersRecruited(year: 2025) { value }
        volunteerTrainingPersonTimes(year: 2025) { value }
        activities(year: 2025) { value }
        serviceHours(year: 2025) { value } }
      volunteerRecruitments(sort: { field: CODE }, first: 1) { nodes { title project { name } } } } } }`,
    { c: SEED_STREET },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region[0];
  const v = r.volunteer;
  expect(`招募志愿者${v.volunteersRecruited.value}名，培训${v.volunteerTrainingPersonTimes.value}人次`).toBe('招募志愿者85名，培训150人次');
  expect(r.volunteerRecruitments.nodes[0]).toEqual({ title: '车轮上的守护者志愿者招募', project: { name: '车轮上的守护者' } });
  // the whole chain at the street, each link a figure of the same query
  expect(
    `需求收集${v.needs.value}条-项目发布${v.projects.value}个-招募${v.volunteersRecruited.value}名、培训${v.volunteerTrainingPersonTimes.value}人次-活动实施${v.activities.value}场-服务记录${v.serviceHours.value}小时`,
  ).toBe('需求收集189条-项目发布4个-招募85名、培训150人次-活动实施206场-服务记录13751.5小时');
});

test('daily work: a recruitment recorded, its numbers filled in, withdrawn; a training likewise; errors name their field', async () => {
  const office = testCallers.community('410106001001');
  const q = (query: string, vars = {}, as = office) => stack.sg.query(query, vars, as);
  const made = await q(
    `mutation { recordVolunteerRecruitment(input: { code: "T-ZM1", stationCode: "ZYZ001", title: "助老志愿者招募", publishedOn: "2026-03-01", places: 10 }) { id communityCode signedUp } }`,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordVolunteerRecruitment).toEqual({ id: '410106:T-ZM1', communityCode: '410106001001', signedUp: null });
  const filled = await q(
    `mutation { correctVolunteerRecruitment(code: "T-ZM1", input: { signedUp: 12, accepted: 10 }) { accepted history { field newValue } } }`,
  );
  expect(filled.errors).toBeUndefined();
  expect(filled.data!.correctVolunteerRecruitment).toEqual({
    accepted: 10,
    history: [
      { field: 'signedUp', newValue: '12' },
      { field: 'accepted', newValue: '10' },
    ],
  });
  const tooMany = await q(`mutation { correctVolunteerRecruitment(code: "T-ZM1", input: { accepted: 13 }) { id } }`);
  expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accepted' });
  const none = await q(
    `mutation { recordVolunteerRecruitment(input: { code: "T-ZM2", stationCode: "ZYZ001", title: "x", publishedOn: "2026-03-01", places: 0 }) { id } }`,
  );
  expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'places' });
  const noProject = await q(
    `mutation { recordVolunteerRecruitment(input: { code: "T-ZM2", stationCode: "ZYZ001", projectCode: "XM9999", title: "x", publishedOn: "2026-03-01", places: 3 }) { id } }`,
  );
  expect(noProject.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectCode' });
  const twice = await q(
    `mutation { recordVolunteerRecruitment(input: { code: "T-ZM1", stationCode: "ZYZ001", title: "x", publishedOn: "2026-03-01", places: 3 }) { id } }`,
  );
  expect(twice.errors?.[0]?.extensions?.field).toBe('code');
  const elsewhere = await q(
    `mutation { recordVolunteerRecruitment(input: { code: "T-ZM3", stationCode: "ZYZ001", title: "x", publishedOn: "2026-03-01", places: 3 }) { id } }`,
    {},
    testCallers.community('410106002001'),
  );
  // another street's station answers as a missing one: a refusal names nothing the caller may not see
  expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stationCode' });
  const gone = await q(`mutation { withdrawVolunteerRecruitment(code: "T-ZM1", reason: "录入错误") { id } }`);
  expect(gone.errors).toBeUndefined();
  expect((await q(`{ volunteerRecruitment(code: "T-ZM1") { id } }`)).data!.volunteerRecruitment).toBeNull();

  const trained = await q(
    `mutation { recordVolunteerTraining(input: { code: "T-PX1", stationCode: "ZYZ001", heldOn: "2026-03-05", topic: "急救培训", personTimes: 25 }) { code personTimes } }`,
  );
  expect(trained.errors).toBeUndefined();
  const badCount = await q(`mutation { correctVolunteerTraining(code: "T-PX1", input: { personTimes: -1 }) { id } }`);
  expect(badCount.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personTimes' });
  const late = await q(`mutation { correctVolunteerTraining(code: "T-PX1", input: { heldOn: "2999-01-01" }) { id } }`);
  expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
  // another street's office: the training answers as a missing one (nothing told about records out of scope)
  const outOfScope = await q(
    `mutation { withdrawVolunteerTraining(code: "T-PX1", reason: "x") { id } }`,
    {},
    testCallers.community('410106002001'),
  );
  const missing = await q(
    `mutation { withdrawVolunteerTraining(code: "T-PX9", reason: "x") { id } }`,
    {},
    testCallers.community('410106002001'),
  );
  expect(outOfScope.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect(outOfScope.errors?.[0]?.message).toBe(missing.errors?.[0]?.message?.replaceAll('T-PX9', 'T-PX1'));
  expect((await q(`mutation { withdrawVolunteerTraining(code: "T-PX1", reason: "录入错误") { id } }`)).errors).toBeUndefined();
});

test('a street office imports its own trainings; a row of another street is a defect and nothing is written', async () => {
  const street = '410106002000';
  const station = (
    await stack.sg.sql<{ number: string; community_code: string }>(
      `SELECT number, community_code FROM station WHERE community_code LIKE '410106002%' ORDER BY number LIMIT 1`,
    )
  )[0];
  const row = (number: string, s: { number: string; community_code: string }) => ({
    number,
    station: s.number,
    community: s.community_code,
    heldOn: '2025-11-11',
    topic: '街道自办培训',
    personTimes: 12,
  });
  const own = [row('SPX001', station), row('SPX002', station)];
  const mixed = [...own, row('SPX003', { number: 'ZYZ001', community_code: '410106001001' })];
  const refused = await importFile(
    stack,
    ledgerOf(TRAININGS),
    writeLedgerFile(mkdtempSync(join(dir, 'mixed-')), ledgerOf(TRAININGS), mixed),
    {
      region: street,
    },
  ).catch((e: LedgerImportError) => e);
  expect((refused as LedgerImportError).defects).toEqual([
    expect.objectContaining({ row: 3, column: '所属社区代码', reason: expect.stringMatching(/lies outside your region 410106002000/) }),
  ]);
  expect((await stack.sg.sql(`SELECT id FROM volunteer_training WHERE number LIKE 'SPX%'`)).length).toBe(0);
  const done = await importFile(stack, ledgerOf(TRAININGS), writeLedgerFile(mkdtempSync(join(dir, 'own-')), ledgerOf(TRAININGS), own), {
    region: street,
  });
  expect(done.inserted).toBe(2);
});
