import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { LedgerImporter } from '@district/ledger';
import { ledgers } from '@district/workforce';
import { SHANGJIE } from './datasets';
import { workingBodyFixtures } from './governance-bodies';
import { documents } from './governance-documents';
import { compoundRecords } from './governance-compounds';
import { talentFixtures } from './governance-talent';

/**
 * Grassroots-governance ledgers of realistic size for Shangjie (issue 15), generated
 * deterministically (a seeded generator: the same rows on every run) over Shangjie's own streets,
 * communities and compounds. The first street is shaped like the seed report of a street community
 * office (霞浦, seeds/000): its rows are planted so that report's sentences come out of the graph;
 * the other streets get generated rows. Tests count what they expect from the returned rows, never
 * from the subgraph's code. Election results name workers in post: the caller passes them (read from
 * the Shangjie copy it started), so the fixtures stay the same for the same ledgers.
 */
export type FixtureRow = Record<string, string | number | null>;

export interface GovernanceFixtures {
  dir: string;
  /** the seed-shaped street and its communities (in ledger order) */
  street: string;
  communities: { code: string; name: string; street: string }[];
  compounds: { number: string; name: string; community: string; households: number }[];
  rows: Record<string, FixtureRow[]>;
}

/** mulberry32: a small seeded generator, so fixtures are the same on every run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

/** The seed-shaped street's prefix in Shangjie (its first street). */
const SHANGJIE_STREET = '410106001';

export const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));
}

/** Writes one ledger: the headers are the importer's own (its spec), so the fixture follows the format. */
export function writeLedgerFile(dir: string, importer: LedgerImporter, rows: FixtureRow[]): string {
  const keys = Object.keys(importer.spec.columns);
  const headers = keys.map((k) => (importer.spec.columns as Record<string, { header: string }>)[k].header);
  const path = join(dir, importer.spec.file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stringify([headers, ...rows.map((r) => keys.map((k) => r[k] ?? ''))]));
  return path;
}

function writeLedger(dir: string, file: string, rows: FixtureRow[]): void {
  const importer = ledgers.find((l) => l.spec.file === file);
  if (!importer) throw new Error(`no workforce ledger ${file}`);
  writeLedgerFile(dir, importer, rows);
}

const ROOMS = ['书法室', '排练室', '乒乓球室', '阅览室', '议事厅', '儿童之家', '老年活动室', '健身室', '调解室', '党员活动室'];

