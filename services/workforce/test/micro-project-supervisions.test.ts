import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { microProjectSupervisionsLedger } from '../src/modules/micro-projects/micro-projects.ledger';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';
import { importFile } from './kit';

/**
 * Supervision of micro livelihood works (“居民点单+社区接单+多方督单”, the 督单 step; seeds/000 一.三):
 * figures at district, street and community against the fixture rows, the seed's sentence from one
 * query, a finding resolved on a later day, a street office's own import.
 */
const FILE = 'workforce/micro_project_supervisions.csv';
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/micro_projects.csv', FILE]));
});

afterAll(() => sg?.close());

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows[FILE].filter((r) => cs.has(String(r.community)));
  const y = (r: FixtureRow, year: string) => String(r.supervisedOn).startsWith(year);
  const deputies = (r: FixtureRow) => ['人大代表', '政协委员'].includes(String(r.supervisorKind));
  const projects = (year: string) => new Set(rows.filter((r) => y(r, year)).map((r) => r.project)).size;
  return {
    supervisions: { value: rows.filter((r) => y(r, '2025')).length, previousYear: rows.filter((r) => y(r, '2024')).length },
    byDeputies: { value: rows.filter((r) => y(r, '2025') && deputies(r)).length },
    supervised: { value: projects('2025'), previousYear: projects('2024') },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  const other = fx.rows[FILE].find((r) => !String(r.community).startsWith(fx.street.slice(0, 9)))!;
  for (const code of ['410106000000', fx.street, '410106002000', String(other.community)]) {
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { governance {
        supervisions: microProjectSupervisions(year: 2025) { value previousYear }
        byDeputies: microProjectSupervisions(year: 2025, supervisorKinds: [NPC_DEPUTY, CPPCC_MEMBER]) { value }
        supervised: microProjectsSupervised(year: 2025) { value previousYear } } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('the open findings listed are the rows with a finding and no resolution', async () => {
  const res = await sg.query(`{ microProjectSupervisions(filter: { open: true }, first: 500) { totalCount } }`, {}, analyst);
  expect(res.errors).toBeUndefined();
  expect(res.data!.microProjectSupervisions.totalCount).toBe(fx.rows[FILE].filter((r) => r.findings && !r.resolvedOn).length);
});

test('a seed sentence from one query: “通过‘居民点单+社区接单+多方督单’机制，实施小微民生项目6个，多方督单14次” (seeds/000 一.三)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { governance {
      works: microProjectsStarted(year: 2025) { value }
      supervised: microProjectsSupervised(year: 2025) { value }
      supervisions: microProjectSupervisions(year: 2025) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.region.governance;
  expect(
    `通过“居民点单+社区接单+多方督单”机制，实施小微民生项目${g.works.value}个，${g.supervised.value}个项目接受多方督单${g.supervisions.value}次`,
  ).toBe('通过“居民点单+社区接单+多方督单”机制，实施小微民生项目6个，6个项目接受多方督单14次');
});

test('daily work: a supervision on its day, its finding resolved later; errors name their field', async () => {
  const project = fx.rows['workforce/micro_projects.csv'].find((p) => String(p.community).startsWith('410106003'))!;
  const office = testCallers.community(String(project.community));
  const record = (on: string, extra = '') =>
    sg.query(
      `mutation($p: ID!) { recordMicroProjectSupervision(input: { projectId: $p, supervisedOn: "${on}", supervisorKind: RESIDENT_REPRESENTATIVE, supervisor: "居民代表4名"${extra} }) { id project { number } resolvedOn } }`,
      { p: project.number },
      office,
    );
  expect(errorOf(await record('2020-01-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'supervisedOn' });
  const made = await record('2026-06-01', ', findings: "井盖松动"');
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordMicroProjectSupervision).toMatchObject({ project: { number: project.number }, resolvedOn: null });
  const id = made.data!.recordMicroProjectSupervision.id;
  const resolve = (on: string) =>
    sg.query(`mutation($id: ID!) { resolveMicroProjectSupervision(id: $id, resolvedOn: "${on}") { resolvedOn } }`, { id }, office);
  expect(errorOf(await resolve('2026-05-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'resolvedOn' });
  expect((await resolve('2026-06-10')).data!.resolveMicroProjectSupervision.resolvedOn).toBe('2026-06-10');
  expect(errorOf(await resolve('2026-06-11')).code).toBe('CONFLICT');
  const elsewhere = fx.rows['workforce/micro_projects.csv'].find((p) => !String(p.community).startsWith('410106003'))!;
  const outside = await sg.query(
    `mutation($p: ID!) { recordMicroProjectSupervision(input: { projectId: $p, supervisedOn: "2026-06-01", supervisorKind: STREET }) { id } }`,
    { p: elsewhere.number },
    office,
  );
  expect(errorOf(outside).code).toBe('FORBIDDEN');
  const works = await sg.query(
    `query($p: ID!) { microProject(id: $p) { supervisions { supervisedOn supervisorKind findings } } }`,
    { p: project.number },
    analyst,
  );
  expect(works.data!.microProject.supervisions).toContainEqual({
    supervisedOn: '2026-06-01',
    supervisorKind: 'RESIDENT_REPRESENTATIVE',
    findings: '井盖松动',
  });
  const cleared = await sg.query(
    `mutation($id: ID!) { correctMicroProjectSupervision(id: $id, input: { findings: null }) { id } }`,
    { id },
    office,
  );
  expect(errorOf(cleared)).toEqual({ code: 'BAD_USER_INPUT', field: 'findings' });
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawMicroProjectSupervision(id: $id, reason: "重复") { id } }`, { id }, office)).errors,
  ).toBeUndefined();
});

test('a street office imports its own supervisions; rows of another street are defects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisions-'));
  const mine = fx.rows[FILE].filter((r) => String(r.community).startsWith(fx.street.slice(0, 9))).slice(0, 2);
  const theirs = fx.rows[FILE].find((r) => !String(r.community).startsWith(fx.street.slice(0, 9)))!;
  const added = { ...mine[0], number: 'DD-NEW-1', supervisorKind: '政协委员', findings: null, resolvedOn: null };
  const refused = await importFile(
    sg,
    microProjectSupervisionsLedger,
    writeLedgerFile(dir, microProjectSupervisionsLedger, [...mine, theirs, added]),
    {
      region: fx.street,
    },
  ).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(LedgerImportError);
  expect((refused as LedgerImportError).defects).toEqual([expect.objectContaining({ row: 3, column: '所属社区代码' })]);
  const done = await importFile(
    sg,
    microProjectSupervisionsLedger,
    writeLedgerFile(dir, microProjectSupervisionsLedger, [...mine, added]),
    {
      region: fx.street,
    },
  );
  expect(done).toMatchObject({ inserted: 1, unchanged: 2 });
});
