import type { FixtureRow, FixtureWorker, GovernanceFixtures } from './governance';

/**
 * Working bodies and joint events (issue 15; seeds/002 胡家园, 003 §三, 001 §(四)) over Shangjie,
 * generated deterministically:
 * - the district sets up a leading group for social-work talent (组织架构) and a joint conference
 *   (联席会议) of eight departments with their duties, whose first plenary meets in March 2025;
 * - the second street opens a “三社联动” guidance centre seated in one of its communities;
 * - the third street's first two communities run a cross-community joint conference with a monthly
 *   rotating host: 12 meetings in 2025 resolving 15 common problems, and 28 joint activities in 2025
 *   (10 in 2024) that saved 3万余元;
 * - every street holds salons with enterprises and organisations attending; other communities hold a
 *   few joint activities with a neighbour, and other streets set up task forces.
 */
interface Rnd {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function workingBodyFixtures(rnd: Rnd, fx: Omit<GovernanceFixtures, 'rows' | 'dir'>, workers: FixtureWorker[]) {
  const bodies: FixtureRow[] = [];
  const members: FixtureRow[] = [];
  const events: FixtureRow[] = [];
  const body = (row: Omit<FixtureRow, 'number'>) => {
    const number = `JG${String(bodies.length + 1).padStart(3, '0')}`;
    bodies.push({ number, seat: null, memberRegions: null, rotation: null, duties: null, dissolvedOn: null, ...row });
    return number;
  };
  const member = (b: string, region: string, row: FixtureRow) =>
    members.push({
      body: b,
      seq: members.filter((m) => m.body === b).length + 1,
      region,
      unitName: null,
      worker: null,
      role: null,
      duty: null,
      leftOn: null,
      ...row,
    });
  const event = (row: FixtureRow) =>
    events.push({
      number: `LH${String(events.length + 1).padStart(4, '0')}`,
      body: null,
      topics: null,
      problemsResolved: 0,
      enterprises: 0,
      organizations: 0,
      personTimes: 0,
      costSaved: 0,
      ...row,
    });

  const district = `${fx.street.slice(0, 6)}000000`;
  const streets = [...new Set(fx.communities.map((c) => c.street))];
  const communitiesOf = (s: string) => fx.communities.filter((c) => c.street === s);

  // the district: 组织架构 and 联席会议 with member units' duties (003 §三)
  const group = body({ region: district, kind: '领导小组', name: '社会工作人才队伍建设工作领导小组', establishedOn: '2025-02-20' });
  for (const [unit, role, duty] of [
    ['区委社会工作部', '组长单位', '统筹社会工作人才队伍建设'],
    ['区民政局', '副组长单位', '社区工作者招录与管理'],
    ['区人力资源和社会保障局', '成员单位', '职业资格与薪酬待遇'],
  ])
    member(group, district, { unitName: unit, role, duty, joinedOn: '2025-02-20' });
  const conference = body({
    region: district,
    kind: '联席会议',
    name: '社会工作人才队伍建设联席会议',
    duties: '统筹协调社会工作人才队伍建设重大事项',
    establishedOn: '2025-03-10',
  });
  const units: [string, string][] = [
    ['区委社会工作部', '牵头召集，统筹推进'],
    ['区委组织部', '社区党组织书记队伍建设'],
    ['区民政局', '社区工作者职业体系建设'],
    ['区财政局', '经费保障'],
    ['区人力资源和社会保障局', '职业资格评价与薪酬'],
    ['区教育局', '高校社会工作专业合作'],
    ['区卫生健康委员会', '医务社会工作'],
    ['团区委', '青年志愿者队伍'],
  ];
  for (const [unit, duty] of units)
    member(conference, district, { unitName: unit, role: unit === units[0][0] ? '牵头单位' : '成员单位', duty, joinedOn: '2025-03-10' });
  // a unit that left the conference in the autumn
  member(conference, district, { unitName: '区司法局', role: '成员单位', duty: '法律服务', joinedOn: '2025-03-10', leftOn: '2025-10-01' });
  event({
    kind: '全体会议',
    body: conference,
    host: district,
    participants: district,
    heldOn: '2025-03-28',
    title: '社会工作人才队伍建设联席会议首次全体会议',
    topics: '明确部门职责、年度工作要点',
    personTimes: 36,
  });
  // a task force of 2024, dissolved at the start of 2025
  body({
    region: district,
    kind: '工作专班',
    name: '社区工作者职业体系建设工作专班',
    establishedOn: '2024-05-06',
    dissolvedOn: '2025-01-31',
  });