function facilities(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const facilities: FixtureRow[] = [];
  const works: FixtureRow[] = [];
  let f = 0;
  let w = 0;
  const facility = (row: FixtureRow) => {
    const number = `SS${String(++f).padStart(4, '0')}`;
    facilities.push({ number, ...row });
    return number;
  };
  const work = (row: FixtureRow) => works.push({ number: `SSXM${String(++w).padStart(4, '0')}`, ...row });
  const seedStreet = fx.communities.filter((c) => c.street === fx.street);
  for (const c of fx.communities) {
    const rooms = () => [...new Set(Array.from({ length: rnd.int(3, 6) }, () => rnd.pick(ROOMS)))].join('、');
    const star = rnd.int(1, 5);
    facility({
      community: c.code,
      name: `${c.name}党群服务中心`,
      kind: '党群服务中心',
      starLevel: star,
      starRatedOn: day(rnd.pick([2023, 2024, 2025]), rnd.int(1, 6), rnd.int(1, 28)),
      area: rnd.int(300, 2000),
      rooms: rooms(),
      openedOn: null,
    });
    if (seedStreet.includes(c)) continue;
    if (rnd.chance(0.3)) {
      const complex = facility({
        community: c.code,
        name: `${c.name}社区服务综合体`,
        kind: '社区服务综合体',
        area: rnd.int(800, 3000),
        rooms: rooms(),
        openedOn: day(rnd.pick([2024, 2025]), rnd.int(1, 6), rnd.int(1, 28)),
      });
      const year = rnd.pick([2024, 2025]);
      const done = rnd.chance(0.7);
      work({
        facility: complex,
        kind: rnd.pick(['升级改造', '功能完善', '新建']),
        content: '功能区布局调整',
        startedOn: day(year, rnd.int(1, 4), rnd.int(1, 28)),
        completedOn: done ? day(year, rnd.int(5, 8), rnd.int(1, 28)) : null,
        acceptedOn: done && rnd.chance(0.5) ? day(year, rnd.int(9, 10), rnd.int(1, 28)) : null,
        funding: rnd.int(2, 40) * 5000,
        fundingSource: rnd.pick(['区级', '街道', '社区保障资金']),
      });
    }
    if (rnd.chance(0.2))
      facility({
        community: c.code,
        name: `${c.name}居民会客厅`,
        kind: '居民会客厅',
        area: rnd.int(80, 300),
        openedOn: day(2025, rnd.int(1, 9), 1),
      });
  }
  // the seed-shaped street (seeds/000, 一): an upgrade, a whole new build, an improvement, two designs finalised
  const [a, b, c, d, e, g, h] = seedStreet;
  const complex = (x: { code: string; name: string }, star: number | null, openedOn: string | null) =>
    facility({
      community: x.code,
      name: `${x.name}社区服务综合体`,
      kind: '社区服务综合体',
      starLevel: star,
      starRatedOn: star ? '2024-12-20' : null,
      area: star ? 1600 : null,
      rooms: star ? '书法室、排练室、阅览室' : null,
      openedOn,
    });
  const aComplex = complex(a, 4, '2023-05-01');
  work({
    facility: aComplex,
    kind: '升级改造',
    content: '二期升级更新：二楼功能室布局完善，新增乒乓球室，优化书法室、排练室',
    rooms: '乒乓球室、书法室、排练室',
    startedOn: '2025-06-01',
    completedOn: '2025-10-31',
    acceptedOn: null,
    funding: 380000,
    fundingSource: '区级',
  });
  const bComplex = complex(b, null, '2025-11-28');
  work({
    facility: bComplex,
    kind: '新建',
    content: '整体硬件建设与功能区布局设置，青年友好型服务阵地',
    startedOn: '2025-03-01',
    completedOn: '2025-11-28',
    acceptedOn: null,
    funding: 1200000,
    fundingSource: '区级',
  });
  const cCentre = facilities.find((x) => x.community === c.code)!.number as string;
  work({
    facility: cCentre,
    kind: '功能完善',
    content: '一楼公共设施更新与功能区完善，优化服务动线',
    startedOn: '2025-04-01',
    completedOn: '2025-08-15',
    acceptedOn: '2025-08-30',
    funding: 150000,
    fundingSource: '街道',
  });
  for (const x of [d, e]) {
    work({
      facility: complex(x, null, null),
      kind: '设计定稿',
      content: '对照星级社区服务综合体建设标准完成设计定稿',
      startedOn: '2025-05-01',
      completedOn: '2025-12-10',
      acceptedOn: null,
      funding: null,
      fundingSource: null,
    });
  }
  for (const x of [g, h])
    facility({
      community: x.code,
      name: `${x.name}居民会客厅`,
      kind: '居民会客厅',
      area: 220,
      rooms: '亲子活动区、茶话区',
      openedOn: '2025-06-18',
    });
  return { 'workforce/facilities.csv': facilities, 'workforce/facility_works.csv': works };
}

const DELIBERATIONS = ['楼道杂物清理', '停车位改造', '充电桩安装', '小区绿化升级', '垃圾分类点位调整', '健身器材更新'];
const ACTIVITIES = ['微公益驿站', '辰光手作', '妈妈美食团', '红袖章能量营', '邻里百家宴', '亲子共读'];

