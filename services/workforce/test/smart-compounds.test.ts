import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { smartCompoundsLedger } from '../src/modules/compound-records/compound-records.ledger';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';
import { importFile } from './kit';

/**
 * Smart compound works (智慧小区; seeds/001 §(五)一 and §二 三): started (site chosen) → equipment
 * installed → completed → accepted on their days; figures against the fixture rows, on a day too;
 * the report's sentences from one query each; a street office's own import.
 */
const FILE = 'workforce/smart_compounds.csv';
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([FILE]));
});

afterAll(() => sg?.close());

function expected(code: string, year: number, asOf: string) {
  const cs = under(fx, code);
  const rows = fx.rows[FILE].filter((r) => cs.has(String(r.community)));
  const by = (k: string, r: FixtureRow) => !!r[k] && String(r[k]) <= asOf;
  const inYear = (k: string, r: FixtureRow) => by(k, r) && String(r[k]).startsWith(String(year));
  return {
    started: rows.filter((r) => inYear('startedOn', r)).length,
    completed: rows.filter((r) => inYear('completedOn', r)).length,
    underway: rows.filter((r) => by('startedOn', r)).length,
    inService: rows.filter((r) => by('completedOn', r)).length,
    resettled: rows.filter((r) => by('startedOn', r) && r.resettlement === '是').length,
  };
}

test('figures at the district, a street and a community agree with the ledger rows, on a day too', async () => {
  const pilot = fx.rows[FILE][0];
  for (const code of ['410106000000', fx.street, '410106002000', String(pilot.community)])
    for (const [year, asOf] of [
      [2024, '2024-12-31'],
      [2025, '2025-06-30'],
      [2025, '2025-12-31'],
      [2026, '2026-03-10'],
    ] as const) {
      const res = await sg.query(
        `query($c: ID!, $y: Int!, $d: Date) { region(code: $c) { governance {
          started: smartCompoundsStarted(year: $y, asOf: $d) { value }
          completed: smartCompoundsCompleted(year: $y, asOf: $d) { value }
          underway: smartCompoundsUnderway(year: $y, asOf: $d) { value }
          inService: smartCompoundsInService(year: $y, asOf: $d) { value }
          resettled: smartCompoundsUnderway(year: $y, asOf: $d, resettlement: true) { value } } } }`,
        { c: code, y: year, d: asOf },
        analyst,
      );
      expect(res.errors).toBeUndefined();
      const g = res.data!.region.governance;
      expect(Object.fromEntries(Object.entries(g).map(([k, v]) => [k, (v as { value: number }).value]))).toEqual(
        expected(code, year, asOf),
      );
    }
});

test('the list of works in service agrees with the figure of the day', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") {
      list: smartCompounds(filter: { completedTo: "2025-06-30" }) { totalCount }
      governance { smartCompoundsInService(year: 2025, asOf: "2025-06-30") { value } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.region.list.totalCount).toBe(res.data!.region.governance.smartCompoundsInService.value);
  expect(res.data!.region.list.totalCount).toBe(1);
});

test('a seed sentence from one query: “选定鹿溪河畔作为智慧小区建设试点点位 … 预计年底完成监控、道闸等部分设备的安装及调试” (seeds/001 §(五)一)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      pilots: smartCompounds(filter: { kind: PILOT, startedFrom: "2025-01-01", startedTo: "2025-12-31" }) { nodes { compound { name } plannedOn equipment status } }
      governance { smartCompoundsStarted(year: 2025, kind: PILOT) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [p] = r.pilots.nodes;
  expect(
    `选定${r.governance.smartCompoundsStarted.value}个智慧小区建设试点：选定${p.compound.name}作为智慧小区建设试点点位` +
      `${p.plannedOn ? '，制定智慧小区建设方案' : ''}${p.status === 'STARTED' ? `，预计年底完成${p.equipment}等部分设备的安装及调试` : ''}`,
  ).toBe(
    `选定1个智慧小区建设试点：选定${fx.compounds.find((c) => c.number === fx.rows[FILE][0].compound)!.name}作为智慧小区建设试点点位，制定智慧小区建设方案，预计年底完成监控、道闸等部分设备的安装及调试`,
  );
});

test('a seed sentence from one query: “启动保水逸苑、鹿溪雅韵智慧小区打造工程，力争将3个新安置小区都建成智慧服务小区” (seeds/001 §二 三)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      started: smartCompounds(filter: { kind: SMART_SERVICE, resettlement: true, startedFrom: "2026-01-01", startedTo: "2026-12-31" }, sort: { field: STARTED_ON }) { nodes { compound { name } } }
      governance { planned: smartCompoundsUnderway(year: 2026, asOf: "2026-06-30", resettlement: true) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const names = r.started.nodes.map((n: { compound: { name: string } }) => n.compound.name);
  const [b, d] = [fx.rows[FILE][1], fx.rows[FILE][2]].map((row) => fx.compounds.find((c) => c.number === row.compound)!.name);
  expect(`启动${names.join('、')}智慧小区打造工程，力争将${r.governance.planned.value}个新安置小区都建成智慧服务小区`).toBe(
    `启动${b}、${d}智慧小区打造工程，力争将3个新安置小区都建成智慧服务小区`,
  );
});

