import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, SHANGJIE_DISTRICT, startTestStack, testIdNumber, uploadLedger, workersLedgerXlsx, type TestStack } from '@district/testkit';

/**
 * What an upload leaves and what it is refused for: a ledger holds full ID numbers, so the waiting
 * file is readable by the service's user only (0600, in a 0700 directory); an empty or binary body
 * is refused at once, not at the preview; an absurd file name is cut; and the access line of the
 * upload names who sent it.
 */
let stack: TestStack;
let dir: string;
const lines: string[] = [];
const WORKERS = 'workforce/workers.xlsx';

beforeAll(async () => {
  stack = await startTestStack({ LOG_LEVEL: 'info' }, { shangjie: true, log: (line) => lines.push(line) });
  dir = mkdtempSync(join(tmpdir(), 'district-upload-hygiene-'));
}, 300_000);

afterAll(() => stack?.stop());

const mode = (path: string) => statSync(path).mode & 0o777;

test('an uploaded ledger waits readable by the service only, and its access line names the caller', async () => {
  const file = await workersLedgerXlsx(join(dir, 'w.xlsx'), [
    { number: 'HYG001', name: '卫生甲', idNumber: testIdNumber(1, '19600101'), community: `${SHANGJIE_DISTRICT}001002` },
  ]);
  const up = (await uploadLedger(stack, ADMIN, WORKERS, file, 'x'.repeat(5000) + '.xlsx')) as unknown as {
    status: number;
    upload: { id: string; fileName: string };
  };
  expect(up.status).toBe(201);
  expect(up.upload.fileName.length).toBeLessThanOrEqual(200);
  expect(up.upload.fileName.endsWith('.xlsx')).toBe(true);

  const uploads = join(stack.dataDir, 'uploads', 'workforce');
  expect(mode(uploads)).toBe(0o700);
  expect(mode(join(stack.dataDir, 'uploads', 'gateway'))).toBe(0o700);
  const waiting = readdirSync(uploads).filter((f) => f.startsWith(up.upload.id));
  expect(waiting).toHaveLength(1);
  expect(mode(join(uploads, waiting[0]))).toBe(0o600);

  let access: Record<string, unknown> | undefined;
  for (let i = 0; i < 300 && !access; i++) {
    access = lines
      .map((l) => l.replace(/^\[[^\]]+\] /, ''))
      .filter((l) => l.startsWith('{') && l.includes('"access"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.service === 'gateway' && l.msg === 'access' && l.status === 201);
    if (!access) await new Promise((r) => setTimeout(r, 100));
  }
  expect(access).toMatchObject({ caller: ADMIN.subject, roles: ADMIN.roles, status: 201 });
});

test('an empty file, or one whose bytes are not what its name says, is refused at upload', async () => {
  const refused = async (body: Buffer, name: string) => {
    const res = (await uploadLedger(stack, ADMIN, WORKERS, body, name)) as {
      status: number;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    return res.errors![0].message;
  };
  expect(await refused(Buffer.alloc(0), 'empty.xlsx')).toMatch(/empty/);
  expect(await refused(randomBytes(4096), 'random.xlsx')).toMatch(/not an XLSX file/);
  expect(await refused(Buffer.concat([Buffer.from('编号,姓名\n'), randomBytes(4096)]), 'random.csv')).toMatch(/not a text CSV/);
  expect(
    readdirSync(join(stack.dataDir, 'uploads', 'workforce')).filter(
      (f) => !statSync(join(stack.dataDir, 'uploads', 'workforce', f)).isDirectory(),
    ),
  ).toHaveLength(1);
});
