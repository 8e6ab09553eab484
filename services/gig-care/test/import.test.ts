import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { DATASETS, expected, testCallers } from '@district/testkit';
import { careEventsLedger, carePartnersLedger } from '../src/modules/care/care.ledger';
import { issuesLedger } from '../src/modules/issues/issues.ledger';
import { stationsLedger } from '../src/modules/stations/stations.ledger';
import { workersLedger } from '../src/modules/workers/workers.ledger';
import { startGig, type GigGraph } from './kit';

/**
 * The gig ledgers into an empty database, as a district adopting the system hands them over: every
 * file whole, nothing new the second time, a dirty ledger refused whole, a re-import that meets a
 * change made in the app reports it and keeps the app's value, and a ledger of another district
 * refused row by row (or, for the place-less care ledgers, kept apart as that district's).
 */
const DIRTY = join(DATASETS, 'dirty', 'gig', 'workers.csv');
const dirtyDefects = (
  JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')) as {
    defects: { file: string; row: number; column: string; kind: string }[];
  }
).defects.filter((d) => d.file === 'gig/workers.csv');
const FORMULA = '=HYPERLINK("http://example.invalid","张三")';

let g: GigGraph;
beforeAll(async () => {
  g = await startGig();
  await g.importAll();
});
afterAll(() => g?.close());

