import { day, type FixtureRow, type GovernanceFixtures, type seeded } from './governance';

/**
 * Compound records for Shangjie (issue 15, helper 15c; seeds/001 §(五) and §二, seeds/000): inspections
 * of compounds, filings (备案), smart compound works, trainings for property staff and the
 * supervision (督单) of micro livelihood works. The seed street's first four compounds play the
 * report's resettlement compounds (田园诗驿、保水逸苑、鹿溪河畔、鹿溪雅韵): their rows are planted so
 * the report's sentences come out; other streets get generated rows for 2024 and 2025.
 */
type Rnd = ReturnType<typeof seeded>;
type Base = Omit<GovernanceFixtures, 'rows' | 'dir'>;

/** The seed street's resettlement compounds (the report names four). */
export const resettlementCompounds = (fx: Base) => fx.compounds.filter((c) => c.community.startsWith(fx.street.slice(0, 9))).slice(0, 4);

const SUBJECTS = ['安全生产', '特种设备', '监控系统', '环境卫生', '消防设施', '秩序维护'];
/** Problems found by the seed street's 46 routine and random inspections of 2025: 37 in all, every one fixed. */
const SEED_PROBLEMS = [
  2, 0, 1, 3, 0, 1, 0, 2, 1, 0, 1, 1, 0, 2, 0, 1, 0, 0, 1, 2, 0, 1, 0, 1, 3, 0, 1, 0, 0, 2, 1, 0, 1, 0, 2, 1, 0, 1, 0, 1, 2, 0, 0, 1, 0, 0,
];

function inspections(rnd: Rnd, fx: Base): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) =>
    rows.push({ number: `JC${String(rows.length + 1).padStart(5, '0')}`, inspector: '街道社区发展办', ...row });
  const seed = resettlementCompounds(fx);
  SEED_PROBLEMS.forEach((found, i) => {
    const c = seed[i % seed.length];
    const inspectedOn = day(2025, 1 + (i % 11), 3 + ((i * 7) % 24));
    add({
      community: c.community,
      compound: c.number,
      inspectedOn,
      kind: i % 3 === 0 ? '随机检查' : '日常检查',
      subjects: `${SUBJECTS[i % 4]}、${SUBJECTS[(i + 1) % 4]}`,
      problemsFound: found,
      problemsFixed: found,
      fixedOn: found ? day(2025, 1 + (i % 11), 28) : null,
    });
  });
  // a special inspection: not one of the report's routine and random checks
  add({
    community: seed[0].community,
    compound: seed[0].number,
    inspectedOn: '2025-06-18',
    kind: '专项检查',
    subjects: '消防设施',
    problemsFound: 4,
    problemsFixed: 2,
    fixedOn: '2025-07-10',
  });
  for (const year of [2024, 2025])
    for (const c of fx.compounds.filter((k) => !k.community.startsWith(fx.street.slice(0, 9))))
      for (let n = rnd.int(0, 3); n > 0; n--) {
        const month = rnd.int(1, 12);
        const found = rnd.chance(0.4) ? rnd.int(1, 5) : 0;
        // most fixes within the month; some later, a few into the next year, some still open
        const fixed = found && rnd.chance(0.85) ? (rnd.chance(0.8) ? found : rnd.int(1, found)) : 0;
        const late = month === 12 && rnd.chance(0.5);
        add({
          community: c.community,
          compound: c.number,
          inspectedOn: day(year, month, rnd.int(1, 20)),
          kind: rnd.pick(['日常检查', '日常检查', '随机检查', '专项检查', '联合检查']),
          subjects: rnd.pick(SUBJECTS),
          problemsFound: found,
          problemsFixed: fixed,
          fixedOn: fixed ? (late ? day(year + 1, 1, rnd.int(5, 25)) : day(year, month, 28)) : null,
        });
      }
  return rows;
}

