import { join } from 'node:path';
import { LedgerImportError, type LedgerImporter } from '@district/ledger';
import { DATASETS, expected, startTestSubgraph, testCallers, type Subgraph } from '@district/testkit';
import { workforce } from '../src/module';
import { certificatesLedger } from '../src/modules/certification/certification.ledger';
import { gridsLedger, regionsLedger } from '../src/modules/regions/regions.ledger';
import { workersLedger } from '../src/modules/workers/workers.ledger';
import { importAll, importFile } from './kit';

/**
 * The workforce ledgers into an empty database, as a district adopting the system hands them over:
 * every file whole, nothing new the second time, a ledger with defects refused whole, and a
 * re-import that meets a change made in the app reports it and keeps the app's value.
 */
let sg: Subgraph;

beforeAll(async () => {
  sg = await startTestSubgraph(workforce);
  await importAll(sg);
});

afterAll(() => sg?.close());

/** Every table's row count and content hash. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await sg.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = await sg.sql(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.n}:${r.h}`;
  }
  return out;
}

test('every workforce ledger holds its rows, each row once', async () => {
  const rows = Object.fromEntries(expected.files.map((f) => [f.file, f.rows]));
  const counts = await sg.sql<{ t: string; n: string }>(`
    SELECT 'regions.csv' AS t, count(*) AS n FROM region UNION ALL SELECT 'grids.csv', count(*) FROM grid
    UNION ALL SELECT 'compounds.csv', count(*) FROM compound UNION ALL SELECT 'workforce/workers.xlsx', count(*) FROM worker
    UNION ALL SELECT 'workforce/certificates.csv', count(*) FROM certificate
    UNION ALL SELECT 'workforce/exam_registrations.csv', count(*) FROM exam_registration
    UNION ALL SELECT 'workforce/trainings.csv', count(*) FROM training
    UNION ALL SELECT 'workforce/training_attendance.csv', count(*) FROM training_attendance
    UNION ALL SELECT 'workforce/deliberations.csv', count(*) FROM deliberation`);
  for (const c of counts) expect({ file: c.t, rows: Number(c.n) }).toEqual({ file: c.t, rows: rows[c.t] });
  const [ids] = await sg.sql(`SELECT min(id) AS first, count(DISTINCT district_code) AS districts FROM worker`);
  expect(ids).toEqual({ first: '410106:SQ00001', districts: '1' });
});

test('importing the same ledgers again changes nothing', async () => {
  for (const s of await importAll(sg)) {
    expect({ file: s.file, inserted: s.inserted, updated: s.updated, conflicts: s.conflictCount }).toEqual({
      file: s.file,
      inserted: 0,
      updated: 0,
      conflicts: 0,
    });
  }
});

test('a ledger with defects is refused whole, every defect reported, the database unchanged', async () => {
  const before = await snapshot();
  const cases: [LedgerImporter, [number, string, string][]][] = [
    [
      certificatesLedger,
      [
        [2, '身份证号', 'checksum'],
        [5, '取得日期', 'date'],
        [6, '证书等级', 'enum'],
        [10, '身份证号', 'format'],
      ],
    ],
    [regionsLedger, [[10, '上级区划代码', 'reference']]],
    [gridsLedger, [[0, '所属社区代码', 'header']]],
  ];
  for (const [importer, want] of cases) {
    const error = await importFile(sg, importer, join(DATASETS, 'dirty', importer.spec.file)).catch((e) => e);
    expect(error).toBeInstanceOf(LedgerImportError);
    const found = (error as LedgerImportError).defects.map((d) => [d.row, d.column, d.kind]);
    expect(found).toEqual(want);
    expect(JSON.stringify((error as LedgerImportError).defects)).not.toMatch(/41010619\d{9}[\dX]/); // no ID number in a reason
  }
  expect(await snapshot()).toEqual(before);
});

test('a ledger of another district than the one imported for is refused row by row', async () => {
  const error = await importFile(sg, gridsLedger, undefined, { district: '410122' }).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  expect((error as LedgerImportError).defects[0]).toMatchObject({ row: 1, column: '所属社区代码', kind: 'reference' });
  expect((error as LedgerImportError).defectCount).toBe(expected.files.find((f) => f.file === 'grids.csv')!.rows);
});

test("re-importing a ledger after a change in the app reports the conflict and keeps the app's value", async () => {
  const moved = await sg.query(
    `mutation { moveCommunityWorker(input: { id: "410106:SQ00003", on: "2026-02-01", tier: LEAD }) { tier posts { fromOn toOn tier } } }`,
    {},
    testCallers.department('workforce'),
  );
  expect(moved.errors).toBeUndefined();
  const again = await importFile(sg, workersLedger);
  expect(again.updated).toBe(0);
  expect(again.conflicts).toEqual([
    {
      file: 'workforce/workers.xlsx',
      row: 3,
      key: '工号 SQ00003',
      fields: [{ column: 'tier', current: 'LEAD', ledger: expect.anything() }],
    },
  ]);
  const [row] = await sg.sql(
    `SELECT tier, (SELECT count(*) FROM worker_post p WHERE p.worker_id = w.id) AS posts FROM worker w WHERE id = '410106:SQ00003'`,
  );
  expect(row).toEqual({ tier: 'LEAD', posts: '2' });

  const overwritten = await importFile(sg, workersLedger, undefined, { overwrite: true });
  expect([overwritten.updated, overwritten.conflictCount]).toEqual([1, 0]);
  const [after] = await sg.sql(`SELECT tier FROM worker WHERE id = '410106:SQ00003'`);
  expect(after.tier).not.toBe('LEAD');
});
