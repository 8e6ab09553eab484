import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLER_HEADER, signCaller, type Caller } from '@district/common';
import { startTestSubgraph, TEST_INTERNAL_SECRET, testCallers, testIdNumber, workersLedgerXlsx, type Subgraph } from '@district/testkit';
import { workforce } from '../src/module';

/**
 * The workforce subgraph taking its ledgers in (the kit's ledger imports, seen at the subgraph as
 * the gateway reaches it): time limits, region confinement of rows already stored, and the record
 * of which import wrote a row, which holds no ID number.
 */
const DISTRICT = '410106';
const STREET = `${DISTRICT}001000`;
const street: Caller = testCallers.street(STREET);

let sg: Subgraph;
let uploads: string;
let files: string;

beforeAll(async () => {
  uploads = mkdtempSync(join(tmpdir(), 'workforce-uploads-'));
  files = mkdtempSync(join(tmpdir(), 'workforce-ledgers-'));
  sg = await startTestSubgraph(workforce, { shangjie: true, ledgerImports: { previewSeconds: 2, uploadDir: uploads } });
});

afterAll(() => sg?.close());

async function upload(as: Caller | null, path: string, ledger = 'workforce/workers.xlsx') {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (as) headers[CALLER_HEADER] = await signCaller(as, TEST_INTERNAL_SECRET);
  const res = await fetch(`${sg.url.replace(/\/graphql$/, '')}/ledgers/uploads?${new URLSearchParams({ ledger, name: 'workers.xlsx' })}`, {
    method: 'POST',
    headers,
    body: await readFile(path),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function settle(id: string, as: Caller) {
  for (;;) {
    const res = await sg.query(
      `query($id: ID!) { workforceLedgerImport(id: $id) { status inserted defects { row column reason } message } }`,
      { id },
      as,
    );
    if (!['PREVIEWING', 'COMMITTING'].includes(res.data!.workforceLedgerImport.status)) return res.data!.workforceLedgerImport;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const preview = async (id: string, as: Caller) => {
  const res = await sg.query(`mutation($id: ID!) { workforcePreviewLedgerImport(id: $id) { status } }`, { id }, as);
  expect(res.errors).toBeUndefined();
  return settle(id, as);
};
const commit = (id: string, as: Caller) =>
  sg.query(`mutation($id: ID!) { workforceCommitLedgerImport(previewId: $id) { status } }`, { id }, as);

test('only the gateway reaches the upload endpoint', async () => {
  const path = await workersLedgerXlsx(join(files, 'anonymous.xlsx'), []);
  expect((await upload(null, path)).status).toBe(401);
});

test('a preview not committed within its time limit expires, and its file is deleted', async () => {
  const path = await workersLedgerXlsx(join(files, 'late.xlsx'), [
    { number: 'LATE001', name: '迟到', idNumber: testIdNumber(1, '19600101'), community: `${DISTRICT}001001` },
  ]);
  const up = await upload(street, path);
  expect(up.status).toBe(201);
  expect((await preview(up.body.upload.id, street)).status).toBe('PREVIEWED');
  await new Promise((r) => setTimeout(r, 2500)); // past the two seconds this subgraph gives a preview
  const res = await commit(up.body.upload.id, street);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'previewId' });
  expect(res.errors?.[0].message).toMatch(/expired/);
  expect((await settle(up.body.upload.id, street)).status).toBe('EXPIRED');
  expect(readdirSync(uploads).filter((f) => f.startsWith(up.body.upload.id))).toEqual([]);
});

test("a street's ledger cannot change a worker stored in another street, even by moving them into its own", async () => {
  const [other] = await sg.sql<{ staff_number: string }>(
    `SELECT staff_number FROM worker WHERE community_code LIKE '${DISTRICT}002%' ORDER BY staff_number LIMIT 1`,
  );
  const path = await workersLedgerXlsx(join(files, 'poach.xlsx'), [
    { number: other.staff_number, name: '调入', idNumber: testIdNumber(2, '19600101'), community: `${DISTRICT}001001` },
  ]);
  const up = await upload(street, path);
  const previewed = await preview(up.body.upload.id, street);
  expect(previewed.status).toBe('REFUSED');
  // refused without naming where the stored record lies: the street may not see it
  expect(previewed.defects).toEqual([{ row: 1, column: '工号', reason: expect.stringMatching(/outside your region 410106001000: /) }]);
  expect(previewed.defects[0].reason).not.toMatch(/410106002/);
});

test('the record of which import wrote a row keeps no ID number, yet finds the person by it', async () => {
  const idNumber = testIdNumber(3, '19600101');
  const path = await workersLedgerXlsx(join(files, 'person.xlsx'), [
    { number: 'PRS001', name: '记录', idNumber, community: `${DISTRICT}001001` },
  ]);
  const up = await upload(testCallers.admin, path);
  expect((await preview(up.body.upload.id, testCallers.admin)).status).toBe('PREVIEWED');
  expect((await commit(up.body.upload.id, testCallers.admin)).errors).toBeUndefined();
  expect((await settle(up.body.upload.id, testCallers.admin)).status).toBe('COMMITTED');
  // a committed file is not kept: removed just after the commit's transaction, so give a loaded machine a moment
  const committedFile = join(uploads, `${up.body.upload.id}.xlsx`);
  for (let i = 0; i < 100 && existsSync(committedFile); i++) await new Promise((r) => setTimeout(r, 100));
  expect(existsSync(committedFile)).toBe(false);

  const keys = await sg.sql<{ table_name: string; row_key: string }>(
    `SELECT table_name, row_key FROM ledger_row_import WHERE import_id = ?`,
    [up.body.upload.id],
  );
  expect(keys.map((k) => k.table_name).sort()).toEqual(['person', 'worker']);
  expect(JSON.stringify(keys)).not.toContain(idNumber);
  const found = await sg.query(`{ workforceLedgerRowImports(key: "${DISTRICT}:${idNumber}") { table ledgerImport { id } } }`);
  expect(found.data!.workforceLedgerRowImports).toEqual([{ table: 'person', ledgerImport: { id: up.body.upload.id } }]);
  const refused = await sg.query(`{ workforceLedgerRowImports(key: "${DISTRICT}:PRS001") { table } }`, {}, street);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
