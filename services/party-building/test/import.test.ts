import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError, type LedgerImporter } from '@district/ledger';
import { expected, importInto, SHANGJIE, testCallers, type Subgraph } from '@district/testkit';
import type { RegionTree } from '@district/common';
import { twoNewOrgsLedger } from '../src/modules/organizations/organizations.ledger';
import { instructorsLedger, visitsLedger } from '../src/modules/instructors/instructors.ledger';
import { importAll, ledgerRows, startParty } from './kit';

/**
 * The party ledgers into an empty database, as a district adopting the system hands them over:
 * every file whole, nothing new the second time, a ledger with defects refused whole, a re-import
 * that meets a change made in the app reports it and keeps the app's value, and a ledger of
 * another district refused row by row.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let sg: Subgraph;
let regionTree: RegionTree;

beforeAll(async () => {
  env = await startParty();
  sg = env.sg;
  regionTree = env.regionTree;
  await importAll(sg, regionTree);
});

afterAll(() => env?.close());

const importFile = (importer: LedgerImporter, path?: string, opts: { district?: string; overwrite?: boolean } = {}) =>
  importInto(sg, importer, { ...opts, regionTree }, path);

/** Every table's row count and content hash. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await sg.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' AND tablename <> 'audit_log' ORDER BY 1`,
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

/** A copy of a Shangjie ledger with some rows changed, in a directory of its own (outside the project). */
function dirtyCopy(file: string, change: (cells: string[], row: number) => void): string {
  const [header, ...lines] = readFileSync(join(SHANGJIE, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const dir = mkdtempSync(join(tmpdir(), 'party-dirty-'));
  mkdirSync(join(dir, 'party'));
  const changed = lines.map((line, i) => {
    if (!line.trim()) return line;
    const cells = line.split(',');
    change(cells, i + 1);
    return cells.join(',');
  });
  const path = join(dir, file);
  writeFileSync(path, [header, ...changed].join('\n'));
  return path;
}

test('every party ledger holds its rows, each row once, in the district of the import', async () => {
  const rows = Object.fromEntries(expected.files.map((f) => [f.file, f.rows]));
  const counts = await sg.sql<{ t: string; n: string; districts: string }>(`
    SELECT 'party/instructors.csv' AS t, count(*) AS n, string_agg(DISTINCT district_code, ',') AS districts FROM party_instructor
    UNION ALL SELECT 'party/two_new_orgs.csv', count(*), string_agg(DISTINCT district_code, ',') FROM two_new_org
    UNION ALL SELECT 'party/instructor_visits.csv', count(*), string_agg(DISTINCT district_code, ',') FROM instructor_contact
    UNION ALL SELECT 'party/trainings.csv', count(*), string_agg(DISTINCT district_code, ',') FROM party_training
    UNION ALL SELECT 'party/committee_members.csv', count(*), string_agg(DISTINCT district_code, ',') FROM committee_member_unit
    UNION ALL SELECT 'party/industry_committees.csv', count(*), string_agg(DISTINCT district_code, ',') FROM industry_committee`);
  for (const c of counts)
    expect({ file: c.t, rows: Number(c.n), districts: c.districts }).toEqual({ file: c.t, rows: rows[c.t], districts: '410106' });
  // the district's own ledgers sit at its node; ids are global
  const [places] = await sg.sql(`SELECT
    (SELECT string_agg(DISTINCT region_code, ',') FROM party_instructor) AS instructors,
    (SELECT string_agg(DISTINCT region_code, ',') FROM party_training) AS trainings,
    (SELECT min(id) FROM party_instructor) AS first_instructor,
    (SELECT min(id) FROM committee_member_unit WHERE name = '区委组织部') AS member`);
  expect(places).toEqual({
    instructors: '410106000000',
    trainings: '410106000000',
    first_instructor: '410106:ZDY001',
    member: '410106:区委组织部',
  });
});

test('importing the same ledgers again changes nothing', async () => {
  const before = await snapshot();
  for (const s of await importAll(sg, regionTree)) {
    expect({ file: s.file, inserted: s.inserted, updated: s.updated, conflicts: s.conflictCount }).toEqual({
      file: s.file,
      inserted: 0,
      updated: 0,
      conflicts: 0,
    });
  }
  expect(await snapshot()).toEqual(before);
});

test('a ledger with defects is refused whole, every defect reported, the database unchanged', async () => {
  const before = await snapshot();
  const orgs = dirtyCopy('party/two_new_orgs.csv', (cells, row) => {
    if (row === 2) cells[0] = `${cells[0].slice(0, 17)}${cells[0][17] === '0' ? '1' : '0'}`; // a wrong check character
    if (row === 5) cells[4] = '410106999000'; // no such street
    if (row === 7) cells[2] = '企业'; // not a category
    if (row === 9) cells[9] = 'ZDY999'; // no such instructor
  });
  const visits = dirtyCopy('party/instructor_visits.csv', (cells, row) => {
    if (row === 3) cells[7] = ''; // a problem without 是否解决
    if (row === 4) cells[1] = 'ZDY999';
  });
  const cases: [LedgerImporter, string, [number, string, string][]][] = [
    [
      twoNewOrgsLedger,
      orgs,
      [
        [2, '统一社会信用代码', 'checksum'],
        [7, '组织类别', 'enum'],
        [5, '所属街道代码', 'reference'],
        [9, '党建工作指导员编号', 'reference'],
      ],
    ],
    [
      visitsLedger,
      visits,
      [
        [3, '是否解决', 'required'],
        [4, '指导员编号', 'reference'],
      ],
    ],
  ];
  for (const [importer, path, want] of cases) {
    const error = await importFile(importer, path).catch((e) => e);
    expect(error).toBeInstanceOf(LedgerImportError);
    expect((error as LedgerImportError).defects.map((d) => [d.row, d.column, d.kind])).toEqual(want);
    expect(JSON.stringify((error as LedgerImportError).defects)).not.toMatch(/41010619\d{9}[\dX]/); // no ID number in a reason
  }
  expect(await snapshot()).toEqual(before);
});

test('a ledger of another district than the one imported for is refused row by row', async () => {
  const error = await importFile(twoNewOrgsLedger, undefined, { district: '410122' }).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  expect((error as LedgerImportError).defects[0]).toMatchObject({ row: 1, column: '所属街道代码', kind: 'reference' });
  const rowsRefused = (e: LedgerImportError) => new Set(e.defects.map((d) => d.row)).size;
  expect(rowsRefused(error)).toBe(expected.files.find((f) => f.file === 'party/two_new_orgs.csv')!.rows);
  // visits name instructors and organizations by the numbers of the district they are imported for: none are there
  const visits = await importFile(visitsLedger, undefined, { district: '410122' }).catch((e) => e);
  expect(rowsRefused(visits)).toBe(expected.files.find((f) => f.file === 'party/instructor_visits.csv')!.rows);
});

test("re-importing after a change in the app reports the conflict and keeps the app's value; overwrite replaces it", async () => {
  // the ledger's third contact found a problem not solved; the app records it solved
  const contact = ledgerRows('party/instructor_visits.csv')[2];
  expect(contact['是否解决']).toBe('否');
  const solved = await sg.query(
    `mutation($c: ID!) { recordPartyInstructorProblemSolved(contactCode: $c, solvedOn: "2026-01-05") { solved } }`,
    { c: contact['记录编号'] },
    testCallers.department('party-building'),
  );
  expect(solved.errors).toBeUndefined();
  // an organization of the ledger with no instructor gets one in the app
  const ledger = ledgerRows('party/two_new_orgs.csv');
  const org = ledger.find((o) => o['党组织组建方式'] === '未组建' && !o['党建工作指导员编号'])!;
  const row = ledger.indexOf(org) + 1;
  const assigned = await sg.query(
    `mutation($c: ID!) { assignPartyInstructor(creditCode: $c, instructorCode: "ZDY005", assignedOn: "2026-01-06") { instructor { code } } }`,
    { c: org['统一社会信用代码'] },
    testCallers.department('party-building'),
  );
  expect(assigned.errors).toBeUndefined();

  const visits = await importFile(visitsLedger);
  expect([visits.updated, visits.conflicts]).toEqual([
    0,
    [
      {
        file: 'party/instructor_visits.csv',
        row: 3,
        key: `记录编号 ${contact['记录编号']}`,
        fields: [
          { column: 'solved', current: true, ledger: false },
          { column: 'solved_on', current: '2026-01-05', ledger: null },
        ],
      },
    ],
  ]);
  const orgs = await importFile(twoNewOrgsLedger);
  expect(orgs.conflicts).toEqual([
    {
      file: 'party/two_new_orgs.csv',
      row,
      key: `组织名称 ${org['组织名称']}`,
      fields: [{ column: 'instructor_id', current: '410106:ZDY005', ledger: null }],
    },
  ]);
  const kept = await sg.sql(
    `SELECT (SELECT solved FROM instructor_contact WHERE number = ?) AS solved,
       (SELECT count(*) FROM instructor_assignment WHERE credit_code = ? AND recalled_on IS NULL) AS assigned`,
    [contact['记录编号'], org['统一社会信用代码']],
  );
  expect(kept).toEqual([{ solved: true, assigned: '1' }]);

  const overwritten = await importFile(visitsLedger, undefined, { overwrite: true });
  expect([overwritten.updated, overwritten.conflictCount]).toEqual([1, 0]);
  const withdrawn = await importFile(twoNewOrgsLedger, undefined, { overwrite: true });
  expect([withdrawn.updated, withdrawn.conflictCount]).toEqual([1, 0]);
  const after = await sg.sql(
    `SELECT (SELECT solved FROM instructor_contact WHERE number = ?) AS solved,
       (SELECT count(*) FROM instructor_assignment WHERE credit_code = ? AND recalled_on IS NULL) AS assigned`,
    [contact['记录编号'], org['统一社会信用代码']],
  );
  expect(after).toEqual([{ solved: false, assigned: '0' }]);
});

test('instructors are the district’s own: their personal data is never quoted in a conflict', async () => {
  await sg.sql(`UPDATE party_instructor SET phone = '13900000000' WHERE number = 'ZDY010'`);
  const again = await importFile(instructorsLedger);
  expect(again.conflicts).toEqual([{ file: 'party/instructors.csv', row: 10, key: '指导员编号 ZDY010', fields: [{ column: 'phone' }] }]);
  await importFile(instructorsLedger, undefined, { overwrite: true });
});