function autonomy(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const stations: FixtureRow[] = [];
  const subsidies: FixtureRow[] = [];
  const activities: FixtureRow[] = [];
  let n = 0;
  const station = (row: FixtureRow) => {
    const number = `ZZZ${String(++n).padStart(4, '0')}`;
    stations.push({ number, ...row });
    return number;
  };
  const subsidy = (row: FixtureRow) => subsidies.push({ number: `ZZBZ${String(subsidies.length + 1).padStart(4, '0')}`, ...row });
  const activity = (row: FixtureRow) => activities.push({ number: `ZZHD${String(activities.length + 1).padStart(5, '0')}`, ...row });
  const held = (station: string, openedOn: string, kind: '说事议事' | '文体活动' | '公益服务', needs: number, resolved: number) =>
    activity({
      station,
      kind,
      title: kind === '说事议事' ? rnd.pick(DELIBERATIONS) : rnd.pick(ACTIVITIES),
      heldOn:
        openedOn > '2025-01-01'
          ? day(2025, rnd.int(Number(openedOn.slice(5, 7)), 12), rnd.int(1, 28))
          : day(2025, rnd.int(1, 12), rnd.int(1, 28)),
      participants: rnd.int(8, 60),
      needsCollected: needs,
      issuesResolved: resolved,
    });
  const seedCompounds = fx.compounds.filter((c) => c.community.startsWith(fx.street.slice(0, 9)));
  for (const c of fx.compounds) {
    if (seedCompounds.includes(c) || !rnd.chance(0.2)) continue;
    const year = rnd.pick([2023, 2024, 2025]);
    const openedOn = day(year, rnd.int(1, 12), rnd.int(1, 28));
    const s = station({
      compound: c.number,
      name: `${c.name}居民自治站`,
      startedOn: day(year - 1, 10, 1),
      openedOn,
      acceptedOn: rnd.chance(0.6) ? openedOn : null,
    });
    if (rnd.chance(0.5))
      subsidy({ station: s, source: rnd.pick(['区级', '街道']), purpose: '建设', amount: rnd.int(1, 6) * 5000, grantedOn: openedOn });
    for (let i = rnd.int(0, 5); i > 0; i--)
      held(s, openedOn, rnd.pick(['说事议事', '文体活动', '公益服务'] as const), rnd.int(0, 6), rnd.int(0, 2));
  }
  // the seed-shaped street (seeds/000 一.二, 四.二): six stations in use, two accepted this year with
  // 4.5万 from city and district, 3万 for a new one being built, 42 meetings with 132 needs and 12
  // problems resolved, 11 activities
  const [a, b, c, d, e, f, g] = seedCompounds;
  const inUse = [
    station({ compound: a.number, name: `${a.name}居民自治站`, startedOn: '2024-09-01', openedOn: '2025-05-20', acceptedOn: '2025-09-12' }),
    station({ compound: b.number, name: `${b.name}居民自治站`, startedOn: '2024-10-01', openedOn: '2025-06-18', acceptedOn: '2025-09-12' }),
    ...[c, d, e, f].map((x, i) =>
      station({
        compound: x.number,
        name: `${x.name}居民自治站`,
        startedOn: '2023-03-01',
        openedOn: day(2023, 6 + i, 1),
        acceptedOn: day(2023, 9 + i, 1),
      }),
    ),
  ];
  subsidy({ station: inUse[0], source: '市级', purpose: '建设', amount: 15000, grantedOn: '2025-09-20' });
  subsidy({ station: inUse[0], source: '区级', purpose: '建设', amount: 10000, grantedOn: '2025-09-20' });
  subsidy({ station: inUse[1], source: '市级', purpose: '建设', amount: 12000, grantedOn: '2025-09-20' });
  subsidy({ station: inUse[1], source: '区级', purpose: '建设', amount: 8000, grantedOn: '2025-09-20' });
  const building = station({ compound: g.number, name: `${g.name}居民自治站`, startedOn: '2025-10-08', openedOn: null, acceptedOn: null });
  subsidy({ station: building, source: '街道', purpose: '建设', amount: 30000, grantedOn: '2025-10-15' });
  const needs = [
    4, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  ];
  needs.forEach((k, i) => {
    const s = inUse[2 + (i % 4)];
    activity({
      station: s,
      kind: '说事议事',
      title: DELIBERATIONS[i % DELIBERATIONS.length],
      heldOn: day(2025, 1 + (i % 12), 5 + (i % 20)),
      participants: 12,
      needsCollected: k,
      issuesResolved: i % 7 === 0 ? 2 : 0,
    });
  });
  for (let i = 0; i < 11; i++)
    activity({
      station: inUse[i % 6 < 2 ? 2 : i % 6],
      kind: i % 2 ? '文体活动' : '公益服务',
      title: ACTIVITIES[i % ACTIVITIES.length],
      heldOn: day(2025, 7 + (i % 5), 10 + i),
      participants: 25,
      needsCollected: 0,
      issuesResolved: 0,
    });
  return {
    'workforce/autonomy_stations.csv': stations,
    'workforce/autonomy_subsidies.csv': subsidies,
    'workforce/autonomy_activities.csv': activities,
  };
}

/** A worker in post, as the election fixtures name them (read from the subgraph the test started). */
export interface FixtureWorker {
  staffNumber: string;
  community: string;
  role: string;
}