/** The seed street's filings of 2025, as the report gives them: 58 leases, 12 contracts, 3 takeovers, 2 handovers. */
const SEED_FILINGS: [kind: string, items: number[]][] = [
  ['房屋租赁登记备案', [9, 7, 6, 8, 5, 7, 6, 10]],
  ['物业合同备案', [5, 4, 3]],
  ['承接查验备案', [2, 1]],
  ['设施交付备案', [2]],
];
const FILING_KINDS = ['房屋租赁登记备案', '物业合同备案', '承接查验备案', '设施交付备案', '其他备案'];

function filings(rnd: Rnd, fx: Base): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) => rows.push({ number: `BA${String(rows.length + 1).padStart(5, '0')}`, subject: null, ...row });
  const seed = resettlementCompounds(fx);
  for (const [kind, items] of SEED_FILINGS)
    items.forEach((n, i) => {
      const c = seed[(i + kind.length) % seed.length];
      add({ community: c.community, compound: c.number, kind, filedOn: day(2025, 1 + ((i * 3) % 12), 10 + i), items: n });
    });
  // 2024 at the seed street too, so the report's "versus last year" has a value
  for (const c of seed)
    add({ community: c.community, compound: c.number, kind: '房屋租赁登记备案', filedOn: '2024-05-20', items: rnd.int(3, 9) });
  for (const year of [2024, 2025])
    for (const c of fx.communities.filter((k) => k.street !== fx.street))
      for (let n = rnd.int(0, 4); n > 0; n--) {
        const compound = rnd.chance(0.6) ? fx.compounds.find((k) => k.community === c.code) : undefined;
        add({
          community: c.code,
          compound: compound?.number ?? null,
          kind: rnd.pick(FILING_KINDS),
          filedOn: day(year, rnd.int(1, 12), rnd.int(1, 28)),
          items: rnd.int(1, 12),
        });
      }
  return rows;
}

function smartCompounds(fx: Base): FixtureRow[] {
  const [, b, pilot, d] = resettlementCompounds(fx);
  const others = fx.compounds.filter((k) => !k.community.startsWith(fx.street.slice(0, 9)));
  const row = (number: string, c: { number: string; community: string }, r: FixtureRow): FixtureRow => ({
    number,
    community: c.community,
    compound: c.number,
    resettlement: '否',
    equipment: null,
    contractor: null,
    funding: null,
    fundingSource: null,
    plannedOn: null,
    installedOn: null,
    completedOn: null,
    acceptedOn: null,
    ...r,
  });
  return [
    // the report's pilot: chosen, planned, equipment bought, being installed at year end
    row('ZH0001', pilot, {
      kind: '智慧小区试点',
      resettlement: '是',
      equipment: '监控、道闸',
      contractor: '专业科技公司',
      funding: 380000,
      fundingSource: '街道',
      startedOn: '2025-04-10',
      plannedOn: '2025-06-15',
    }),
    // the plan of §二: the other new resettlement compounds started in 2026
    row('ZH0002', b, { kind: '智慧服务小区', resettlement: '是', equipment: '人脸识别、智慧测温、监控追踪', startedOn: '2026-03-01' }),
    row('ZH0003', d, { kind: '智慧服务小区', resettlement: '是', equipment: '人脸识别、应急指挥', startedOn: '2026-03-15' }),
    row('ZH0004', others[5], {
      kind: '智慧服务小区',
      equipment: '门禁、监控',
      startedOn: '2024-03-01',
      plannedOn: '2024-04-01',
      installedOn: '2024-08-20',
      completedOn: '2024-11-30',
      acceptedOn: '2025-01-15',
    }),
    row('ZH0005', others[40], {
      kind: '智慧服务小区',
      resettlement: '是',
      startedOn: '2025-02-01',
      installedOn: '2025-06-01',
      completedOn: '2025-09-30',
    }),
  ];
}

/**
 * Trainings for property service staff (安置小区物业服务培训; seeds/001 §(五)三): organised by the seed
 * street's communities in 2025 (5 sessions, 296 人次: "近300人次"), elsewhere in 2024 and 2025.
 */
