import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCallers, volunteerProjectRows, writeLedgerFile, type FixtureRow } from '@district/testkit';
import { ledgerOf, importFile, startVolunteerStations, type Stack } from './kit';

/**
 * Named volunteer service projects (志愿服务项目, seeds/000 三.四), distinct from single activities:
 * the generated ledger imported over Shangjie's stations, figures at district, street and community
 * against counts made from the fixture rows, the seed's sentence from one query, daily work.
 */
let stack: Stack;
let rows: FixtureRow[];
let stations: Map<string, string>;

beforeAll(async () => {
  stack = await startVolunteerStations();
  for (const file of ['volunteer/stations.csv']) await importFile(stack, ledgerOf(file));
  rows = volunteerProjectRows();
  const path = writeLedgerFile(mkdtempSync(join(tmpdir(), 'projects-')), ledgerOf('volunteer/projects.csv'), rows);
  const summary = await importFile(stack, ledgerOf('volunteer/projects.csv'), path);
  expect(summary.inserted).toBe(rows.length);
  stations = new Map(
    (await stack.sg.sql<{ number: string; community_code: string }>(`SELECT number, community_code FROM station`)).map((s) => [
      s.number,
      s.community_code,
    ]),
  );
});

afterAll(() => stack?.close());

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', '410106001000', '410106002000', '410106001004']) {
    const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code;
    const here = rows.filter((r) => stations.get(String(r.station))!.startsWith(prefix));
    const running = (d: string) => here.filter((r) => String(r.startedOn) <= d && (!r.endedOn || String(r.endedOn) > d)).length;
    const res = await stack.sg.query(
      `query($c: ID!) { region: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region {
        volunteer { projects(year: 2025) { value previousYear } projectsStarted(year: 2025) { value } }
        volunteerProjects(filter: { runningOn: "2025-12-31" }) { totalCount } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    const region = res.data!.region[0];
    expect(region.volunteer).toEqual({
      projects: { value: running('2025-12-31'), previousYear: running('2024-12-31') },
      projectsStarted: { value: here.filter((r) => String(r.startedOn).startsWith('2025')).length },
    });
    expect(region.volunteerProjects.totalCount).toBe(region.volunteer.projects.value);
  }
});

test('a seed sentence from one query: the street’s named projects (seeds/000 三.四)', async () => {
  const res = await stack.sg.query(
    `{ region: _entities(representations: [{ __typename: "Region", code: "410106001000" }]) { ... on Region {
      volunteer { projects(year: 2025) { value } }
      volunteerProjects(sort: { field: ID }) { nodes { name } } } } }`,
    {},
    testCallers.analyst,
  );
  const r = res.data!.region[0];
  const names = r.volunteerProjects.nodes.map((n: { name: string }) => `“${n.name}”`).join('、');
  expect(`培育${names}等${r.volunteer.projects.value}个志愿服务项目`).toBe(
    '培育“车轮上的守护者”、“党章守护者”、“巷往·新生”、“老伙计帮帮忙”等4个志愿服务项目',
  );
});

test('daily work: a project created at a station, ended on its day, withdrawn; the station refuses withdrawal while it runs one', async () => {
  const community = '410106002003';
  const station = [...stations].find(([, c]) => c === community)![0];
  const office = testCallers.community(community);
  const made = await stack.sg.query(
    `mutation($s: ID!) { createVolunteerProject(input: { id: "T-XM1", stationId: $s, name: "护苗行动", field: CHILDREN, startedOn: "2026-03-01" }) { id station { id } } }`,
    { s: station },
    office,
  );
  expect(made.errors).toBeUndefined();
  const early = await stack.sg.query(`mutation { endVolunteerProject(id: "T-XM1", endedOn: "2026-02-01") { id } }`, {}, office);
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endedOn' });
  expect(
    (await stack.sg.query(`mutation { endVolunteerProject(id: "T-XM1", endedOn: "2026-06-01") { endedOn } }`, {}, office)).data!
      .endVolunteerProject.endedOn,
  ).toBe('2026-06-01');
  const refused = await stack.sg.query(`mutation($s: ID!) { withdrawVolunteerStation(code: $s, reason: "x") { id } }`, { s: station });
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(
    (await stack.sg.query(`mutation { withdrawVolunteerProject(id: "T-XM1", reason: "录入错误") { id } }`, {}, office)).errors,
  ).toBeUndefined();
});