function elections(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>, workers: FixtureWorker[]) {
  const elections: FixtureRow[] = [];
  const results: FixtureRow[] = [];
  const seedStreet = fx.communities.filter((c) => c.street === fx.street);
  fx.communities.forEach((c, i) => {
    const number = `HJ${String(i + 1).padStart(4, '0')}`;
    const seed = seedStreet.indexOf(c);
    // the seed street: eight of its nine communities completed in 2025, the last one still voting
    const year = seed >= 0 ? 2025 : i % 3 === 0 ? 2024 : 2025;
    const heldOn = seed === 8 ? '2025-12-20' : day(year, rnd.int(3, 5), rnd.int(1, 20));
    const completedOn = seed === 8 ? null : `${heldOn.slice(0, 8)}${String(Number(heldOn.slice(8)) + 5).padStart(2, '0')}`;
    elections.push({
      number,
      community: c.code,
      term: '第十二届',
      heldOn,
      completedOn,
      partySeats: 5,
      residentsSeats: 7,
      supervisorySeats: 3,
    });
    const here = workers.filter((w) => w.community === c.code);
    const of = (role: string) => here.filter((w) => w.role === role);
    const elect = (committee: string, post: string, w: FixtureWorker | undefined) =>
      w && results.push({ election: number, committee, post, worker: w.staffNumber });
    elect('党组织委员会', '书记', of('PARTY_SECRETARY')[0]);
    elect('居民委员会', '主任', of('COMMITTEE_DIRECTOR')[0]);
    of('COMMITTEE_MEMBER')
      .slice(0, 4)
      .forEach((w, k) => elect(k % 2 ? '居民委员会' : '党组织委员会', '委员', w));
    const workersHere = of('COMMUNITY_WORKER');
    elect('居务监督委员会', '主任', workersHere[0]);
    // one community worker of the seed street's first community elected to the residents' committee: a 两委委员 from then on
    if (seed === 0) elect('居民委员会', '委员', workersHere[1]);
  });
  return { 'workforce/elections.csv': elections, 'workforce/election_results.csv': results };
}

const SUGGESTED: [string, string][] = [
  ['充电设施', '增设电动自行车充电桩'],
  ['停车', '规范小区停车'],
  ['充电设施', '增设汽车充电桩'],
  ['绿化', '补植绿化'],
  ['环境卫生', '增加垃圾分类点'],
  ['充电设施', '充电车棚改造'],
  ['物业管理', '公开物业收支'],
  ['一老一小', '增设老年食堂'],
  ['停车', '错时共享停车位'],
  ['安全', '加装楼道照明'],
  ['公共设施', '增设休闲座椅'],
];

/** Residents' suggestions (seeds/003): 69 collected district-wide in 2025, 35 closed, 28 adopted; 40 in 2024. */
function suggestions(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const add = (year: number, i: number, closed: boolean, adopted: boolean) => {
    const community = fx.communities[(i * 7 + year) % fx.communities.length].code;
    const compound = fx.compounds.find((c) => c.community === community);
    const [category, content] = SUGGESTED[i % SUGGESTED.length];
    const collectedOn = day(year, 1 + (i % 11), 1 + (i % 18));
    rows.push({
      number: `JY${year}${String(i + 1).padStart(5, '0')}`,
      community,
      compound: i % 3 === 0 && compound ? compound.number : null,
      category,
      content,
      collectedOn,
      closedOn: closed ? `${collectedOn.slice(0, 8)}${String(Number(collectedOn.slice(8)) + rnd.int(1, 9)).padStart(2, '0')}` : null,
      adopted: closed ? (adopted ? '是' : '否') : null,
    });
  };
  for (let i = 0; i < 69; i++) add(2025, i, i < 35, i < 28);
  for (let i = 0; i < 40; i++) add(2024, i, i < 20, i < 12);
  return { 'workforce/suggestions.csv': rows };
}

const MODE_LABEL: Record<string, string> = { 信托制物业: '信托制', 物业服务企业: '物业服务企业', 自管: '业主自管', 无物业: '无物业' };

/**
 * Property management (seeds/003 “信托制”物业改革, seeds/000 红色业委会): each compound's mode from the
 * compounds ledger as a period since 2020, a 信托制 pilot whose fee collection went from 65% to 98%,
 * owners' committees for a share of the managed compounds, fees of every managed compound.
 */