function propertyStaffTrainings(rnd: Rnd, fx: Base): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) =>
    rows.push({
      number: `WYPX${String(rows.length + 1).padStart(4, '0')}`,
      type: '系统培训',
      audience: '物业服务人员',
      programme: null,
      endOn: null,
      ...row,
    });
  const seed = fx.communities.filter((c) => c.street === fx.street);
  const topics = ['服务礼仪', '管理标准', '工作规范', '秩序维护', '环境卫生'];
  [58, 61, 57, 63, 57].forEach((participants, i) =>
    add({
      name: `安置小区物业服务培训（${topics[i]}）`,
      startOn: day(2025, 3 + 2 * i, 12),
      organiser: `${seed[i % seed.length].name}居委会`,
      participants,
    }),
  );
  add({ name: '安置小区物业服务培训', startOn: '2024-09-10', organiser: `${seed[0].name}居委会`, participants: 40 });
  for (const c of fx.communities.filter((k) => k.street !== fx.street && rnd.chance(0.15)))
    add({
      name: `物业服务培训（${rnd.pick(topics)}）`,
      startOn: day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
      organiser: `${c.name}居委会`,
      participants: rnd.int(15, 80),
    });
  return rows;
}

const SUPERVISORS = ['居民代表', '人大代表', '政协委员', '街道', '社区', '物业'];
const FINDINGS = ['施工围挡不规范', '材料堆放占用通道', '进度滞后', '夜间施工扰民', '绿化苗木规格不符'];

/**
 * Supervisions of the micro livelihood works (多方督单; seeds/000 一.三): the seed street's six
 * works of 2025 supervised 14 times (by residents' representatives, deputies and the street
 * office), the other works 0–3 times each while under way; some findings resolved later, some open.
 */
function supervisions(rnd: Rnd, fx: Base, projects: FixtureRow[]): FixtureRow[] {
  const rows: FixtureRow[] = [];
  const add = (p: FixtureRow, supervisedOn: string, row: FixtureRow) =>
    rows.push({
      number: `DD${String(rows.length + 1).padStart(4, '0')}`,
      community: p.community,
      project: p.number,
      supervisedOn,
      supervisor: null,
      findings: null,
      resolvedOn: null,
      ...row,
    });
  const seed = projects.filter((p) => String(p.community).startsWith(fx.street.slice(0, 9)));
  [3, 3, 2, 2, 2, 2].forEach((times, i) => {
    const p = seed[i];
    for (let k = 0; k < times; k++) {
      const found = k === 0;
      add(p, day(2025, Number(String(p.startedOn).slice(5, 7)), 10 + 5 * k), {
        supervisorKind: ['居民代表', '人大代表', '街道'][k],
        supervisor: ['居民代表5名', '区人大代表', '街道社区发展办'][k],
        findings: found ? FINDINGS[i % FINDINGS.length] : null,
        resolvedOn: found ? day(2025, Number(String(p.startedOn).slice(5, 7)), 28) : null,
      });
    }
  });
  for (const p of projects.filter((x) => !String(x.community).startsWith(fx.street.slice(0, 9))))
    for (let n = rnd.int(0, 3); n > 0; n--) {
      const year = Number(String(p.startedOn).slice(0, 4));
      const month = Math.min(12, Number(String(p.startedOn).slice(5, 7)) + rnd.int(0, 5));
      const found = rnd.chance(0.4);
      add(p, day(year, month, 28), {
        supervisorKind: rnd.pick(SUPERVISORS),
        findings: found ? rnd.pick(FINDINGS) : null,
        resolvedOn: found && rnd.chance(0.7) ? day(year + (month === 12 ? 1 : 0), month === 12 ? 1 : month + 1, rnd.int(1, 28)) : null,
      });
    }
  return rows;
}

/** The compound records' ledgers, by file. */
export function compoundRecords(rnd: Rnd, fx: Base, microProjects: FixtureRow[]): Record<string, FixtureRow[]> {
  return {
    'workforce/compound_inspections.csv': inspections(rnd, fx),
    'workforce/compound_filings.csv': filings(rnd, fx),
    'workforce/smart_compounds.csv': smartCompounds(fx),
    'workforce/trainings.csv': propertyStaffTrainings(rnd, fx),
    'workforce/micro_project_supervisions.csv': supervisions(rnd, fx, microProjects),
  };
}
