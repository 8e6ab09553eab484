import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHANGJIE } from './datasets';
import { seeded, volunteerProjectRows, type FixtureRow } from './governance';

/**
 * Volunteer-service fixtures of issue 15 (seeds/000 二.一 and seeds/003 三.二) for the
 * volunteer-stations ledgers volunteer/activities.csv, volunteer/needs.csv,
 * volunteer/recruitments.csv and volunteer/volunteer_trainings.csv, generated deterministically over
 * Shangjie's own stations and grids. The seed street (Shangjie's first) gets planted rows so the
 * seed's sentences come out: 就业帮扶、社交联谊活动26场 and 解决青年租房、创业诉求18件 in 2025;
 * 招募志愿者85名，培训150人次 in 2025. Each activity and need row carries `kind`, the kind of
 * service its label is meant as (the office's words vary: 青年就业帮扶 is employment support);
 * tests count from it, never from the subgraph's code. The ledger writer leaves `kind` out.
 */
const SEED_STREET = '410106001';

const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A Shangjie ledger's rows without its header (these files have no quoted cells). */
const readCsv = (path: string): string[][] =>
  readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

const stations = () => readCsv(join(SHANGJIE, 'volunteer', 'stations.csv')).map(([number, , community]) => ({ number, community }));
const grids = () => readCsv(join(SHANGJIE, 'grids.csv')).map(([code, , community]) => ({ code, community }));

/** Labels offices write, by the kind they mean, for the generated rows outside the seed street. */
const ACTIVITY_LABELS: [string, string][] = [
  ['就业帮扶', 'EMPLOYMENT'],
  ['招聘会志愿服务', 'EMPLOYMENT'],
  ['社交联谊', 'SOCIAL'],
  ['邻里文化节', 'CULTURE_SPORTS'],
  ['环境整治', 'ENVIRONMENT'],
  ['助老服务', 'ELDERLY'],
  ['便民利民服务', 'CONVENIENCE'],
];
const NEED_LABELS: [string, string][] = [
  ['青年租房', 'HOUSING'],
  ['创业指导', 'ENTREPRENEURSHIP'],
  ['助老陪护', 'ELDERLY'],
  ['法律咨询', 'LEGAL'],
  ['代购代办', 'CONVENIENCE'],
];

export interface VolunteerCategoryFixtures {
  activities: FixtureRow[];
  needs: FixtureRow[];
}

/** Activities and needs with categories written as offices write them (numbers apart from Shangjie's own). */
export function volunteerCategoryRows(): VolunteerCategoryFixtures {
  const rnd = seeded(15_51);
  const all = stations();
  const seed = all.filter((s) => s.community.startsWith(SEED_STREET));
  const activities: FixtureRow[] = [];
  const addActivity = (station: string, category: string, kind: string, heldOn: string) =>
    activities.push({
      number: `HDF${String(activities.length + 1).padStart(5, '0')}`,
      name: `${category}活动`,
      station,
      heldOn,
      category,
      target: '其他',
      personTimes: 20,
      kind,
    });
  // 2025 in the seed street: 14 employment and 12 social activities (26), beside others that do not count
  const planted: [string, string, number][] = [
    ['就业帮扶', 'EMPLOYMENT', 9],
    ['青年就业帮扶', 'EMPLOYMENT', 5],
    ['社交联谊', 'SOCIAL', 8],
    ['青年交友联谊', 'SOCIAL', 4],
    ['文体活动', 'CULTURE_SPORTS', 5],
    ['创业沙龙', 'ENTREPRENEURSHIP', 3],
  ];
  let i = 0;
  for (const [label, kind, n] of planted)
    for (let k = 0; k < n; k++, i++) addActivity(seed[i % seed.length].number, label, kind, day(2025, 1 + (i % 12), 1 + (i % 28)));
  // 2024 in the seed street: 6 employment and 4 social
  for (let k = 0; k < 10; k++)
    addActivity(seed[k % seed.length].number, k < 6 ? '就业帮扶' : '社交联谊', k < 6 ? 'EMPLOYMENT' : 'SOCIAL', day(2024, 3 + k, 10));
  for (const s of all.filter((x) => !x.community.startsWith(SEED_STREET)))
    for (let k = rnd.int(0, 3); k > 0; k--) {
      const [label, kind] = rnd.pick(ACTIVITY_LABELS);
      addActivity(s.number, label, kind, day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)));
    }

  const needs: FixtureRow[] = [];
  const allGrids = grids();
  const seedGrids = allGrids.filter((g) => g.community.startsWith(SEED_STREET));
  const addNeed = (grid: string, category: string, kind: string, raisedOn: string, status: string) =>
    needs.push({
      number: `XQF${String(needs.length + 1).padStart(5, '0')}`,
      grid,
      content: `${category}需求`,
      category,
      raisedOn,
      status,
      kind,
    });
  // 2025 in the seed street: 18 housing and business-start needs closed, 3 still open, 4 of another kind closed
  const seedNeeds: [string, string, string, number][] = [
    ['青年租房', 'HOUSING', '已完成', 7],
    ['租房咨询', 'HOUSING', '已反馈', 3],
    ['创业', 'ENTREPRENEURSHIP', '已完成', 5],
    ['创业指导', 'ENTREPRENEURSHIP', '已反馈', 3],
    ['青年租房', 'HOUSING', '已认领', 2],
    ['创业', 'ENTREPRENEURSHIP', '待认领', 1],
    ['助老陪护', 'ELDERLY', '已完成', 4],
  ];
  let j = 0;
  for (const [label, kind, status, n] of seedNeeds)
    for (let k = 0; k < n; k++, j++)
      addNeed(seedGrids[j % seedGrids.length].code, label, kind, day(2025, 1 + (j % 11), 1 + (j % 28)), status);
  for (let k = 0; k < 5; k++)
    addNeed(seedGrids[k].code, k < 3 ? '青年租房' : '创业', k < 3 ? 'HOUSING' : 'ENTREPRENEURSHIP', day(2024, 5 + k, 8), '已完成');
  for (const g of allGrids.filter((x) => !x.community.startsWith(SEED_STREET)))
    if (rnd.chance(0.4)) {
      const [label, kind] = rnd.pick(NEED_LABELS);
      addNeed(
        g.code,
        label,
        kind,
        day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
        rnd.pick(['待认领', '已认领', '已服务', '已完成']),
      );
    }
  return { activities, needs };
}

