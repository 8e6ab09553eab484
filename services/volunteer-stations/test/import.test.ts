import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerImportError, type ImportSummary } from '@district/ledger';
import { DATASETS, expected, testCallers } from '@district/testkit';
import { importAll, importFile, ledgerOf, snapshot, startVolunteerStations, type Stack } from './kit';

/**
 * The volunteer ledgers into an empty database, as a district adopting the system hands them over:
 * every file whole, nothing new the second time, a ledger with defects refused whole, a re-import
 * that meets a change made in the app reports it and keeps the app's value, and a ledger imported
 * for another district refused row by row.
 */
let stack: Stack;
let first: ImportSummary[];

beforeAll(async () => {
  stack = await startVolunteerStations();
  first = await importAll(stack);
});

afterAll(() => stack?.close());

const rowsOf = (file: string) => expected.files.find((f) => f.file === file)!.rows;

test('every volunteer ledger holds its rows, each row once, under ids of the district', async () => {
  for (const s of first)
    expect({ file: s.file, read: s.read, inserted: s.inserted }).toEqual({ file: s.file, read: rowsOf(s.file), inserted: rowsOf(s.file) });
  const counts = await stack.sg.sql<{ t: string; n: string }>(`
    SELECT 'volunteer/stations.csv' AS t, count(*) AS n FROM station UNION ALL SELECT 'volunteer/pilots.csv', count(*) FROM pilot
    UNION ALL SELECT 'volunteer/volunteers.csv', count(*) FROM volunteer UNION ALL SELECT 'volunteer/activities.csv', count(*) FROM activity
    UNION ALL SELECT 'volunteer/service_records.csv', count(*) FROM service_record
    UNION ALL SELECT 'volunteer/needs.csv', count(*) FROM need UNION ALL SELECT 'volunteer/resources.csv', count(*) FROM resource`);
  for (const c of counts) expect({ file: c.t, rows: Number(c.n) }).toEqual({ file: c.t, rows: rowsOf(c.t) });
  const [keys] = await stack.sg.sql(`SELECT
    (SELECT min(id) FROM station) AS station, (SELECT count(DISTINCT district_code) FROM station) AS districts,
    (SELECT station_id FROM volunteer WHERE number = 'V0000001') AS "volunteerStation",
    (SELECT station_id FROM activity WHERE number = 'HD202500001') AS "activityStation",
    (SELECT count(*) FROM service_record WHERE activity_id NOT LIKE '410106:%' OR volunteer_id NOT LIKE '410106:%') AS foreign,
    (SELECT district_code FROM pilot WHERE community_code = '410106001001') AS "pilotDistrict"`);
  expect(keys).toEqual({
    station: '410106:ZYZ001',
    districts: '1',
    volunteerStation: '410106:ZYZ040',
    activityStation: '410106:ZYZ094',
    foreign: '0',
    pilotDistrict: '410106',
  });
});

test('importing the same ledgers again changes nothing', async () => {
  for (const s of await importAll(stack)) {
    expect({ file: s.file, inserted: s.inserted, updated: s.updated, conflicts: s.conflictCount }).toEqual({
      file: s.file,
      inserted: 0,
      updated: 0,
      conflicts: 0,
    });
  }
});

test('the dirty service records are refused whole with exactly their listed defects, the database unchanged', async () => {
  const listed = (
    JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')) as {
      defects: { file: string; row: number; column: string; kind: string }[];
    }
  ).defects.filter((d) => d.file.startsWith('volunteer/'));
  expect(listed.length).toBeGreaterThan(0);
  const before = await snapshot(stack);
  const file = 'volunteer/service_records.csv';
  const error = await importFile(stack, ledgerOf(file), join(DATASETS, 'dirty', file)).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  type Where = { file: string; row: number; column: string; kind: string };
  const sorted = (defects: Where[]) =>
    defects
      .map(({ file, row, column, kind }) => ({ file, row, column, kind }))
      .sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  expect(sorted(error.defects)).toEqual(sorted(listed));
  expect(await snapshot(stack)).toEqual(before);
});

test("a re-import meeting a change made in the app reports it and keeps the app's value; overwrite replaces it", async () => {
  // a need the ledger lists as 待认领, claimed in the app
  const [need] = await stack.sg.sql<{ id: string; number: string; raised: string }>(
    `SELECT id, number, raised_on::text AS raised FROM need WHERE status = 'RAISED' ORDER BY id DESC LIMIT 1`,
  );
  const claim = await stack.sg.query(
    'mutation($id: ID!, $on: Date) { claimVolunteerNeed(code: $id, claimedBy: "ZYZ001", claimedOn: $on) { status } }',
    { id: need.id, on: need.raised },
    testCallers.department('volunteer-stations'),
  );
  expect(claim.errors).toBeUndefined();
  const status = async () => (await stack.sg.sql<{ status: string }>('SELECT status FROM need WHERE id = ?', [need.id]))[0].status;

  const needs = ledgerOf('volunteer/needs.csv');
  const again = await importFile(stack, needs);
  expect(again).toMatchObject({ inserted: 0, updated: 0, conflictCount: 1 });
  expect(again.conflicts).toEqual([
    {
      file: 'volunteer/needs.csv',
      row: expect.any(Number),
      key: `需求编号 ${need.number}`,
      fields: [{ column: 'status', current: 'CLAIMED', ledger: 'RAISED' }],
    },
  ]);
  expect(await status()).toBe('CLAIMED');

  const replaced = await importFile(stack, needs, undefined, { overwrite: true });
  expect(replaced).toMatchObject({ updated: 1, conflictCount: 0 });
  expect(await status()).toBe('RAISED');
});

test('a ledger imported for another district is refused row by row, and nothing changes', async () => {
  const before = await snapshot(stack);
  const refused = async (file: string): Promise<LedgerImportError> => {
    const error = await importFile(stack, ledgerOf(file), undefined, { district: '410107' }).catch((e) => e);
    expect(error).toBeInstanceOf(LedgerImportError);
    return error;
  };
  // rows that name their place: every place lies in 410106
  for (const file of ['volunteer/stations.csv', 'volunteer/pilots.csv', 'volunteer/needs.csv', 'volunteer/resources.csv']) {
    const error = await refused(file);
    expect({ file, defects: error.defectCount }).toEqual({ file, defects: rowsOf(file) });
    expect(error.defects[0]).toMatchObject({ kind: 'reference', reason: expect.stringContaining('410107') });
  }
  // rows that name a station by its number: 410107 has no station of that number
  const volunteers = await refused('volunteer/volunteers.csv');
  expect(volunteers.defectCount).toBe(rowsOf('volunteer/volunteers.csv'));
  expect(volunteers.defects[0]).toMatchObject({ column: '所属站点编号', kind: 'reference' });
  expect(await snapshot(stack)).toEqual(before);
});
