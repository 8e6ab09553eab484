import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annualReport, importLedgers, type ImportReport } from '@district/infra';
import {
  expectedFigures,
  SECOND_DISTRICT,
  SHANGJIE,
  SHANGJIE_DISTRICT,
  startTestStack,
  writeSecondDistrict,
  type TestStack,
} from '@district/testkit';

/**
 * Issue 12: a deployment holds any number of districts. A second district (Shangjie re-keyed to
 * 410122, every ledger number and community name the same on purpose) imports into a deployment
 * that already holds Shangjie, and into a clean one before Shangjie: each import writes only its own
 * rows, and both districts' reports are exact.
 */
let second: string;

beforeAll(async () => {
  second = await writeSecondDistrict(mkdtempSync(join(tmpdir(), 'district-b-')));
});

function expectAllNew(report: ImportReport, district: string) {
  expect(report.refused).toBeUndefined();
  expect(report.district).toBe(district);
  const failed = report.outcomes.filter((o) => o.defects).map((o) => ({ file: o.file, defects: o.defects!.slice(0, 3) }));
  expect(failed).toEqual([]);
  for (const o of report.outcomes) {
    const { read, inserted, updated, conflictCount } = o.summary!;
    expect({ file: o.file, inserted, updated, conflictCount }).toEqual({ file: o.file, inserted: read, updated: 0, conflictCount: 0 });
  }
}

async function reportsAreExact(stack: TestStack) {
  expect(await annualReport(stack, SHANGJIE_DISTRICT, 2025)).toEqual(expectedFigures());
  expect(await annualReport(stack, SECOND_DISTRICT, 2025)).toEqual(expectedFigures());
  // the same street of each district: names repeat across districts, work units are placed within each
  expect(await annualReport(stack, `${SECOND_DISTRICT}001000`, 2025)).toEqual(
    await annualReport(stack, `${SHANGJIE_DISTRICT}001000`, 2025),
  );
}

describe('a second district beside Shangjie', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({}, { shangjie: true });
  });
  afterAll(() => stack?.stop());

  test('imports whole, updating no row of the first district, and both reports are exact', async () => {
    expectAllNew(await importLedgers(stack, second), SECOND_DISTRICT);
    await reportsAreExact(stack);
  });

  test('a single ledger that names no district is refused when the deployment holds several, and imported when told which', async () => {
    expect((await importLedgers(stack, join(second, 'regions.csv'))).ok).toBe(true); // a second district's tree
    const file = join(SHANGJIE, 'gig', 'care_events.csv');
    const refused = await importLedgers(stack, file);
    expect(refused.ok).toBe(false);
    expect(refused.refused).toMatch(/--district/);
    const told = await importLedgers(stack, file, { district: SHANGJIE_DISTRICT });
    expect(told.ok).toBe(true);
    expect(told.outcomes[0].summary).toMatchObject({ district: SHANGJIE_DISTRICT, inserted: 0, updated: 0 });
    expect((await importLedgers(stack, file, { district: '410199' })).refused).toMatch(/no region tree/);
  });
});

describe('re-importing after work done in the app', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({}, { shangjie: true });
  });
  afterAll(() => stack?.stop());

  test("lists the conflict (file, row, key, field) and keeps the app's value", async () => {
    const moved = await stack.query(
      `mutation { moveCommunityWorker(input: { id: "${SHANGJIE_DISTRICT}:SQ00003", on: "2026-02-01", tier: LEAD }) { tier } }`,
    );
    expect(moved.errors).toBeUndefined();
    const report = await importLedgers(stack, join(SHANGJIE, 'workforce', 'workers.xlsx'));
    const summary = report.outcomes[0].summary!;
    expect([summary.updated, summary.conflictCount]).toEqual([0, 1]);
    expect(summary.conflicts[0]).toEqual({
      file: 'workforce/workers.xlsx',
      row: 3,
      key: '工号 SQ00003',
      fields: [{ column: 'tier', current: 'LEAD', ledger: 'BACKBONE' }],
    });
    const after = await stack.query(`{ communityWorker(id: "${SHANGJIE_DISTRICT}:SQ00003") { tier posts { fromOn tier } } }`);
    expect(after.data!.communityWorker.tier).toBe('LEAD');
    expect(after.data!.communityWorker.posts).toHaveLength(2);
  });
});

describe('the second district first, then Shangjie', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  test('each import writes only its own district, and both reports are exact', async () => {
    expectAllNew(await importLedgers(stack, second), SECOND_DISTRICT);
    expectAllNew(await importLedgers(stack, SHANGJIE), SHANGJIE_DISTRICT);
    await reportsAreExact(stack);
  });
});
