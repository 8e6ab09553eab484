import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/common';
import { subgraphRequest, testCallers } from '../../common/src/testing';
import { workersLedger } from '../src/modules/workers/workers.ledger';
import { DATASETS, sql, startGigGraph, type GigGraph } from './kit';

/**
 * Re-importing changes nothing; the dirty copy of gig/workers.csv is refused whole; a name that
 * looks like a spreadsheet formula is data, stored as typed and neutralised only when exported.
 */
const DIRTY = join(DATASETS, 'dirty', 'gig', 'workers.csv');
const defects = (
  JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')) as {
    defects: { file: string; row: number; column: string; kind: string }[];
  }
).defects.filter((d) => d.file === 'gig/workers.csv');
const FORMULA = '=HYPERLINK("http://example.invalid","张三")';

let g: GigGraph;
beforeAll(async () => {
  g = await startGigGraph();
  await g.importAll();
}, 180_000);
afterAll(() => g?.close());

/** Every table's row count and content hash: "the database is exactly as it was". */
async function snapshot() {
  const tables = await sql<{ tablename: string }>(
    g.sg,
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = await sql<{ n: string; h: string }>(
      g.sg,
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.n}:${r.h}`;
  }
  return out;
}

test('importing the same ledgers again inserts and updates nothing', async () => {
  for (const s of await g.importAll())
    expect({ file: s.file, inserted: s.inserted, updated: s.updated }).toEqual({ file: s.file, inserted: 0, updated: 0 });
});

test('the dirty workers ledger fails with its broken record reported and changes nothing', async () => {
  const before = await snapshot();
  const error = await g.importFile(workersLedger, DIRTY).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  const reported = (error as LedgerImportError).defects.map((d) => `${d.row}|${d.column}|${d.kind}`);
  for (const d of defects.filter((x) => x.kind !== 'formula-text')) expect(reported).toContain(`${d.row}|${d.column}|${d.kind}`);
  expect(reported).not.toContainEqual(expect.stringMatching(/^3\|/)); // the formula-like name is not a defect
  expect(JSON.stringify((error as LedgerImportError).defects)).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
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
  const stored = await subgraphRequest<{ gigWorker: { name: string } }>(g.sg.url, '{ gigWorker(code: "XJY00003") { name } }', {}, dept);
  expect(stored.data!.gigWorker.name).toBe(FORMULA);

  const csv = await subgraphRequest<{ gigWorkersCsv: string }>(
    g.sg.url,
    '{ gigWorkersCsv(filter: { regionCode: "410106003007", registeredFrom: "2024-09-22", registeredTo: "2024-09-22" }) }',
    {},
    dept,
  );
  const rows = csv.data!.gigWorkersCsv.split('\r\n');
  expect(rows[0]).toBe('编号,姓名,身份证号,手机号码,从业类型,所属平台企业,是否党员,是否流动网格员,登记日期,常驻社区代码');
  expect(rows).toContain(
    `XJY00003,"'=HYPERLINK(""http://example.invalid"",""张三"")",410106197502276157,17629609665,外卖骑手,美团,否,是,2024-09-22,410106003007`,
  );

  // an analyst's export is masked, and the masked text is neutralised too
  const masked = await subgraphRequest<{ gigWorkersCsv: string }>(
    g.sg.url,
    '{ gigWorkersCsv(filter: { regionCode: "410106003007", registeredFrom: "2024-09-22", registeredTo: "2024-09-22" }) }',
    {},
    testCallers.analyst,
  );
  const row = masked.data!.gigWorkersCsv.split('\r\n').find((l) => l.startsWith('XJY00003'))!;
  expect(row).toMatch(/^XJY00003,'=\*+,410106\*{8}6157,176\*{4}9665,/);
});
