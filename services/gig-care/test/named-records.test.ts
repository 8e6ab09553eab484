import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '@district/common';
import type { LedgerImportError } from '@district/ledger';
import { importInto, testCallers, type GraphQLResult } from '@district/testkit';
import { workersLedger } from '../src/modules/workers/workers.ledger';
import { startGig, type GigGraph } from './kit';

/**
 * A mutation that names a second record (a reporter, a worker) names only one its caller may see: a
 * street's report does not name another street's worker, and the refusal reads exactly as for a
 * worker that does not exist (no flag of the other worker is looked at first).
 */
let g: GigGraph;
beforeAll(async () => {
  g = await startGig({ shangjie: true });
});
afterAll(() => g?.close());

const STREET = testCallers.street('410106001000');
const run = (query: string, variables: Record<string, unknown>, caller: Caller) =>
  g.sg.query(query, variables, caller) as Promise<GraphQLResult<Record<string, any>>>;
const errorOf = (res: GraphQLResult) => {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field, message: e?.message.replace(/XJY\d+/g, '…') };
};
const REPORT = `mutation($r: ID!) { reportGigIssue(input: { reporterCode: $r, gridCode: "41010600100101", category: "井盖缺失" }) { id } }`;

test("a street cannot report an issue in another street's worker's name, and is answered as for a missing worker", async () => {
  // XJY00188 is a mobile grid member of street 410106002000
  const [{ n: before }] = await g.sg.sql<{ n: string }>('SELECT count(*) AS n FROM gig_issue');
  const other = await run(REPORT, { r: 'XJY00188' }, STREET);
  const missing = await run(REPORT, { r: 'XJY99999' }, STREET);
  expect(errorOf(other)).toEqual({ code: 'BAD_USER_INPUT', field: 'reporterCode', message: errorOf(missing).message });
  const [{ n: after }] = await g.sg.sql<{ n: string }>('SELECT count(*) AS n FROM gig_issue');
  expect(after).toBe(before);
});

test("whether another street's worker is a mobile grid member is not told", async () => {
  const [{ code }] = await g.sg.sql<{ code: string }>(
    `SELECT number AS code FROM gig_worker WHERE community_code LIKE '410106002%' AND NOT mobile_grid_member AND withdrawn_on IS NULL ORDER BY number LIMIT 1`,
  );
  const res = await run(REPORT, { r: code }, STREET);
  expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterCode' });
  expect(res.errors![0].message).not.toContain('流动网格员');
});

describe('refusals name no record the caller may not see', () => {
  const HEADER = '编号,姓名,身份证号,手机号码,从业类型,所属平台企业,是否党员,是否流动网格员,登记日期,常驻社区代码';
  const ledger = (row: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'gig-named-'));
    const path = join(dir, 'workers.csv');
    writeFileSync(path, `${HEADER}\n${row}\n`);
    return path;
  };
  const preview = (path: string) =>
    importInto(g.sg, workersLedger, { regionTree: g.regionTree, dryRun: true }, path).then(
      () => [],
      (e: unknown) => (e as LedgerImportError).defects.map((d) => d.reason),
    );
  const previewAs = (path: string, region: string) =>
    importInto(g.sg, workersLedger, { regionTree: g.regionTree, region, dryRun: true }, path).then(
      () => [],
      (e: unknown) => (e as LedgerImportError).defects.map((d) => d.reason),
    );

  test("a street's ledger preview does not name another street's worker, nor where that worker lives", async () => {
    const [other] = await g.sg.sql<{ number: string; id_number: string; community_code: string }>(
      `SELECT number, id_number, community_code FROM gig_worker WHERE community_code LIKE '410106002%' AND withdrawn_on IS NULL ORDER BY number LIMIT 1`,
    );
    // a new number under the other worker's ID number
    const twice = ledger(`XJY90001,重复,${other.id_number},13800000001,网约车司机,曹操出行,否,否,2025年1月2日,410106001001`);
    const street = await previewAs(twice, '410106001000');
    expect(street).toHaveLength(1);
    expect(street[0]).not.toContain(other.number);
    // the district's own upload is told which worker holds it
    expect((await preview(twice))[0]).toContain(other.number);
    // the other worker's number, placed in the street: refused without naming where the record lies
    const moved = ledger(`${other.number},改名,${other.id_number},13800000001,网约车司机,曹操出行,否,否,2025年1月2日,410106001001`);
    const refused = await previewAs(moved, '410106001000');
    expect(refused).toHaveLength(1);
    expect(refused[0]).not.toContain(other.community_code);
  });
});

test("an assignee given to dispatchGigIssue is masked in the audit trail: it may be a person's name", async () => {
  const [{ number: reporter }] = await g.sg.sql<{ number: string }>(
    `SELECT w.number FROM gig_worker w JOIN gig_grid_membership m ON m.worker_id = w.id
      WHERE w.community_code LIKE '410106001%' AND w.withdrawn_on IS NULL AND w.left_on IS NULL AND m.to_on IS NULL ORDER BY w.number LIMIT 1`,
  );
  const reported = await run(REPORT, { r: reporter }, testCallers.admin);
  expect(reported.errors).toBeUndefined();
  const code = reported.data!.reportGigIssue.id;
  const dispatched = await run(
    `mutation($c: ID!) { dispatchGigIssue(code: $c, assignee: "欧阳娜娜") { id } }`,
    { c: code },
    testCallers.admin,
  );
  expect(dispatched.errors).toBeUndefined();
  const [{ args }] = await g.sg.sql<{ args: string }>(
    `SELECT args::text AS args FROM audit_log WHERE operation = 'dispatchGigIssue' ORDER BY id DESC LIMIT 1`,
  );
  expect(args).not.toContain('欧阳娜娜');
  expect(args).toContain('欧***');
});

test("an idempotency key of points is the caller's own: another caller's use of it neither refuses nor answers for this one", async () => {
  const [a, b] = await g.sg.sql<{ number: string }>(
    `SELECT number FROM gig_worker WHERE community_code LIKE '410106001%' AND withdrawn_on IS NULL AND left_on IS NULL ORDER BY number LIMIT 2`,
  );
  const AWARD = `mutation($w: ID!) { awardGigPoints(input: { workerCode: $w, points: 5, reason: SERVICE_GIVEN, idempotencyKey: "shared-key-1" }) { id balanceAfter } }`;
  const first = await run(AWARD, { w: a.number }, testCallers.admin);
  expect(first.errors).toBeUndefined();
  const other = await run(AWARD, { w: b.number }, STREET);
  expect(other.errors).toBeUndefined();
  expect(other.data!.awardGigPoints.id).not.toBe(first.data!.awardGigPoints.id);
  // a retry by each caller is still answered with its own entry, booked once
  expect((await run(AWARD, { w: a.number }, testCallers.admin)).data!.awardGigPoints).toEqual(first.data!.awardGigPoints);
  expect((await run(AWARD, { w: b.number }, STREET)).data!.awardGigPoints).toEqual(other.data!.awardGigPoints);
});
