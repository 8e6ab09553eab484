import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { DATASETS, expected } from '@district/testkit';
import { organizationsLedger } from '../src/modules/organizations/organizations.ledger';
import { inspectionsLedger } from '../src/modules/inspections/inspections.ledger';
import { mediationLedger } from '../src/modules/mediation/mediation.ledger';
import { department, startSocialGraph, type SocialGraph } from './kit';

/**
 * The social ledgers into an empty database, as a district adopting the system hands them over:
 * every file whole, nothing new the second time, a ledger with defects refused whole, a re-import
 * that meets a change made in the app reports it and keeps the app's value, and a ledger of another
 * district refused row by row.
 */
let g: SocialGraph;

beforeAll(async () => {
  g = await startSocialGraph({ empty: true });
  await g.importAll();
});

afterAll(() => g?.close());

/** Every table's row count and content hash. */
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

test('every social ledger holds its rows, each row once, in its district', async () => {
  const rows = Object.fromEntries(expected.files.map((f) => [f.file, f.rows]));
  const counts = await g.sg.sql<{ t: string; n: string }>(`
    SELECT 'social/organizations.csv' AS t, count(*) AS n FROM social_organization
    UNION ALL SELECT 'social/annual_inspections.csv', count(*) FROM annual_inspection
    UNION ALL SELECT 'social/mediation_cases.csv', count(*) FROM mediation_case
    UNION ALL SELECT 'social/service_projects.csv', count(*) FROM service_project`);
  for (const c of counts) expect({ file: c.t, rows: Number(c.n) }).toEqual({ file: c.t, rows: rows[c.t] });
  const [keys] = await g.sg.sql(`SELECT (SELECT min(id) FROM mediation_case) AS "case", (SELECT min(id) FROM service_project) AS project,
    (SELECT string_agg(DISTINCT district_code, ',') FROM (SELECT district_code FROM social_organization UNION ALL SELECT district_code FROM annual_inspection
      UNION ALL SELECT district_code FROM mediation_case UNION ALL SELECT district_code FROM service_project) d) AS districts`);
  expect(keys).toEqual({ case: '410106:TJ202400001', project: '410106:XM2025001', districts: '410106' });
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

test('the dirty organisations ledger is refused whole with exactly its listed defects, the database unchanged', async () => {
  const listed = (
    JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')).defects as {
      file: string;
      row: number;
      column: string;
      kind: string;
    }[]
  )
    .filter((d) => d.file === 'social/organizations.csv')
    .map(({ file, row, column, kind }) => ({ file, row, column, kind }));
  const before = await snapshot();
  const error = await g.importFile(organizationsLedger, join(DATASETS, 'dirty', 'social', 'organizations.csv')).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  const found = (error as LedgerImportError).defects.map(({ file, row, column, kind }) => ({ file, row, column, kind }));
  const order = (a: { row: number }, b: { row: number }) => a.row - b.row;
  expect(found.sort(order)).toEqual(listed.sort(order));
  for (const d of (error as LedgerImportError).defects) expect(d.reason).toMatch(/ \/ /); // Chinese / English
  expect(await snapshot()).toEqual(before);
});

test('a ledger of another district than the one imported for is refused row by row', async () => {
  const before = await snapshot();
  const orgs = await g.importFile(organizationsLedger, undefined, { district: '410122' }).catch((e) => e);
  expect(orgs).toBeInstanceOf(LedgerImportError);
  expect((orgs as LedgerImportError).defects[0]).toMatchObject({ row: 1, column: '所属街道代码', kind: 'reference' });
  expect((orgs as LedgerImportError).defectCount).toBe(expected.files.find((f) => f.file === 'social/organizations.csv')!.rows);
  // cases name organisations, looked for only among the district's own: none is 410122's
  const cases = await g.importFile(mediationLedger, undefined, { district: '410122' }).catch((e) => e);
  expect((cases as LedgerImportError).defects[0]).toMatchObject({ row: 1, column: '调解组织编码', kind: 'reference' });
  expect((cases as LedgerImportError).defectCount).toBe(expected.files.find((f) => f.file === 'social/mediation_cases.csv')!.rows);
  expect(await snapshot()).toEqual(before);
});

test("re-importing after a change in the app reports the conflict and keeps the app's value; overwrite replaces it", async () => {
  // TJ202501121 is 调解中 in the ledger (data row 13); the app closes it
  const closed = await g.query(
    `mutation { closeMediationCase(caseNumber: "TJ202501121", result: RESOLVED, closedOn: "2026-01-15") { result } }`,
    {},
    department,
  );
  expect(closed.errors).toBeUndefined();
  const again = await g.importFile(mediationLedger);
  expect(again.updated).toBe(0);
  expect(again.conflicts).toEqual([
    {
      file: 'social/mediation_cases.csv',
      row: 13,
      key: '案件编号 TJ202501121',
      fields: [
        { column: 'result', current: 'RESOLVED', ledger: 'IN_PROGRESS' },
        { column: 'closed_on', current: '2026-01-15', ledger: null },
      ],
    },
  ]);
  const kept = await g.sg.sql(`SELECT result, closed_on::text AS closed_on FROM mediation_case WHERE id = '410106:TJ202501121'`);
  expect(kept).toEqual([{ result: 'RESOLVED', closed_on: '2026-01-15' }]);

  // an inspection result corrected in the app (keyed by the national credit code and the year) likewise
  const corrected = await g.query(
    `mutation { recordAnnualInspection(creditCode: "51410106956706585R", year: 2024, result: UNQUALIFIED) { result } }`,
    {},
    department,
  );
  expect(corrected.errors).toBeUndefined();
  const inspections = await g.importFile(inspectionsLedger);
  expect(inspections.conflicts).toEqual([
    {
      file: 'social/annual_inspections.csv',
      row: 1,
      key: '统一社会信用代码 51410106956706585R 检查年度 2024',
      fields: [{ column: 'result', current: 'UNQUALIFIED', ledger: 'QUALIFIED' }],
    },
  ]);

  const overwritten = await g.importFile(mediationLedger, undefined, { overwrite: true });
  expect([overwritten.updated, overwritten.conflictCount]).toEqual([1, 0]);
  const restored = await g.sg.sql(`SELECT result, closed_on FROM mediation_case WHERE id = '410106:TJ202501121'`);
  expect(restored).toEqual([{ result: 'IN_PROGRESS', closed_on: null }]);
  expect((await g.importFile(inspectionsLedger, undefined, { overwrite: true })).updated).toBe(1);
});

test("an organisation of another district is not changed by this district's ledger", async () => {
  // as if 51410106956706585R had been imported by another district of the deployment
  await g.sg.sql(`UPDATE social_organization SET district_code = '410122' WHERE code = '51410106956706585R'`);
  try {
    const error = await g.importFile(organizationsLedger).catch((e) => e);
    expect(error).toBeInstanceOf(LedgerImportError);
    expect((error as LedgerImportError).defects).toEqual([
      expect.objectContaining({ row: 1, column: '统一社会信用代码', kind: 'reference', reason: expect.stringContaining('410122') }),
    ]);
  } finally {
    await g.sg.sql(`UPDATE social_organization SET district_code = '410106' WHERE code = '51410106956706585R'`);
  }
});
