import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCallers, writeLedgerFile, type FixtureRow } from '@district/testkit';
import { ledgers } from '../src/module';
import { startSocialGraph, regionReps, type SocialGraph } from './kit';

/**
 * Service projects' category, funding source and life cycle (seeds/000 三.二, seeds/001 四):
 * projects of a year's ledger with the columns added in 2026 (last year's file still imports), and
 * their milestones (application, reviews, mid-term evaluation, supervision visits).
 */
let g: SocialGraph;
let projects: FixtureRow[];
let milestones: FixtureRow[];

const ledger = (file: string) => ledgers.find((l) => l.spec.file === file)!;

beforeAll(async () => {
  g = await startSocialGraph();
  const orgs = (await g.sg.sql<{ code: string }>(`SELECT code FROM social_organization ORDER BY code LIMIT 20`)).map((o) => o.code);
  const street = [
    '410106001001',
    '410106001002',
    '410106001003',
    '410106001004',
    '410106001005',
    '410106001006',
    '410106001007',
    '410106001008',
    '410106001009',
  ];
  // the seed street: nine 基础扶持类 projects with 7.5万 of district money; elsewhere, community-fund projects applied for
  projects = street.map((c, i) => ({
    number: `XM25J${String(i + 1).padStart(2, '0')}`,
    name: `社区社会组织基础扶持项目${i + 1}`,
    organization: orgs[i],
    community: c,
    category: '社区服务',
    mode: '公益创投',
    funding: [10000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 9000][i],
    approvedOn: '2025-04-15',
    status: '实施中',
    categoryKind: '基础扶持类',
    fundingSource: '区级',
    appliedOn: '2025-03-20',
  }));
  for (let i = 0; i < 6; i++)
    projects.push({
      number: `XM25S${String(i + 1).padStart(2, '0')}`,
      name: `社区保障资金项目${i + 1}`,
      organization: orgs[10 + i],
      community: `41010600200${1 + i}`,
      category: '居民素质提升',
      mode: '政府购买',
      funding: 20000 + i * 1000,
      approvedOn: '2025-06-01',
      status: '实施中',
      categoryKind: '能力提升类',
      fundingSource: '社区保障资金',
      appliedOn: '2025-05-10',
    });
  milestones = [
    { number: 'JD2501', project: 'XM25J01', kind: '督导检查', heldOn: '2025-04-20', supervisors: 5, note: '立项阶段专业督导' },
    { number: 'JD2502', project: 'XM25J01', kind: '中期评估', heldOn: '2025-08-15', supervisors: null, note: null },
    { number: 'JD2503', project: 'XM25J02', kind: '督导检查', heldOn: '2025-08-16', supervisors: 5, note: '中期评估专业督导' },
    ...projects.slice(9).map((p, i) => ({
      number: `JD26${i}`,
      project: p.number,
      kind: '督导检查',
      heldOn: '2025-09-01',
      supervisors: 4,
      note: '过程资料检查',
    })),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'projects-'));
  for (const [file, rows] of [
    ['social/service_projects.csv', projects],
    ['social/project_milestones.csv', milestones],
  ] as const) {
    const summary = await g.importFile(ledger(file), writeLedgerFile(dir, ledger(file), rows));
    expect(summary.inserted).toBe(rows.length);
  }
});

afterAll(() => g?.close());

const FIGURES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { socialOrganizations {
  basic: serviceProjects(year: 2025, categoryKind: BASIC_SUPPORT) { value }
  districtMoney: serviceProjectFunding(year: 2025, sources: [DISTRICT]) { value }
  communityFund: serviceProjects(year: 2025, sources: [COMMUNITY_FUND]) { value }
  applied: serviceProjectsApplied(year: 2025) { value }
  supervisions: projectMilestones(year: 2025, kind: SUPERVISION) { value }
  supervised: projectsWithMilestone(year: 2025) { value }
} } } }`;

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', '410106001000', '410106002000', '410106001001']) {
    const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code;
    const here = projects.filter((p) => String(p.community).startsWith(prefix));
    const ids = new Set(here.map((p) => p.number));
    const ms = milestones.filter((m) => ids.has(m.project) && m.kind === '督导检查');
    const res = await g.query(FIGURES, { reps: regionReps([code]) }, testCallers.analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].socialOrganizations).toEqual({
      basic: { value: here.filter((p) => p.categoryKind === '基础扶持类').length },
      districtMoney: { value: here.filter((p) => p.fundingSource === '区级').reduce((s, p) => s + Number(p.funding), 0) },
      communityFund: { value: here.filter((p) => p.fundingSource === '社区保障资金').length },
      applied: { value: here.length },
      supervisions: { value: ms.length },
      supervised: { value: new Set(ms.map((m) => m.project)).size },
    });
  }
});

test('a seed sentence from one query: “培育9个社会组织基础扶持类公益项目，获得区级资金7.5万元，并完成立项和中期评估2次专业督导” (seeds/000)', async () => {
  const res = await g.query(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { socialOrganizations {
      basic: serviceProjects(year: 2025, categoryKind: BASIC_SUPPORT) { value }
      money: serviceProjectFunding(year: 2025, categoryKind: BASIC_SUPPORT, sources: [DISTRICT]) { value }
      supervisions: projectMilestones(year: 2025, kind: SUPERVISION) { value } } } } }`,
    { reps: regionReps(['410106001000']) },
    testCallers.analyst,
  );
  const f = res.data!._entities[0].socialOrganizations;
  expect(
    `培育${f.basic.value}个社会组织基础扶持类公益项目，获得区级资金${f.money.value / 10000}万元，并完成立项和中期评估${f.supervisions.value}次专业督导`,
  ).toBe('培育9个社会组织基础扶持类公益项目，获得区级资金7.5万元，并完成立项和中期评估2次专业督导');
});

test('last year’s service-project file, without the 2026 columns, still imports', async () => {
  const summary = await g.importFile(ledger('social/service_projects.csv'));
  expect(summary.conflicts).toEqual([]);
});

test('daily work: a milestone recorded on its day by the community’s office; the project refuses withdrawal while milestones name it', async () => {
  const office = testCallers.community('410106001003');
  const made = await g.query(
    `mutation { recordProjectMilestone(input: { projectCode: "XM25J03", kind: MID_TERM, heldOn: "2026-01-10" }) { id number project { code milestones { kind } } } }`,
    {},
    office,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordProjectMilestone.number).toMatch(/^JD2026\d{4}$/);
  const early = await g.query(
    `mutation { recordProjectMilestone(input: { projectCode: "XM25J03", kind: SUPERVISION, heldOn: "2025-01-01" }) { id } }`,
    {},
    office,
  );
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
  const other = await g.query(
    `mutation { recordProjectMilestone(input: { projectCode: "XM25J01", kind: SUPERVISION, heldOn: "2026-01-10" }) { id } }`,
    {},
    office,
  );
  expect(other.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  const refused = await g.query(`mutation { withdrawServiceProject(code: "XM25J03", reason: "x") { id } }`);
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  const corrected = await g.query(
    `mutation { correctServiceProject(code: "XM25J03", input: { fundingSource: CITY }, reason: "来源有误") { fundingSource } }`,
    {},
    office,
  );
  expect(corrected.data!.correctServiceProject.fundingSource).toBe('CITY');
});