function property(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const services: FixtureRow[] = [];
  const committees: FixtureRow[] = [];
  const fees: FixtureRow[] = [];
  const modes = new Map(readCsv(join(SHANGJIE, 'compounds.csv')).map(([number, , , , , mode]) => [number, MODE_LABEL[mode] ?? '无物业']));
  const pilot = fx.compounds.find((c) => modes.get(c.number) === '信托制')!;
  for (const c of fx.compounds) {
    const mode = modes.get(c.number)!;
    const managed = mode === '信托制' || mode === '物业服务企业';
    const number = `WY${String(services.length + 1).padStart(5, '0')}`;
    if (c === pilot) {
      services.push({
        number,
        compound: c.number,
        mode: '物业服务企业',
        provider: '某物业公司',
        redProperty: '否',
        fromOn: '2020-01-01',
        toOn: '2024-07-01',
      });
      services.push({
        number: `${number}T`,
        compound: c.number,
        mode: '信托制',
        provider: '某物业公司',
        redProperty: '是',
        fromOn: '2024-07-01',
        toOn: null,
      });
      fees.push(
        { compound: c.number, year: 2024, householdsDue: 200, householdsPaid: 130 },
        { compound: c.number, year: 2025, householdsDue: 200, householdsPaid: 196 },
      );
      continue;
    }
    services.push({
      number,
      compound: c.number,
      mode,
      provider: managed ? '某物业公司' : null,
      redProperty: managed && rnd.chance(0.3) ? '是' : '否',
      fromOn: '2020-01-01',
      toOn: null,
    });
    if (!managed) continue;
    const due = Math.max(c.households, 20);
    for (const year of [2024, 2025])
      fees.push({ compound: c.number, year, householdsDue: due, householdsPaid: Math.round(due * (0.6 + rnd.next() * 0.38)) });
    if (rnd.chance(0.3)) {
      const members = rnd.int(5, 9);
      const partyMembers = rnd.int(0, members);
      const from = day(rnd.pick([2021, 2023, 2024]), rnd.int(1, 12), rnd.int(1, 28));
      committees.push({
        number: `YWH${String(committees.length + 1).padStart(4, '0')}`,
        compound: c.number,
        termFrom: from,
        termTo: `${Number(from.slice(0, 4)) + 5}${from.slice(4)}`,
        members,
        partyMembers,
        red: partyMembers * 2 >= members ? '是' : '否',
      });
    }
  }
  return {
    'workforce/property_services.csv': services,
    'workforce/owners_committees.csv': committees,
    'workforce/property_fees.csv': fees,
  };
}

/**
 * Household visits (seeds/000 跑楼行动: eight communities of the seed street, 808 rounds; seeds/002
 * 入户走访: two communities of another street, 92 rounds) and generated rounds elsewhere.
 */
function visits(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const add = (community: string, kind: string, visitedOn: string, counts: Record<string, number>) =>
    rows.push({
      number: `ZF${String(rows.length + 1).padStart(6, '0')}`,
      community,
      compound: null,
      worker: null,
      kind,
      visitedOn,
      ...counts,
    });
  const seedStreet = fx.communities.filter((c) => c.street === fx.street).slice(0, 8);
  for (const c of seedStreet)
    for (let i = 0; i < 101; i++)
      add(c.code, '跑楼', day(2025, 1 + (i % 12), 1 + (i % 28)), {
        households: 19,
        enterprises: i < 19 ? 1 : 0,
        needsFound: i < 60 ? 1 : 0,
        needsSolved: i < 38 ? 1 : 0,
        talentsFound: i < 13 ? 2 : 1,
      });
  const [a, b] = fx.communities.filter((c) => c.street !== fx.street);
  for (const [k, c] of [a, b].entries())
    for (let i = 0; i < 46; i++)
      add(c.code, '入户走访', day(2025, 3 + (i % 9), 1 + ((i + k) % 28)), {
        households: i < 36 ? 8 : 7,
        enterprises: 0,
        needsFound: 1,
        needsSolved: 1,
        talentsFound: 0,
      });
  for (const c of fx.communities.filter((x) => x.street !== fx.street && x !== a && x !== b))
    for (let i = rnd.int(5, 25); i > 0; i--) {
      const found = rnd.int(0, 5);
      add(c.code, rnd.pick(['跑楼', '入户走访', '走访企业']), day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)), {
        households: rnd.int(0, 40),
        enterprises: rnd.int(0, 3),
        needsFound: found,
        needsSolved: rnd.int(0, found),
        talentsFound: rnd.int(0, 3),
      });
    }
  return { 'workforce/household_visits.csv': rows };
}

const MICRO: [string, string, string][] = [
  ['绿化补植', '老旧小区绿化补植', '株'],
  ['停车设施', '非机动车棚改造', '处'],
  ['道路修缮', '破损路面修补', '米'],
  ['公共空间', '口袋公园', '处'],
  ['便民设施', '增设休闲座椅', '个'],
];

/**
 * Micro livelihood works (seeds/000 一.三 and 四.一; seeds/002 五项行动) planted in the seed street and
 * in two communities of another street, generated elsewhere.
 */