export interface VolunteerRecruitmentFixtures {
  recruitments: FixtureRow[];
  trainings: FixtureRow[];
}

/**
 * Recruitments and trainings by stations (volunteer/recruitments.csv, volunteer/volunteer_trainings.csv).
 * The seed street's first recruitment is for the first of volunteerProjectRows() (import those first).
 */
export function volunteerRecruitmentRows(): VolunteerRecruitmentFixtures {
  const rnd = seeded(15_52);
  const all = stations();
  const seed = all.filter((s) => s.community.startsWith(SEED_STREET));
  const project = volunteerProjectRows()[0];
  const communityOf = (station: string) => all.find((s) => s.number === station)!.community;
  const recruitments: FixtureRow[] = [];
  const addRecruitment = (row: Omit<FixtureRow, 'number' | 'community'> & { station: string }) =>
    recruitments.push({
      number: `ZM${String(recruitments.length + 1).padStart(5, '0')}`,
      community: communityOf(row.station),
      project: null,
      activity: null,
      ...row,
    });
  // 2025 in the seed street: 85 volunteers taken on by four recruitments
  const taken = [30, 25, 20, 10];
  taken.forEach((accepted, k) =>
    addRecruitment({
      station: k === 0 ? String(project.station) : seed[k].number,
      project: k === 0 ? String(project.number) : null,
      title: k === 0 ? `${project.name}志愿者招募` : `社区志愿者招募${k}`,
      publishedOn: day(2025, 2 + k * 2, 5),
      places: accepted + 5,
      signedUp: accepted + 3,
      accepted,
    }),
  );
  addRecruitment({
    station: seed[1].number,
    title: '暑期志愿者招募',
    publishedOn: day(2024, 7, 1),
    places: 20,
    signedUp: 18,
    accepted: 15,
  });
  for (const s of all.filter((x) => !x.community.startsWith(SEED_STREET)))
    for (let k = rnd.int(0, 2); k > 0; k--) {
      const places = rnd.int(5, 40);
      const signedUp = rnd.int(0, places + 10);
      const decided = rnd.chance(0.85);
      addRecruitment({
        station: s.number,
        title: '志愿者招募',
        publishedOn: day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
        places,
        signedUp,
        accepted: decided ? rnd.int(0, signedUp) : null,
      });
    }

  const trainings: FixtureRow[] = [];
  const addTraining = (station: string, heldOn: string, topic: string, personTimes: number) =>
    trainings.push({
      number: `PX${String(trainings.length + 1).padStart(5, '0')}`,
      station,
      community: communityOf(station),
      heldOn,
      topic,
      personTimes,
    });
  // 2025 in the seed street: 150 person-times in five sessions
  [40, 36, 30, 24, 20].forEach((n, k) => addTraining(seed[k % seed.length].number, day(2025, 3 + k, 12), '志愿服务技能培训', n));
  addTraining(seed[0].number, day(2024, 9, 12), '应急救护培训', 45);
  for (const s of all.filter((x) => !x.community.startsWith(SEED_STREET)))
    for (let k = rnd.int(0, 2); k > 0; k--)
      addTraining(
        s.number,
        day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
        rnd.pick(['岗前培训', '应急救护培训', '服务礼仪培训']),
        rnd.int(8, 60),
      );
  return { recruitments, trainings };
}
