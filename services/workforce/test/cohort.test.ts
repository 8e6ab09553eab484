import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHANGJIE, type Subgraph } from '@district/testkit';
import { analyst, errorOf } from './governance-kit';
import { startWithShangjie } from './kit';

/**
 * Birth cohorts (seeds/000 重点提升…90后社工实操能力): training figures and the workers list take
 * bornFrom/bornTo, the birth year derived from the ID number where it is stored. Expectations are
 * counted from Shangjie's training ledgers and each worker's ID number, never from the subgraph's code.
 */
let sg: Subgraph;
let workers: Map<string, { born: number; community: string }>;

beforeAll(async () => {
  sg = await startWithShangjie();
  const rows = await sg.sql<{ staff: string; idNumber: string; community: string }>(
    `SELECT w.staff_number AS staff, p.id_number AS "idNumber", w.community_code AS community FROM worker w JOIN person p ON p.id = w.person_id`,
  );
  workers = new Map(rows.map((r) => [r.staff, { born: Number(r.idNumber.slice(6, 10)), community: r.community }]));
});

afterAll(() => sg?.close());

const csv = (file: string) =>
  readFileSync(join(SHANGJIE, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

/** Person-times of sessions starting in `year` by the workers kept, counted from the ledgers. */
function personTimes(year: string, prefix: string, keep: (w: { born: number }) => boolean): number {
  const started = new Map(csv('workforce/trainings.csv').map(([number, , , startOn]) => [number, startOn.slice(0, 4)]));
  const seen = new Set<string>();
  for (const [training, staff, , status] of csv('workforce/training_attendance.csv')) {
    const w = workers.get(staff);
    if (status === '已签到' && started.get(training) === year && w && w.community.startsWith(prefix) && keep(w))
      seen.add(`${training}|${staff}`);
  }
  return seen.size;
}

const nineties = (w: { born: number }) => w.born >= 1990 && w.born <= 1999;

test('90后 training person-times at the district and a street agree with the ledgers', async () => {
  for (const [code, prefix] of [
    ['410106000000', '410106'],
    ['410106002000', '410106002'],
  ]) {
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { workforce {
        young: trainingPersonTimes(year: 2025, bornFrom: 1990, bornTo: 1999) { value previousYear }
        all: trainingPersonTimes(year: 2025) { value } } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const f = res.data!.region.workforce;
    expect(f.young).toEqual({ value: personTimes('2025', prefix, nineties), previousYear: personTimes('2024', prefix, nineties) });
    expect(f.all.value).toBe(personTimes('2025', prefix, () => true));
    expect(f.young.value).toBeGreaterThan(0);
    expect(f.young.value).toBeLessThan(f.all.value);
  }
});

test('the 90后 workers list on a day holds what the head count of that day counts, and no ID number', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") {
      workforce { workers(year: 2025, asOf: "2025-12-31", bornFrom: 1990, bornTo: 1999) { value } }
      communityWorkers(filter: { activeOn: "2025-12-31", bornFrom: 1990, bornTo: 1999 }, first: 500) { totalCount nodes { idNumber } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  expect(r.communityWorkers.totalCount).toBe(r.workforce.workers.value);
  expect(r.communityWorkers.totalCount).toBeGreaterThan(0);
  // an analyst sees ID numbers masked: the cohort filter does not give the birth year away in them
  for (const n of r.communityWorkers.nodes) expect(n.idNumber).not.toMatch(/^\d{17}[\dX]$/);
  const all = await sg.query(`{ communityWorkers(filter: { bornFrom: 1990, bornTo: 1999 }) { totalCount } }`, {}, analyst);
  expect(all.data!.communityWorkers.totalCount).toBe([...workers.values()].filter(nineties).length);
});

test('a wrong cohort is refused naming the field', async () => {
  const q = (args: string) =>
    sg.query(`{ region(code: "410106000000") { workforce { trainingPersonTimes(year: 2025, ${args}) { value } } } }`, {}, analyst);
  expect(errorOf(await q('bornFrom: 1800'))).toEqual({ code: 'BAD_USER_INPUT', field: 'bornFrom' });
  expect(errorOf(await q('bornFrom: 1999, bornTo: 1990'))).toEqual({ code: 'BAD_USER_INPUT', field: 'bornFrom' });
  expect(errorOf(await sg.query(`{ communityWorkers(filter: { bornTo: 3000 }) { totalCount } }`, {}, analyst))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'bornTo',
  });
});

test('a seed sentence from one query: 90后 training and its coverage (seeds/000)', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") { workforce {
      young: trainingPersonTimes(year: 2025, bornFrom: 1990, bornTo: 1999) { value }
      youngCoverage: trainingCoverageRate(year: 2025, bornFrom: 1990, bornTo: 1999) { numerator denominator } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const f = res.data!.region.workforce;
  expect(`90后社工培训${f.young.value}人次`).toBe('90后社工培训379人次');
  expect(f.young.value).toBe(personTimes('2025', '410106', nineties));
  expect(f.youngCoverage.denominator).toBe(
    (
      await sg.query(
        `{ region(code: "410106000000") { workforce { workers(year: 2025, bornFrom: 1990, bornTo: 1999) { value } } } }`,
        {},
        analyst,
      )
    ).data!.region.workforce.workers.value,
  );
});
