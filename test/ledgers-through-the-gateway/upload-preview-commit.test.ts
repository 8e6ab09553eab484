import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Caller } from '@district/common';
import {
  ADMIN,
  settleImport,
  SHANGJIE,
  SHANGJIE_DISTRICT,
  startTestStack,
  testIdNumber,
  uploadLedger,
  workersLedgerXlsx,
  type TestStack,
} from '@district/testkit';

/**
 * Issue 20: ledgers come in through the gateway. An office uploads a file, sees the preview (nothing
 * written), commits it by id, and the figures move; its rights apply (a street only its own rows, a
 * department only its own ledgers, an analyst never); a preview the data has moved past is refused;
 * every commit is recorded, and an administrator sees which import last wrote a row.
 */
const STREET = `${SHANGJIE_DISTRICT}001000`;
const OWN_COMMUNITY = `${SHANGJIE_DISTRICT}001002`;
const OTHER_STREET_COMMUNITY = `${SHANGJIE_DISTRICT}002001`;
const WORKERS = 'workforce/workers.xlsx';

const street: Caller = { subject: 'e2e-street-office', roles: ['STREET'], regionScope: STREET };
const volunteerDept: Caller = { subject: 'e2e-volunteer-dept', roles: ['DEPARTMENT'], department: 'volunteer-stations' };
const analyst: Caller = { subject: 'e2e-analyst', roles: ['ANALYST'] };

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startTestStack({ MAX_UPLOAD_BYTES: '300000' }, { shangjie: true });
  dir = mkdtempSync(join(tmpdir(), 'district-uploads-'));
}, 300_000);

afterAll(() => stack?.stop());

/** New workers of one test, numbered (and born) apart from every other test's. */
const newWorkers = (tag: string, communities: string[]) =>
  communities.map((community, i) => ({
    number: `${tag}${String(i + 1).padStart(3, '0')}`,
    name: `测试${tag}${i + 1}`,
    idNumber: testIdNumber(i + 1, `1950010${tag.charCodeAt(2) - 64}`),
    community,
  }));

async function workersInStreet(): Promise<number> {
  const res = await stack.query(`{ region(code: "${STREET}") { workforce { workers(year: 2025) { value } } } }`, {}, street);
  expect(res.errors).toBeUndefined();
  return res.data!.region.workforce.workers.value;
}

async function preview(id: string, as: Caller, args = '') {
  const res = await stack.query(`mutation($id: ID!) { workforcePreviewLedgerImport(id: $id${args}) { id status } }`, { id }, as);
  expect(res.errors).toBeUndefined();
  return settleImport(stack, 'workforce', id, as);
}

const commit = (id: string, as: Caller) =>
  stack.query(`mutation($id: ID!) { workforceCommitLedgerImport(previewId: $id) { id status } }`, { id }, as);

test('a street office uploads a workers ledger of its own street, sees the preview, commits, and the figures move', async () => {
  const file = await workersLedgerXlsx(
    join(dir, '济源路街道社区工作者.xlsx'),
    newWorkers('JYA', [OWN_COMMUNITY, OWN_COMMUNITY, OWN_COMMUNITY]),
  );
  const before = await workersInStreet();

  const up = await uploadLedger(stack, street, WORKERS, file);
  expect(up.status).toBe(201);
  expect(up.fields).toEqual({
    preview: 'workforcePreviewLedgerImport',
    commit: 'workforceCommitLedgerImport',
    import: 'workforceLedgerImport',
  });
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  expect(up.upload).toMatchObject({ status: 'UPLOADED', sha256 });

  const previewed = await preview(up.upload!.id, street);
  expect(previewed).toMatchObject({
    status: 'PREVIEWED',
    district: SHANGJIE_DISTRICT,
    region: STREET,
    rowsRead: 3,
    inserted: 3,
    updated: 0,
    defectCount: 0,
    conflictCount: 0,
  });
  expect(await workersInStreet()).toBe(before); // a preview writes nothing

  const committing = await commit(up.upload!.id, street);
  expect(committing.errors).toBeUndefined();
  const done = await settleImport(stack, 'workforce', up.upload!.id, street);
  expect(done).toMatchObject({ status: 'COMMITTED', inserted: 3, committedBy: street.subject });
  expect(await workersInStreet()).toBe(before + 3);

  // audited: the administrator lists the import (who, the file's name and SHA-256, counts) and finds which import wrote a row
  const admin = await stack.query(
    `{ workforceLedgerImports(first: 5, status: COMMITTED) { id fileName sha256 uploadedBy inserted committedAt }
       workforceLedgerRowImports(key: "${SHANGJIE_DISTRICT}:JYA002") { table ledgerImport { id } }
       workforceAuditTrail(operation: "workforceCommitLedgerImport") { subject target args outcome } }`,
  );
  expect(admin.errors).toBeUndefined();
  expect(admin.data!.workforceLedgerImports).toContainEqual(
    expect.objectContaining({ id: up.upload!.id, fileName: '济源路街道社区工作者.xlsx', sha256, uploadedBy: street.subject, inserted: 3 }),
  );
  expect(admin.data!.workforceLedgerRowImports).toContainEqual({ table: 'worker', ledgerImport: { id: up.upload!.id } });
  const audit = admin.data!.workforceAuditTrail.find((a: { target: string }) => a.target === `LedgerImport:${up.upload!.id}`);
  expect(audit).toMatchObject({ subject: street.subject, outcome: 'OK' });
  expect(JSON.parse(audit.args)).toMatchObject({ fileName: '济源路街道社区工作者.xlsx', sha256, inserted: 3, region: STREET });

  // the import's record and its rows are the administrator's to list, not the street's
  const refused = await stack.query('{ workforceLedgerImports { id } }', {}, street);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('the same file with one row of another street is refused with that row named, and cannot be committed', async () => {
  const file = await workersLedgerXlsx(
    join(dir, 'with-another-street.xlsx'),
    newWorkers('JYB', [OWN_COMMUNITY, OTHER_STREET_COMMUNITY, OWN_COMMUNITY]),
  );
  const before = await workersInStreet();
  const up = await uploadLedger(stack, street, WORKERS, file);
  expect(up.status).toBe(201);
  const previewed = await preview(up.upload!.id, street);
  expect(previewed.status).toBe('REFUSED');
  expect(previewed.defects).toEqual([
    {
      file: WORKERS,
      row: 2,
      column: '所属社区代码',
      kind: 'reference',
      reason: expect.stringContaining(`${OTHER_STREET_COMMUNITY} lies outside your region ${STREET}`),
    },
  ]);
  const res = await commit(up.upload!.id, street);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'previewId' });
  expect(await workersInStreet()).toBe(before);
});

