import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHANGJIE, testCallers, type Subgraph } from '@district/testkit';
import { trainingsLedger } from '../src/modules/trainings/trainings.ledger';
import { importFile, startWithShangjie } from './kit';

/**
 * Training programmes and tiers (seeds/000 “菁训营”五大主题营, 菁训营3.0 头雁/骨干/新生梯队, “三委”成员全域培训):
 * a session belongs to a named programme; person-times and coverage are split by the role and tier
 * the attendee held on the session's first day; coverage is trained ÷ in post of the same tier.
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

test('the ledger’s programme column (培训项目) is read; last year’s files without it still import', async () => {
  const lines = readFileSync(join(SHANGJIE, trainingsLedger.spec.file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  // the file has no quoted fields: every row splits into the header's columns
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  const name = header.indexOf('培训名称');
  const start = header.indexOf('开始日期');
  const inProgramme = (r: string[]) => r[name].startsWith('系统培训');
  const dir = mkdtempSync(join(tmpdir(), 'training-programmes-'));
  mkdirSync(join(dir, 'workforce'));
  writeFileSync(
    join(dir, trainingsLedger.spec.file),
    [[...header, '培训项目'], ...rows.map((r) => [...r, inProgramme(r) ? '菁训营' : ''])].map((r) => r.join(',')).join('\n'),
  );
  const summary = await importFile(sg, trainingsLedger, join(dir, trainingsLedger.spec.file));
  expect(summary.conflicts).toEqual([]);
  expect(summary.updated).toBe(rows.filter(inProgramme).length);
  const expected = rows.filter((r) => inProgramme(r) && r[start].startsWith('2025')).length;
  expect(expected).toBeGreaterThan(0);
  const res = await sg.query(
    `{ region(code: "410106") { workforce { trainingsOrganised(year: 2025, programme: "菁训营") { value } } }
       workforceTrainings(filter: { programme: "菁训营" }) { totalCount nodes { programme } } }`,
    {},
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.region.workforce.trainingsOrganised.value).toBe(expected);
  expect(res.data!.workforceTrainings.totalCount).toBe(rows.filter(inProgramme).length);
});

const STREET = '410106003000';
const FIGURES = `query($c: ID!) { region(code: $c) { workforce {
  sessions: trainingSessions(year: 2026, asOf: "2026-06-30", programme: "菁训营") { value }
  lead: trainingPersonTimes(year: 2026, asOf: "2026-06-30", programme: "菁训营", tier: LEAD) { value }
  backbone: trainingPersonTimes(year: 2026, asOf: "2026-06-30", programme: "菁训营", tier: BACKBONE) { value }
  trained: trainedWorkers(year: 2026, asOf: "2026-06-30", tier: BACKBONE) { value }
  coverage: trainingCoverageRate(year: 2026, asOf: "2026-06-30", programme: "菁训营", tier: LEAD) { numerator denominator }
  leads: workers(year: 2026, asOf: "2026-06-30", tier: LEAD) { value }
} } }`;

test('a programme’s sessions by tier at the community, the street and the district, and the seed’s sentence from one query', async () => {
  const office = testCallers.street(STREET);
  const community = (
    await sg.sql<{ code: string }>(
      `SELECT community_code AS code FROM worker WHERE community_code LIKE '410106003%' AND left_on IS NULL AND withdrawn_on IS NULL
       GROUP BY community_code HAVING count(*) >= 5 ORDER BY community_code LIMIT 1`,
    )
  )[0].code;
  const posts = await sg.sql<{ id: string; tier: string | null }>(
    `SELECT w.id, p.tier FROM worker w JOIN worker_post p ON p.worker_id = w.id AND p.to_on IS NULL AND p.withdrawn_on IS NULL
     WHERE w.community_code = ? AND w.left_on IS NULL AND w.withdrawn_on IS NULL ORDER BY w.id LIMIT 5`,
    [community],
  );
  const workers = posts.map((w) => w.id);
  const run = async (q: string, v: Record<string, unknown>) => {
    const res = await sg.query(q, v, office);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  // three lead geese and two backbone workers from January (Shangjie's ledger gives some a tier already)
  for (const [i, w] of posts.entries()) {
    const tier = i < 3 ? 'LEAD' : 'BACKBONE';
    if (w.tier !== tier)
      await run(
        `mutation($id: ID!, $tier: CommunityWorkerTier) { moveCommunityWorker(input: { id: $id, on: "2026-01-05", tier: $tier }) { id } }`,
        {
          id: w.id,
          tier,
        },
      );
  }
  const sessions: string[] = [];
  for (const [i, startOn] of ['2026-03-10', '2026-04-10', '2026-05-10'].entries()) {
    const made = await run(
      `mutation($input: ScheduleWorkforceTrainingInput!) { scheduleWorkforceTraining(input: $input) { id programme } }`,
      {
        input: {
          id: `T-JXY${i + 1}`,
          name: `菁训营·主题营${i + 1}`,
          programme: '菁训营',
          type: 'SYSTEM_TRAINING',
          startOn,
          organiserCode: STREET,
          audience: 'COMMUNITY_WORKERS',
        },
      },
    );
    expect(made.scheduleWorkforceTraining.programme).toBe('菁训营');
    sessions.push(made.scheduleWorkforceTraining.id);
  }
  // session 1: all five; session 2: the three leads (one backbone absent); session 3: a lead and a backbone
  const present: [number, number[]][] = [
    [0, [0, 1, 2, 3, 4]],
    [1, [0, 1, 2]],
    [2, [0, 3]],
  ];
  for (const [s, ws] of present)
    for (const w of ws)
      await run(
        `mutation($t: ID!, $w: ID!) { recordTrainingAttendance(input: { trainingId: $t, workerId: $w, status: PRESENT }) { status } }`,
        {
          t: sessions[s],
          w: workers[w],
        },
      );
  await run(`mutation($t: ID!, $w: ID!) { recordTrainingAttendance(input: { trainingId: $t, workerId: $w, status: ABSENT }) { status } }`, {
    t: sessions[1],
    w: workers[4],
  });
  for (const code of [community, STREET, '410106000000']) {
    const res = await sg.query(FIGURES, { c: code }, testCallers.analyst);
    expect(res.errors).toBeUndefined();
    const f = res.data!.region.workforce;
    // coverage: the three leads who attended ÷ every lead in post at the node that day
    expect(f.leads.value).toBeGreaterThanOrEqual(3);
    expect(f).toEqual({
      sessions: { value: 3 },
      lead: { value: 7 },
      backbone: { value: 3 },
      trained: { value: 2 },
      coverage: { numerator: 3, denominator: f.leads.value },
      leads: f.leads,
    });
  }
  const other = await sg.query(FIGURES, { c: '410106001000' }, testCallers.analyst);
  expect(other.data!.region.workforce.sessions.value).toBe(0);
  const w = (await sg.query(FIGURES, { c: STREET }, testCallers.analyst)).data!.region.workforce;
  expect(
    `菁训营开展主题培训${w.sessions.value}场，头雁梯队${w.coverage.numerator}人参训${w.lead.value}人次、骨干梯队参训${w.backbone.value}人次`,
  ).toBe('菁训营开展主题培训3场，头雁梯队3人参训7人次、骨干梯队参训3人次');

  // a session moved to another programme leaves this one's figures; the earlier value is kept in its history
  const corrected = await run(
    `mutation($id: ID!) { correctWorkforceTraining(id: $id, input: { programme: "书记擂台" }, reason: "归入书记擂台") { programme history { field oldValue newValue } } }`,
    { id: sessions[2] },
  );
  expect(corrected.correctWorkforceTraining.programme).toBe('书记擂台');
  expect(corrected.correctWorkforceTraining.history).toEqual(
    expect.arrayContaining([expect.objectContaining({ field: 'programme', oldValue: '菁训营', newValue: '书记擂台' })]),
  );
  const after = (await sg.query(FIGURES, { c: STREET }, testCallers.analyst)).data!.region.workforce;
  expect([after.sessions.value, after.lead.value, after.backbone.value]).toEqual([2, 6, 2]);
  const listed = await sg.query(
    `{ workforceTrainings(filter: { programme: "菁训营", startFrom: "2026-01-01" }) { totalCount } }`,
    {},
    testCallers.analyst,
  );
  expect(listed.data!.workforceTrainings.totalCount).toBe(2);
});

test('a programme name with control characters is refused naming the field', async () => {
  const res = await sg.query(
    `mutation($input: ScheduleWorkforceTrainingInput!) { scheduleWorkforceTraining(input: $input) { id } }`,
    {
      input: {
        id: 'T-JXY9',
        name: '菁训营',
        programme: '菁训\u0007营',
        type: 'SYSTEM_TRAINING',
        startOn: '2026-05-01',
        organiserCode: STREET,
        audience: 'COMMUNITY_WORKERS',
      },
    },
    testCallers.street(STREET),
  );
  expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'programme' });
});
