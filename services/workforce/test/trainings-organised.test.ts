import { testCallers, type Subgraph } from '@district/testkit';
import { startWithShangjie } from './kit';

/**
 * Trainings organised by an office (seeds/000 二.二 “7个月累计开展培训14场”): counted at the
 * organiser's node, apart from the sessions a node's workers attended. Shangjie's ledger names the
 * district's department as organiser of every session, so the district organised them all.
 */
let sg: Subgraph;

beforeAll(async () => {
  sg = await startWithShangjie();
});

afterAll(() => sg?.close());

const errorOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => ({
  code: res.errors?.[0]?.extensions?.code,
  field: res.errors?.[0]?.extensions?.field,
});

const FIGURES = `query($c: ID!, $y: Int!, $asOf: Date) { region(code: $c) { workforce {
  organised: trainingsOrganised(year: $y, asOf: $asOf) { value }
  attended: trainingSessions(year: $y, asOf: $asOf) { value }
  organisedPersonTimes: trainingOrganisedPersonTimes(year: $y, asOf: $asOf) { value }
} } }`;

test('the ledger’s sessions were organised by the district: a street organised none though its workers attended', async () => {
  const all = (await sg.sql<{ n: string }>(`SELECT count(*) AS n FROM training WHERE start_on BETWEEN '2025-01-01' AND '2025-12-31'`))[0].n;
  const district = await sg.query(FIGURES, { c: '410106', y: 2025 }, testCallers.analyst);
  expect(district.data!.region.workforce.organised.value).toBe(Number(all));
  const street = await sg.query(FIGURES, { c: '410106001000', y: 2025 }, testCallers.analyst);
  expect(street.data!.region.workforce.organised.value).toBe(0);
  expect(street.data!.region.workforce.attended.value).toBeGreaterThan(0);
});

test('a seed sentence from one query: a street office organised 14 sessions in seven months (“7个月累计开展培训14场”)', async () => {
  const office = testCallers.street('410106003000');
  const worker = (
    await sg.sql<{ id: string }>(`SELECT id FROM worker WHERE community_code LIKE '410106003%' AND left_on IS NULL ORDER BY id LIMIT 1`)
  )[0].id;
  for (let i = 1; i <= 15; i++) {
    const month = String(1 + ((i - 1) % 7)).padStart(2, '0');
    const res = await sg.query(
      `mutation($input: ScheduleWorkforceTrainingInput!) { scheduleWorkforceTraining(input: $input) { id organiserRegion { code } } }`,
      {
        input: {
          id: `T-JX${i}`,
          name: `菁训营第${i}期`,
          type: i % 5 ? 'SYSTEM_TRAINING' : 'SKILLS_CONTEST',
          // the fifteenth in August: outside the seven months
          startOn: i === 15 ? '2026-08-20' : `2026-${month}-${String(10 + i).padStart(2, '0')}`,
          organiser: '新安路街道社区办',
          audience: 'COMMUNITY_WORKERS',
        },
      },
      office,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.scheduleWorkforceTraining.organiserRegion.code).toBe('410106003000');
    const att = await sg.query(
      `mutation($t: ID!, $w: ID!) { recordTrainingAttendance(input: { trainingId: $t, workerId: $w, status: PRESENT }) { status } }`,
      { t: res.data!.scheduleWorkforceTraining.id, w: worker },
      office,
    );
    expect(att.errors).toBeUndefined();
  }
  const res = await sg.query(FIGURES, { c: '410106003000', y: 2026, asOf: '2026-07-31' }, testCallers.analyst);
  const f = res.data!.region.workforce;
  expect(`7个月累计开展培训${f.organised.value}场，覆盖参训社工${f.organisedPersonTimes.value}人次`).toBe(
    '7个月累计开展培训14场，覆盖参训社工14人次',
  );
  const other = await sg.query(FIGURES, { c: '410106002000', y: 2026, asOf: '2026-07-31' }, testCallers.analyst);
  expect(other.data!.region.workforce.organised.value).toBe(0);
  const listed = await sg.query(
    `{ workforceTrainings(filter: { organiserCode: "410106003000", startFrom: "2026-01-01", startTo: "2026-07-31" }) { totalCount } }`,
    {},
    testCallers.analyst,
  );
  expect(listed.data!.workforceTrainings.totalCount).toBe(14);
});

test('an office organises only inside its scope; an unknown organiser node is named as the field', async () => {
  const office = testCallers.street('410106003000');
  const input = { id: 'T-JX99', name: 'x', type: 'SYSTEM_TRAINING', startOn: '2026-05-01', audience: 'COMMUNITY_WORKERS' };
  const q = `mutation($input: ScheduleWorkforceTrainingInput!) { scheduleWorkforceTraining(input: $input) { id } }`;
  expect(errorOf(await sg.query(q, { input: { ...input, organiserCode: '410106001000' } }, office)).code).toBe('FORBIDDEN');
  expect(errorOf(await sg.query(q, { input: { ...input, organiserCode: '410106009000' } }))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'organiserCode',
  });
  // with no organiser node and a name naming none, the session is the district's: a street office may not schedule it
  expect(errorOf(await sg.query(q, { input: { ...input, organiser: '某培训机构' } }, office)).code).toBe('FORBIDDEN');
});