function microProjects(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) => rows.push({ number: `WXM${String(rows.length + 1).padStart(4, '0')}`, ...row });
  const seedCompounds = fx.compounds.filter((c) => c.community.startsWith(fx.street.slice(0, 9)));
  const [a, b, ...rest] = seedCompounds.slice(10);
  add({
    community: a.community,
    compound: a.number,
    name: `${a.name}廊架与门头改造`,
    category: '安全隐患整治',
    content: '消除结构安全隐患，新增休闲空间',
    households: a.households,
    funding: 120000,
    fundingSource: '街道',
    startedOn: '2025-04-01',
    completedOn: '2025-08-20',
  });
  add({
    community: b.community,
    compound: b.number,
    name: `${b.name}车库门前场地平整硬化`,
    category: '道路修缮',
    quantity: 32,
    unit: '个',
    households: 32,
    funding: 60000,
    fundingSource: '街道',
    startedOn: '2025-05-01',
    completedOn: '2025-06-30',
  });
  for (const [i, c] of rest.slice(0, 4).entries())
    add({
      community: c.community,
      compound: c.number,
      name: `${c.name}绿化补植`,
      category: '绿化补植',
      households: [203, 205, 200, 204][i],
      startedOn: '2025-03-01',
      completedOn: '2025-04-30',
    });
  const [x, y] = fx.communities.filter((c) => c.street !== fx.street);
  add({
    community: x.code,
    name: '污水井淤积治理',
    category: '环境卫生',
    content: '清掏淤积化粪池，清理杂物100余车',
    quantity: 82,
    unit: '个',
    funding: 52000,
    fundingSource: '社会捐赠',
    startedOn: '2025-03-10',
    completedOn: '2025-04-15',
  });
  add({
    community: y.code,
    name: '园区破损道路修缮',
    category: '道路修缮',
    quantity: 1500,
    unit: '米',
    funding: 205000,
    fundingSource: '社会捐赠',
    startedOn: '2025-05-01',
    completedOn: '2025-07-31',
  });
  add({
    community: x.code,
    name: '电动自行车充电端口及车棚',
    category: '充电设施',
    quantity: 200,
    unit: '个',
    startedOn: '2025-08-01',
    completedOn: null,
  });
  for (const c of fx.communities.filter((k) => k.street !== fx.street && k !== x && k !== y && rnd.chance(0.5))) {
    const [category, name, unit] = rnd.pick(MICRO);
    const year = rnd.pick([2024, 2025]);
    const done = rnd.chance(0.8);
    add({
      community: c.code,
      name,
      category,
      quantity: rnd.int(5, 300),
      unit,
      households: rnd.int(20, 400),
      funding: rnd.int(1, 20) * 5000,
      fundingSource: rnd.pick(['街道', '社区保障资金', '众筹']),
      startedOn: day(year, rnd.int(1, 6), rnd.int(1, 28)),
      completedOn: done ? day(year, rnd.int(7, 12), rnd.int(1, 28)) : null,
    });
  }
  return { 'workforce/micro_projects.csv': rows };
}

const BRANDS = ['一核三制五团', '鹭邻青年', '凉亭四合院', '幸福巷弄2.0', '红袖章能量营', '妈妈美食团', '邻里守望', '银龄互助'];

/**
 * Recognitions (seeds/000 三.三–四 and 四.一, seeds/003, seeds/001 示范点位): planted in the seed
 * street and at the district, generated elsewhere.
 */