test('daily work: a work through its dated steps; a wrong step is a conflict; errors name their field', async () => {
  const compound = fx.compounds.find((c) => c.community.startsWith('410106003'))!;
  const office = testCallers.community(compound.community);
  const started = await sg.query(
    `mutation($c: ID!) { startSmartCompound(input: { compoundId: $c, kind: SMART_SERVICE, resettlement: true, equipment: "人脸识别", funding: 200000, fundingSource: STREET, startedOn: "2026-02-01", plannedOn: "2026-02-20" }) { id status resettlement } }`,
    { c: compound.number },
    office,
  );
  expect(started.errors).toBeUndefined();
  const id = started.data!.startSmartCompound.id;
  const step = (m: string, arg: string, on: string) =>
    sg.query(`mutation($id: ID!) { ${m}(id: $id, ${arg}: "${on}") { status } }`, { id }, office);
  expect(errorOf(await step('acceptSmartCompound', 'acceptedOn', '2026-05-01')).code).toBe('CONFLICT');
  expect(errorOf(await step('recordSmartCompoundInstallation', 'installedOn', '2026-02-10'))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'installedOn',
  });
  expect((await step('recordSmartCompoundInstallation', 'installedOn', '2026-04-01')).data!.recordSmartCompoundInstallation.status).toBe(
    'INSTALLED',
  );
  expect((await step('completeSmartCompound', 'completedOn', '2026-05-01')).data!.completeSmartCompound.status).toBe('COMPLETED');
  expect((await step('acceptSmartCompound', 'acceptedOn', '2026-05-20')).data!.acceptSmartCompound.status).toBe('ACCEPTED');
  const noSource = await sg.query(
    `mutation($c: ID!) { startSmartCompound(input: { compoundId: $c, kind: PILOT, funding: 1000, startedOn: "2026-02-01" }) { id } }`,
    { c: compound.number },
    office,
  );
  expect(errorOf(noSource)).toEqual({ code: 'BAD_USER_INPUT', field: 'fundingSource' });
  const elsewhere = fx.compounds.find((c) => !c.community.startsWith(compound.community.slice(0, 9)))!;
  const outside = await sg.query(
    `mutation($c: ID!) { startSmartCompound(input: { compoundId: $c, kind: PILOT, startedOn: "2026-02-01" }) { id } }`,
    { c: elsewhere.number },
    office,
  );
  expect(errorOf(outside).code).toBe('FORBIDDEN');
  const fig = await sg.query(
    `query($c: ID!) { region(code: $c) { governance { smartCompoundsInService(year: 2026, asOf: "2026-06-30", resettlement: true) { value } } } }`,
    { c: compound.community },
    analyst,
  );
  expect(fig.data!.region.governance.smartCompoundsInService.value).toBe(1);
  const corrected = await sg.query(
    `mutation($id: ID!) { correctSmartCompound(id: $id, input: { completedOn: null, acceptedOn: null }, reason: "尚未建成") { status } }`,
    { id },
    office,
  );
  expect(corrected.data!.correctSmartCompound.status).toBe('INSTALLED');
});

test('a street office imports its own works; rows of another street are defects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smart-'));
  const rows = fx.rows[FILE];
  const mine = rows.filter((r) => String(r.community).startsWith(fx.street.slice(0, 9)));
  const theirs = rows.find((r) => !String(r.community).startsWith(fx.street.slice(0, 9)))!;
  const installed = mine.map((r, i) => (i === 0 ? { ...r, installedOn: '2025-12-20' } : r));
  const refused = await importFile(sg, smartCompoundsLedger, writeLedgerFile(dir, smartCompoundsLedger, [...installed, theirs]), {
    region: fx.street,
  }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(LedgerImportError);
  expect((refused as LedgerImportError).defects).toEqual([expect.objectContaining({ row: mine.length + 1, column: '所属社区代码' })]);
  const done = await importFile(sg, smartCompoundsLedger, writeLedgerFile(dir, smartCompoundsLedger, installed), { region: fx.street });
  expect(done).toMatchObject({ updated: 1, unchanged: mine.length - 1 });
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { smartCompounds(filter: { kind: PILOT }) { nodes { status installedOn } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.data!.region.smartCompounds.nodes).toEqual([{ status: 'INSTALLED', installedOn: '2025-12-20' }]);
});