/** Every table's row count and content hash: "the database is exactly as it was". */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await g.sg.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = await g.sg.sql(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.n}:${r.h}`;
  }
  return out;
}

test('every gig ledger holds its rows, each row once, under global ids of its district', async () => {
  const rows = Object.fromEntries(expected.files.map((f) => [f.file, f.rows]));
  const counts = await g.sg.sql<{ t: string; n: string }>(`
    SELECT 'gig/workers.csv' AS t, count(*) AS n FROM gig_worker WHERE district_code = '410106'
    UNION ALL SELECT 'gig/stations.csv', count(*) FROM gig_station WHERE district_code = '410106'
    UNION ALL SELECT 'gig/rider_code_compounds.csv', count(*) FROM gig_rider_code_compound WHERE district_code = '410106'
    UNION ALL SELECT 'gig/issue_reports.csv', count(*) FROM gig_issue WHERE district_code = '410106'
    UNION ALL SELECT 'gig/care_events.csv', count(*) FROM gig_care_event WHERE district_code = '410106'
    UNION ALL SELECT 'gig/care_partners.csv', count(*) FROM gig_care_partner WHERE district_code = '410106'`);
  for (const c of counts) expect({ file: c.t, rows: Number(c.n) }).toEqual({ file: c.t, rows: rows[c.t] });
  const [ids] = await g.sg.sql(`SELECT
    (SELECT min(id) FROM gig_worker) AS worker, (SELECT min(reporter_id) FROM gig_issue WHERE number = 'SB20250001') AS reporter,
    (SELECT id FROM gig_rider_code_compound WHERE number = 'XQ0116') AS compound,
    (SELECT string_agg(DISTINCT region_code, ',') FROM gig_care_event WHERE district_code = '410106') AS events,
    (SELECT string_agg(DISTINCT region_code, ',') FROM gig_care_partner WHERE district_code = '410106') AS partners`);
  expect(ids).toEqual({
    worker: '410106:XJY00001',
    reporter: '410106:XJY00745',
    compound: '410106:XQ0116',
    events: '410106000000',
    partners: '410106000000',
  });
});

test('importing the same ledgers again changes nothing', async () => {
  for (const s of await g.importAll()) {
    expect({ file: s.file, inserted: s.inserted, updated: s.updated, conflicts: s.conflictCount }).toEqual({
      file: s.file,
      inserted: 0,
      updated: 0,
      conflicts: 0,
    });
  }
});

test('the dirty workers ledger is refused whole, every defect reported, the database unchanged', async () => {
  const before = await snapshot();
  const error = await g.importFile(workersLedger, DIRTY).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  const reported = (error as LedgerImportError).defects.map((d) => `${d.row}|${d.column}|${d.kind}`);
  for (const d of dirtyDefects.filter((x) => x.kind !== 'formula-text')) expect(reported).toContain(`${d.row}|${d.column}|${d.kind}`);
  expect(reported).not.toContainEqual(expect.stringMatching(/^3\|/)); // the formula-like name is not a defect
  expect(JSON.stringify((error as LedgerImportError).defects)).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
  expect(await snapshot()).toEqual(before);
});

test('a cell over the text limit the forms apply is a defect naming its file, row and column, never quoted', async () => {
  const before = await snapshot();
  const dir = mkdtempSync(join(tmpdir(), 'gig-long-'));
  mkdirSync(join(dir, 'gig'));
  const [header, first, ...rest] = readFileSync(join(DATASETS, 'shangjie-2025', 'gig', 'workers.csv'), 'utf8').split('\n');
  const cells = first.split(',');
  cells[header.split(',').indexOf('姓名')] = '长'.repeat(300_000);
  writeFileSync(join(dir, 'gig', 'workers.csv'), [header, cells.join(','), ...rest].join('\n'));
  const error = await g.importFile(workersLedger, join(dir, 'gig', 'workers.csv')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  const defects = (error as LedgerImportError).defects;
  expect(defects).toEqual([
    expect.objectContaining({ file: 'gig/workers.csv', row: 1, column: '姓名', kind: 'range', reason: expect.stringContaining('2000') }),
  ]);
  expect(JSON.stringify(defects).length).toBeLessThan(1000);
  expect(await snapshot()).toEqual(before);
});

test('a formula-like name is stored as text and neutralised in the CSV export', async () => {
  // the dirty file without its broken last record: the formula row alone is valid data
  const dir = mkdtempSync(join(tmpdir(), 'gig-formula-'));
  mkdirSync(join(dir, 'gig'));
  const lines = readFileSync(DIRTY, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('XJY99999'));
  writeFileSync(join(dir, 'gig', 'workers.csv'), `${lines.join('\n')}\n`);
  const summary = await g.importFile(workersLedger, join(dir, 'gig', 'workers.csv'));
  expect({ inserted: summary.inserted, updated: summary.updated }).toEqual({ inserted: 0, updated: 1 });

  const dept = testCallers.department('gig-care');
  const stored = await g.sg.query<{ gigWorker: { name: string } }>('{ gigWorker(code: "XJY00003") { name } }', {}, dept);
  expect(stored.data!.gigWorker.name).toBe(FORMULA);

  const EXPORT = '{ gigWorkersCsv(filter: { regionCode: "410106003007", registeredFrom: "2024-09-22", registeredTo: "2024-09-22" }) }';
  const csv = await g.sg.query<{ gigWorkersCsv: string }>(EXPORT, {}, dept);
  const rows = csv.data!.gigWorkersCsv.split('\r\n');
  expect(rows[0]).toBe('编号,姓名,身份证号,手机号码,从业类型,所属平台企业,是否党员,是否流动网格员,登记日期,常驻社区代码');
  expect(rows).toContain(
    `XJY00003,"'=HYPERLINK(""http://example.invalid"",""张三"")",410106197502276157,17629609665,外卖骑手,美团,否,是,2024-09-22,410106003007`,
  );
  // an analyst's export is masked, and the masked text is neutralised too
  const masked = await g.sg.query<{ gigWorkersCsv: string }>(EXPORT, {}, testCallers.analyst);
  const row = masked.data!.gigWorkersCsv.split('\r\n').find((l) => l.startsWith('XJY00003'))!;
  expect(row).toMatch(/^XJY00003,'=\*+,410106\*{8}6157,176\*{4}9665,/);

  await g.importFile(workersLedger); // the clean ledger's name back, for the other tests
});

test("re-importing a ledger after a change in the app reports the conflict and keeps the app's value", async () => {
  // SB20250012 is 处置中 in the ledger; the app resolves it
  const resolved = await g.sg.query(
    `mutation { resolveGigIssue(code: "410106:SB20250012", resolution: "已清理") { status } }`,
    {},
    testCallers.department('gig-care'),
  );
  expect(resolved.errors).toBeUndefined();
  const again = await g.importFile(issuesLedger);
  expect(again.updated).toBe(0);
  expect(again.conflicts).toEqual([
    {
      file: 'gig/issue_reports.csv',
      row: 12,
      key: '上报编号 SB20250012',
      fields: [
        { column: 'status', current: 'RESOLVED', ledger: 'DISPATCHED' },
        { column: 'resolved_at', current: expect.anything(), ledger: null },
      ],
    },
  ]);
  const [kept] = await g.sg.sql(`SELECT status, resolution FROM gig_issue WHERE id = '410106:SB20250012'`);
  expect(kept).toEqual({ status: 'RESOLVED', resolution: '已清理' });

  const overwritten = await g.importFile(issuesLedger, undefined, { overwrite: true });
  expect([overwritten.updated, overwritten.conflictCount]).toEqual([1, 0]);
  const [after] = await g.sg.sql(`SELECT status, resolved_at FROM gig_issue WHERE id = '410106:SB20250012'`);
  expect(after).toEqual({ status: 'DISPATCHED', resolved_at: null });
});

test('a ledger of another district than the one imported for is refused row by row', async () => {
  const error = await g.importFile(stationsLedger, undefined, { district: '410122' }).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  expect((error as LedgerImportError).defects[0]).toMatchObject({ row: 1, column: '所属社区代码', kind: 'reference' });
  expect((error as LedgerImportError).defectCount).toBe(expected.files.find((f) => f.file === 'gig/stations.csv')!.rows);
});

test("care events and partners of another district are that district's own: same numbers, separate rows, separate figures", async () => {
  await g.importFile(careEventsLedger, undefined, { district: '410122' });
  await g.importFile(carePartnersLedger, undefined, { district: '410122' });
  const [rows] = await g.sg.sql(`SELECT
    (SELECT string_agg(id, ',' ORDER BY id) FROM gig_care_event WHERE number = 'GA202501') AS events,
    (SELECT region_code FROM gig_care_event WHERE id = '410122:GA202501') AS place,
    (SELECT count(*) FROM gig_care_partner WHERE district_code = '410122') AS partners`);
  expect(rows).toEqual({ events: '410106:GA202501,410122:GA202501', place: '410122000000', partners: '24' });
  const figures = async (code: string) => {
    const res = await g.sg.query<{ _entities: { gigCare: Record<string, { value: number }> }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { gigCare {
        festivals: careEvents(year: 2025, kind: KNIGHT_FESTIVAL) { value } partners: carePartners(year: 2025) { value } } } } }`,
      { r: [{ __typename: 'Region', code, compoundCount: 0 }] },
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].gigCare;
  };
  // each district counts its own rows only (the first release counted every district's at every district)
  expect(await figures('410106000000')).toEqual({ festivals: { value: 3 }, partners: { value: 24 } });
  expect(await figures('410122000000')).toEqual({ festivals: { value: 3 }, partners: { value: 24 } });
  const list = await g.sg.query<{ gigCareEvents: { totalCount: number } }>(
    '{ gigCareEvents(filter: { regionCode: "410106", year: 2025 }) { totalCount } }',
  );
  expect(list.data!.gigCareEvents.totalCount).toBe(4);
});