function recognitions(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) =>
    rows.push({ number: `RY${String(rows.length + 1).padStart(4, '0')}`, rank: null, grantedBy: null, holderId: null, ...row });
  const seed = fx.communities.filter((c) => c.street === fx.street);
  const district = `${fx.street.slice(0, 6)}000000`;
  add({
    region: seed[0].code,
    kind: '荣誉奖项',
    level: '国家级',
    title: '最美志愿服务社区',
    holderType: '社区',
    holderName: seed[0].name,
    grantedOn: '2025-03-05',
  });
  add({
    region: seed[0].code,
    kind: '荣誉奖项',
    level: '市级',
    title: '志愿服务样板社区',
    holderType: '社区',
    holderName: seed[0].name,
    grantedOn: '2025-01-20',
  });
  add({
    region: seed[1].code,
    kind: '试点或培育名单',
    level: '区级',
    title: '志愿服务样板社区（村）培育名单',
    holderType: '社区',
    holderName: seed[1].name,
    grantedOn: '2025-06-10',
  });
  add({
    region: seed[2].code,
    kind: '品牌',
    level: '市级',
    title: '“七优享”志愿品牌',
    holderType: '志愿服务项目',
    holderName: '车轮上的守护者',
    holderId: 'XM0001',
    grantedOn: '2025-11-18',
  });
  add({
    region: seed[3].code,
    kind: '荣誉奖项',
    level: '市级',
    title: '文明实践项目展示',
    holderType: '志愿服务项目',
    holderName: '党章守护者',
    rank: '银奖',
    grantedOn: '2025-09-26',
  });
  add({
    region: seed[3].code,
    kind: '荣誉奖项',
    level: '区级',
    title: '志愿服务项目大赛',
    holderType: '志愿服务项目',
    holderName: '党章守护者',
    rank: '银奖',
    grantedOn: '2025-10-15',
  });
  add({
    region: seed[4].code,
    kind: '荣誉奖项',
    level: '区级',
    title: '志愿服务项目大赛',
    holderType: '志愿服务项目',
    holderName: '巷往·新生',
    rank: '优秀奖',
    grantedOn: '2025-10-15',
  });
  add({
    region: seed[5].code,
    kind: '荣誉奖项',
    level: '区级',
    title: '志愿服务项目大赛',
    holderType: '志愿服务项目',
    holderName: '老伙计帮帮忙',
    rank: '优秀奖',
    grantedOn: '2025-10-15',
  });
  add({
    region: fx.street,
    kind: '案例入选',
    level: '省级',
    title: '社区社会组织参与基层治理经验案例选编',
    holderType: '案例',
    holderName: '街道社区社会组织做法',
    grantedOn: '2025-12-01',
  });
  BRANDS.forEach((b, i) =>
    add({
      region: seed[i % seed.length].code,
      kind: '品牌',
      level: '街道级',
      title: '核心治理品牌',
      holderType: '工作法',
      holderName: b,
      grantedOn: day(2025, 2 + i, 10),
    }),
  );
  add({
    region: district,
    kind: '荣誉奖项',
    level: '市级',
    title: '社会工作者职业技能竞赛',
    holderType: '团队',
    holderName: '区代表队',
    rank: '优胜奖',
    grantedOn: '2025-11-05',
  });
  add({
    region: district,
    kind: '荣誉奖项',
    level: '市级',
    title: '社会工作者职业技能竞赛',
    holderType: '个人',
    holderName: '张三',
    rank: '优胜奖',
    grantedOn: '2025-11-05',
  });
  add({
    region: district,
    kind: '荣誉奖项',
    level: '国家级',
    title: '全国合唱展演',
    holderType: '团队',
    holderName: '灵芝雀合唱团',
    grantedOn: '2025-09-03',
  });
  for (let i = 0; i < 2; i++)
    add({
      region: district,
      kind: '荣誉奖项',
      level: '市级',
      title: '群众建议征集案例评审',
      holderType: '案例',
      holderName: `征集案例${i + 1}`,
      rank: '三等奖',
      grantedOn: '2025-12-10',
    });
  const other = fx.communities.filter((c) => c.street !== fx.street);
  for (let i = 0; i < 3; i++)
    add({
      region: other[i].code,
      kind: '示范点位',
      level: '街道级',
      title: '社区治理示范点位',
      holderType: '社区',
      holderName: other[i].name,
      grantedOn: '2025-07-01',
    });
  for (const c of other.slice(3))
    if (rnd.chance(0.5))
      add({
        region: c.code,
        kind: rnd.pick(['荣誉奖项', '品牌', '示范点位']),
        level: rnd.pick(['市级', '区级', '街道级']),
        title: '先进集体',
        holderType: '社区',
        holderName: c.name,
        grantedOn: day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
      });
  return { 'workforce/recognitions.csv': rows };
}

/** Cases and research topics (seeds/000 二.二: 30 cases and 5 topics in the seed street), generated elsewhere. */
function writeups(rnd: ReturnType<typeof seeded>, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const add = (region: string, kind: string, title: string, completedOn: string) =>
    rows.push({ number: `AL${String(rows.length + 1).padStart(4, '0')}`, region, kind, title, author: null, completedOn });
  const seed = fx.communities.filter((c) => c.street === fx.street);
  for (let i = 0; i < 30; i++) add(seed[i % seed.length].code, '社会工作案例', `社区服务案例${i + 1}`, day(2025, 1 + (i % 10), 1 + i));
  for (let i = 0; i < 5; i++) add(i ? seed[i].code : fx.street, '治理课题', `社区治理课题${i + 1}`, day(2025, 6 + i, 15));
  for (const c of fx.communities.filter((x) => x.street !== fx.street))
    for (let i = rnd.int(0, 3); i > 0; i--)
      add(c.code, rnd.pick(['社会工作案例', '治理课题', '经验材料']), '案例', day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)));
  return { 'workforce/writeups.csv': rows };
}

/**
 * Villagers' groups (seeds/001 村（居）民小组优化调整): the town's four communities had 24 groups; on
 * 2025-06-30 ten were merged into four new ones, leaving 18.
 */