test("a department cannot upload another department's ledger, an analyst none, a street no district-wide ledger", async () => {
  const file = await workersLedgerXlsx(join(dir, 'department.xlsx'), newWorkers('JYC', [OWN_COMMUNITY]));
  const dept = await uploadLedger(stack, volunteerDept, WORKERS, file);
  expect(dept.status).toBe(403);
  expect(dept.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(dept.errors?.[0].message).toMatch(/own ledgers/);
  expect((await uploadLedger(stack, analyst, WORKERS, file)).status).toBe(403);
  expect((await uploadLedger(stack, street, 'workforce/trainings.csv', join(SHANGJIE, 'workforce', 'trainings.csv'))).status).toBe(403);
  // its own department's ledger it may
  const own = await uploadLedger(stack, volunteerDept, 'volunteer/pilots.csv', join(SHANGJIE, 'volunteer', 'pilots.csv'));
  expect(own.status).toBe(201);
  // and the subgraph's fields refuse the same as the upload does
  const foreign = await stack.query(`mutation { workforcePreviewLedgerImport(id: "${own.upload!.id}") { id } }`, {}, volunteerDept);
  expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test('a stale preview cannot be committed: the data changed after it was seen', async () => {
  const file = await workersLedgerXlsx(join(dir, 'stale.xlsx'), newWorkers('JYD', [OWN_COMMUNITY, OWN_COMMUNITY]));
  const up = await uploadLedger(stack, ADMIN, WORKERS, file);
  expect((await preview(up.upload!.id, ADMIN)).status).toBe('PREVIEWED');
  const moved = await stack.query(
    `mutation { moveCommunityWorker(input: { id: "${SHANGJIE_DISTRICT}:SQ00010", on: "2026-03-01", tier: LEAD }) { tier } }`,
  );
  expect(moved.errors).toBeUndefined();
  const res = await commit(up.upload!.id, ADMIN);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'previewId' });
  expect(res.errors?.[0].message).toMatch(/changed since this preview/);
  expect((await settleImport(stack, 'workforce', up.upload!.id, ADMIN)).status).toBe('STALE');
  // previewed again, it commits
  expect((await preview(up.upload!.id, ADMIN)).status).toBe('PREVIEWED');
  expect((await commit(up.upload!.id, ADMIN)).errors).toBeUndefined();
  expect((await settleImport(stack, 'workforce', up.upload!.id, ADMIN)).status).toBe('COMMITTED');
});

test('an upload over the size limit is refused whole', async () => {
  const res = await uploadLedger(stack, ADMIN, WORKERS, Buffer.alloc(400_000, 0x41), 'too-big.xlsx');
  expect(res.status).toBe(413);
  expect(res.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
});

test('the catalog lists every ledger with its owner, and each template downloads with its header and dropdowns', async () => {
  const base = stack.gatewayUrl.replace(/\/graphql$/, '');
  const headers = { authorization: `Bearer ${await stack.token(street)}` };
  const catalog = (await (await fetch(`${base}/ledgers`, { headers })).json()) as { ledgers: Record<string, any>[] };
  expect(catalog.ledgers.map((l) => l.ledger)).toEqual(expect.arrayContaining(['regions.csv', WORKERS, 'gig/care_partners.csv']));
  const workers = catalog.ledgers.find((l) => l.ledger === WORKERS)!;
  expect(workers).toMatchObject({ subgraph: 'workforce', regionScoped: true, template: '/ledgers/templates/workforce/workers.xlsx' });

  const res = await fetch(`${base}${workers.template}`, { headers });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('社区工作者台账')!;
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(workers.columns.map((c: { header: string }) => c.header));
  expect(String(sheet.getCell('I2').value)).toMatch(/2025年3月1日/); // 入职日期: the date styles the import reads
  const rules = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations
    .model;
  expect(rules.G4).toMatchObject({ type: 'list', formulae: [expect.stringContaining('可选值')] }); // 岗位: a dropdown on every data row
  expect(rules.G5003).toEqual(rules.G4);
  expect(rules.A4).toBeUndefined(); // 工号 is typed, not chosen
  expect((await fetch(`${base}/ledgers/templates/nothing.xlsx`, { headers })).status).toBe(404);
  expect((await fetch(`${base}/ledgers`)).status).toBe(401);
});
