import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { compoundInspectionsLedger } from '../src/modules/compound-records/compound-records.ledger';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';
import { importFile } from './kit';

/**
 * Inspections of compounds (日常检查; seeds/001 §(五)四) from the generated Shangjie ledger: figures
 * at district, street and community against counts made from the fixture rows, the report's
 * sentence from one query, the rectification as a dated step, a street office's own import.
 */
const FILE = 'workforce/compound_inspections.csv';
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([FILE]));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!, $asOf: Date) { region(code: $c) { governance {
  held: compoundInspections(year: 2025, asOf: $asOf) { value previousYear }
  routine: compoundInspections(year: 2025, asOf: $asOf, kinds: [ROUTINE, RANDOM]) { value }
  found: inspectionProblemsFound(year: 2025, asOf: $asOf) { value previousYear }
  fixed: inspectionProblemsFixed(year: 2025, asOf: $asOf) { value previousYear }
  rate: inspectionRectificationRate(year: 2025, asOf: $asOf) { numerator denominator }
} } }`;

function expected(code: string, asOf = '2025-12-31') {
  const cs = under(fx, code);
  const rows = fx.rows[FILE].filter((r) => cs.has(String(r.community)));
  const prev = `2024${asOf.slice(4)}`;
  const inYear = (r: FixtureRow, year: string, to: string) => String(r.inspectedOn).startsWith(year) && String(r.inspectedOn) <= to;
  const sum = (keep: (r: FixtureRow) => boolean, k: string) => rows.filter(keep).reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const fixedBy = (year: string, to: string) => sum((r) => inYear(r, year, to) && !!r.fixedOn && String(r.fixedOn) <= to, 'problemsFixed');
  const found = sum((r) => inYear(r, '2025', asOf), 'problemsFound');
  return {
    held: { value: rows.filter((r) => inYear(r, '2025', asOf)).length, previousYear: rows.filter((r) => inYear(r, '2024', prev)).length },
    routine: { value: rows.filter((r) => inYear(r, '2025', asOf) && ['日常检查', '随机检查'].includes(String(r.kind))).length },
    found: { value: found, previousYear: sum((r) => inYear(r, '2024', prev), 'problemsFound') },
    fixed: { value: fixedBy('2025', asOf), previousYear: fixedBy('2024', prev) },
    rate: { numerator: fixedBy('2025', asOf), denominator: found },
  };
}

test('figures at the district, a street and a community agree with the ledger rows, on a day too', async () => {
  const other = fx.communities.find((c) => c.street !== fx.street && fx.rows[FILE].some((r) => r.community === c.code))!;
  for (const code of ['410106000000', fx.street, '410106002000', other.code])
    for (const asOf of [null, '2025-06-30']) {
      const res = await sg.query(FIGURES, { c: code, asOf }, analyst);
      expect(res.errors).toBeUndefined();
      expect(res.data!.region.governance).toEqual(expected(code, asOf ?? undefined));
    }
});

test('the list of inspections with problems still open agrees with found − fixed', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") {
      open: compoundInspections(filter: { open: true, inspectedFrom: "2024-01-01", inspectedTo: "2025-12-31" }, first: 1000) { totalCount nodes { problemsFound problemsFixed } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const open = fx.rows[FILE].filter((r) => Number(r.problemsFixed) < Number(r.problemsFound));
  expect(res.data!.region.open.totalCount).toBe(open.length);
  const left = (rs: Record<string, unknown>[]) => rs.reduce((s, r) => s + Number(r.problemsFound) - Number(r.problemsFixed), 0);
  expect(left(res.data!.region.open.nodes)).toBe(left(open));
});

test('a seed sentence from one query: “随机日常检查40余次，共发现问题36个，均指导物业在规定时间内完成整改” (seeds/001 §(五)四)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { governance {
      held: compoundInspections(year: 2025, kinds: [RANDOM, ROUTINE]) { value }
      found: inspectionProblemsFound(year: 2025, kinds: [RANDOM, ROUTINE]) { value }
      rate: inspectionRectificationRate(year: 2025, kinds: [RANDOM, ROUTINE]) { pct } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const g = res.data!.region.governance;
  expect(
    `随机日常检查${Math.floor(g.held.value / 10) * 10}余次，共发现问题${g.found.value}个，${g.rate.pct === 100 ? '均指导物业在规定时间内完成整改' : `整改率${g.rate.pct}%`}`,
  ).toBe('随机日常检查40余次，共发现问题36个，均指导物业在规定时间内完成整改');
});

test('daily work: an inspection, then its rectification on a later day; errors name their field', async () => {
  const compound =
    fx.compounds.find((c) => c.community === '410106004005') ?? fx.compounds.find((c) => c.community.startsWith('410106004'))!;
  const office = testCallers.community(compound.community);
  const made = await sg.query(
    `mutation($c: ID!) { recordCompoundInspection(input: { compoundId: $c, inspectedOn: "2026-05-06", kind: RANDOM, subjects: "特种设备", problemsFound: 3 }) { id number problemsFound problemsFixed compound { name } } }`,
    { c: compound.number },
    office,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordCompoundInspection).toMatchObject({ problemsFound: 3, problemsFixed: 0, compound: { name: compound.name } });
  const id = made.data!.recordCompoundInspection.id;
  const rectify = (vars: Record<string, unknown>) =>
    sg.query(
      `mutation($id: ID!, $on: Date, $n: Int) { recordCompoundInspectionRectification(id: $id, fixedOn: $on, problemsFixed: $n) { problemsFixed fixedOn } }`,
      { id, ...vars },
      office,
    );
  expect(errorOf(await rectify({ on: '2026-05-01' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'fixedOn' });
  expect(errorOf(await rectify({ on: '2026-05-10', n: 4 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'problemsFixed' });
  expect((await rectify({ on: '2026-05-10', n: 2 })).data!.recordCompoundInspectionRectification).toEqual({
    problemsFixed: 2,
    fixedOn: '2026-05-10',
  });
  expect((await rectify({ on: '2026-05-20' })).data!.recordCompoundInspectionRectification).toEqual({
    problemsFixed: 3,
    fixedOn: '2026-05-20',
  });
  expect(errorOf(await rectify({ on: '2026-05-21' })).code).toBe('CONFLICT');
  const fig = await sg.query(
    `query($c: ID!) { region(code: $c) { governance {
      may: inspectionProblemsFixed(year: 2026, asOf: "2026-05-15", kinds: [RANDOM]) { value }
      rate: inspectionRectificationRate(year: 2026, asOf: "2026-05-31", kinds: [RANDOM]) { numerator denominator } } } }`,
    { c: compound.community },
    analyst,
  );
  // the fix confirmed on 20 May moved the whole inspection's day: by 15 May none of it counts as fixed
  expect(fig.data!.region.governance).toEqual({ may: { value: 0 }, rate: { numerator: 3, denominator: 3 } });
  const noCompound = await sg.query(
    `mutation { recordCompoundInspection(input: { compoundId: "NOPE9", inspectedOn: "2026-05-06", kind: ROUTINE }) { id } }`,
    {},
    office,
  );
  expect(errorOf(noCompound)).toEqual({ code: 'BAD_USER_INPUT', field: 'compoundId' });
  const elsewhere = fx.compounds.find((c) => !c.community.startsWith(compound.community.slice(0, 9)))!;
  const outside = await sg.query(
    `mutation($c: ID!) { recordCompoundInspection(input: { compoundId: $c, inspectedOn: "2026-05-06", kind: ROUTINE }) { id } }`,
    { c: elsewhere.number },
    office,
  );
  expect(errorOf(outside).code).toBe('FORBIDDEN');
  const corrected = await sg.query(
    `mutation($id: ID!) { correctCompoundInspection(id: $id, input: { problemsFound: 2 }, reason: "复核") { id } }`,
    { id },
    office,
  );
  expect(errorOf(corrected)).toEqual({ code: 'BAD_USER_INPUT', field: 'problemsFixed' });
  const withdrawn = await sg.query(`mutation($id: ID!) { withdrawCompoundInspection(id: $id, reason: "重复录入") { id } }`, { id }, office);
  expect(withdrawn.errors).toBeUndefined();
});

test('a street office imports its own inspections; rows of another street are defects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspections-'));
  const mine = fx.rows[FILE].filter((r) => String(r.community).startsWith(fx.street.slice(0, 9))).slice(0, 3);
  const theirs = fx.rows[FILE].find((r) => !String(r.community).startsWith(fx.street.slice(0, 9)))!;
  const changed = mine.map((r) => ({ ...r, subjects: '安全生产（复核）' }));
  const refused = await importFile(sg, compoundInspectionsLedger, writeLedgerFile(dir, compoundInspectionsLedger, [...changed, theirs]), {
    region: fx.street,
  }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(LedgerImportError);
  expect((refused as LedgerImportError).defects).toEqual([expect.objectContaining({ row: 4, column: '所属社区代码' })]);
  const done = await importFile(sg, compoundInspectionsLedger, writeLedgerFile(dir, compoundInspectionsLedger, changed), {
    region: fx.street,
  });
  expect(done).toMatchObject({ updated: 3, inserted: 0 });
});