function villagersGroups(fx: Omit<GovernanceFixtures, 'rows' | 'dir'>) {
  const rows: FixtureRow[] = [];
  const town = fx.communities.filter((c) => c.street.endsWith('100000'));
  for (const c of town) {
    for (let i = 1; i <= 6; i++)
      rows.push({
        code: `${c.code}${String(i).padStart(3, '0')}`,
        name: `${c.name}第${i}组`,
        community: c.code,
        households: 80 + i,
        establishedOn: null,
        abolishedOn: null,
      });
  }
  // ten groups merged: groups 1–5 of the first two communities, into two new ones each
  for (const c of town.slice(0, 2)) {
    for (let i = 1; i <= 5; i++) rows.find((r) => r.code === `${c.code}${String(i).padStart(3, '0')}`)!.abolishedOn = '2025-06-30';
    for (let i = 7; i <= 8; i++)
      rows.push({
        code: `${c.code}${String(i).padStart(3, '0')}`,
        name: `${c.name}第${i}组`,
        community: c.code,
        households: 200,
        establishedOn: '2025-06-30',
        abolishedOn: null,
      });
  }
  return { 'villagers_groups.csv': rows };
}

/** Writes the governance ledgers for Shangjie into `dir` and returns their rows. */
export function writeGovernanceFixtures(dir: string, opts: { workers?: FixtureWorker[] } = {}): GovernanceFixtures {
  const regions = readCsv(join(SHANGJIE, 'regions.csv'));
  const communities = regions
    .filter(([, , level]) => level === '社区' || level === '村')
    .map(([code, name, , parent]) => ({ code, name, street: parent }));
  const street = communities[0].street;
  const compounds = readCsv(join(SHANGJIE, 'compounds.csv')).map(([number, name, community, , households]) => ({
    number,
    name,
    community,
    households: Number(households) || 0,
  }));
  const base = { street, communities, compounds };
  const rows: Record<string, FixtureRow[]> = {
    ...facilities(seeded(15_01), base),
    ...autonomy(seeded(15_02), base),
    ...elections(seeded(15_03), base, opts.workers ?? []),
    ...suggestions(seeded(15_04), base),
    ...property(seeded(15_05), base),
    ...visits(seeded(15_06), base),
    ...microProjects(seeded(15_07), base),
    ...recognitions(seeded(15_08), base),
    ...writeups(seeded(15_09), base),
    ...villagersGroups(base),
    ...workingBodyFixtures(seeded(15_20), base, opts.workers ?? []),
    ...documents(base, opts.workers ?? []),
    ...talentFixtures(base),
  };
  Object.assign(rows, compoundRecords(seeded(15_30), base, rows['workforce/micro_projects.csv']));
  for (const [file, list] of Object.entries(rows)) writeLedger(dir, file, list);
  return { dir, ...base, rows };
}

/**
 * Named volunteer service projects (seeds/000 三.四) for the volunteer-stations subgraph's ledger
 * volunteer/projects.csv: the seed street's four, and generated projects at other stations.
 */
export function volunteerProjectRows(): FixtureRow[] {
  const rnd = seeded(15_10);
  const stations = readCsv(join(SHANGJIE, 'volunteer', 'stations.csv')).map(([number, , community]) => ({ number, community }));
  const rows: FixtureRow[] = [];
  const add = (row: FixtureRow) =>
    rows.push({ number: `XM${String(rows.length + 1).padStart(4, '0')}`, description: null, endedOn: null, ...row });
  const seed = stations.filter((s) => s.community.startsWith(SHANGJIE_STREET));
  add({ station: seed[2].number, name: '车轮上的守护者', field: '新就业群体关爱', startedOn: '2024-03-01' });
  add({ station: seed[3].number, name: '党章守护者', field: '文明实践', startedOn: '2025-02-01' });
  add({ station: seed[4].number, name: '巷往·新生', field: '社区服务', startedOn: '2025-04-01' });
  add({ station: seed[5].number, name: '老伙计帮帮忙', field: '助老服务', startedOn: '2025-05-01' });
  for (const s of stations.filter((x) => !x.community.startsWith(SHANGJIE_STREET)))
    if (rnd.chance(0.6)) {
      const year = rnd.pick([2023, 2024, 2025]);
      add({
        station: s.number,
        name: rnd.pick(['邻里守望', '银龄互助', '护苗行动', '清洁家园', '骑士驿站']),
        field: rnd.pick(['助老服务', '关爱儿童', '环境保护', '新就业群体关爱', '社区服务']),
        startedOn: day(year, rnd.int(1, 12), rnd.int(1, 28)),
        endedOn: year < 2025 && rnd.chance(0.3) ? day(year + 1, rnd.int(1, 12), rnd.int(1, 28)) : null,
      });
    }
  return rows;
}