  // the second street: a guidance centre seated in one of its communities (001 §(四))
  const [, second, third, ...others] = streets;
  const seat = communitiesOf(second)[1];
  body({ region: second, kind: '指导中心', name: '“三社联动”指导中心', seat: seat.code, establishedOn: '2025-04-15' });

  // the third street's first two communities: a joint conference with a monthly rotating host (002)
  const [a, b] = communitiesOf(third);
  const pair = `${a.code}、${b.code}`;
  const joint = body({
    region: a.code,
    kind: '联席会议',
    name: '跨社区工作联席会商机制',
    memberRegions: pair,
    rotation: '按月轮值',
    establishedOn: '2024-12-20',
  });
  for (const c of [a, b]) {
    member(joint, a.code, { unitName: `${c.name}党委`, role: '成员单位', duty: '轮值主持月度联席会议', joinedOn: '2024-12-20' });
    const secretary = workers.find((w) => w.community === c.code);
    if (secretary)
      member(joint, a.code, { worker: secretary.staffNumber, role: '召集人', duty: '召集会商、督办共性难题', joinedOn: '2024-12-20' });
  }
  const topics = ['基层治理', '资源整合', '品牌培育'];
  const problems = [2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1]; // 15 in all
  for (let m = 1; m <= 12; m++)
    event({
      kind: '联席会议',
      body: joint,
      host: m % 2 ? a.code : b.code,
      participants: pair,
      heldOn: day(2025, m, 15),
      title: `${m}月联席会议`,
      topics: m % 3 ? topics[m % 3] : `${topics[0]}、${topics[1]}`,
      problemsResolved: problems[m - 1],
      personTimes: 12,
    });
  const activities = ['主题党日', '邻里文化节', '文艺汇演', '健康义诊'];
  for (let i = 0; i < 28; i++)
    event({
      kind: '联合活动',
      host: i % 2 ? b.code : a.code,
      participants: pair,
      heldOn: day(2025, 1 + Math.floor(i / 3), 3 + (i % 3) * 8),
      title: rnd.pick(activities),
      personTimes: 40 + rnd.int(0, 10),
      costSaved: 1100 + rnd.int(0, 200),
    });
  for (let i = 0; i < 10; i++)
    event({
      kind: '联合活动',
      host: a.code,
      participants: pair,
      heldOn: day(2024, 2 + i, 10),
      title: rnd.pick(activities),
      personTimes: 30 + rnd.int(0, 10),
      costSaved: 800 + rnd.int(0, 200),
    });

  // salons at every street (001 主题沙龙), both years
  for (const s of streets)
    for (const year of [2024, 2025])
      for (let i = rnd.int(year === 2025 ? 1 : 0, 2); i > 0; i--)
        event({
          kind: '主题沙龙',
          host: s,
          participants: s,
          heldOn: day(year, rnd.int(3, 11), rnd.int(1, 28)),
          title: rnd.pick(['社区治理主题沙龙', '三社联动主题沙龙', '书记沙龙']),
          enterprises: rnd.int(5, 20),
          organizations: rnd.int(3, 15),
          personTimes: rnd.int(30, 80),
        });

  // elsewhere: task forces, and a few activities of neighbouring communities (or of one alone)
  for (const s of others) {
    if (rnd.chance(0.7))
      body({
        region: s,
        kind: '工作专班',
        name: '社区治理工作专班',
        establishedOn: day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
      });
    const list = communitiesOf(s);
    for (let i = 0; i + 1 < list.length; i += 2)
      for (let n = rnd.int(0, 3); n > 0; n--)
        event({
          kind: '联合活动',
          host: list[i].code,
          participants: rnd.chance(0.8) ? `${list[i].code}、${list[i + 1].code}` : list[i].code,
          heldOn: day(rnd.pick([2024, 2025]), rnd.int(1, 12), rnd.int(1, 28)),
          title: rnd.pick(activities),
          personTimes: rnd.int(20, 60),
          costSaved: rnd.chance(0.5) ? rnd.int(200, 1500) : 0,
        });
  }
  return {
    'workforce/working_bodies.csv': bodies,
    'workforce/working_body_members.csv': members,
    'workforce/joint_events.csv': events,
  };
}
