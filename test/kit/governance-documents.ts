import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SHANGJIE } from './datasets';
import { day, seeded, type FixtureRow, type FixtureWorker, type GovernanceFixtures } from './governance';

/**
 * Documents and lists (issue 15, seeds/000 三委班子, 001 社区分报告, 003 党建指南、明白卡、三张清单、
 * 证明事项): the district's guide, card, grid notice and certificate rules; each street's notices,
 * plans and rules in 2024 and 2025; the seed street's overall report with a sub-report per
 * community; every community's “开门一件事” task list (8–15 items with deadlines, some done late,
 * some not done), its leadership's division of work and duty list, and its certificate list; the
 * three lists (事项、职责、负面) at a share of grids. Party-building guides and cards, workforce
 * notices and rules are the district's alone, so a seed sentence can name them by kind and line.
 */
const TASKS = [
  '楼道堆物清理',
  '小区路灯维修',
  '加装电梯协调',
  '非机动车充电棚建设',
  '背街小巷路面修补',
  '老旧管网改造协调',
  '小区绿化补植',
  '垃圾分类亭改造',
  '停车位划线',
  '健身器材更新',
  '楼顶防水维修',
  '监控探头补装',
  '适老化扶手安装',
  '社区食堂开办',
  '四点半课堂开设',
];
const POSTS: [string, 'DIVISION' | 'DUTY'][] = [
  ['党委书记', 'DIVISION'],
  ['居委会主任', 'DIVISION'],
  ['党委副书记', 'DIVISION'],
  ['居委会副主任', 'DIVISION'],
  ['党委委员', 'DUTY'],
  ['居委会委员', 'DUTY'],
  ['网格员', 'DUTY'],
];
const CERTIFICATES = [
  '居民基本信息证明',
  '无房证明（限无房产登记信息情形）',
  '亲属关系证明（限无其他证明材料情形）',
  '居住状况证明',
  '养犬登记初审意见',
  '困难情况证明',
  '出生地证明',
  '死亡证明（限无医疗机构证明情形）',
  '独生子女情况证明',
];
const LINES = ['志愿服务', '社会组织', '新就业群体'];
const ITEM_KIND = { DIVISION: '分工', DUTY: '职责' } as const;

export function documents(fx: Omit<GovernanceFixtures, 'rows' | 'dir'>, workers: FixtureWorker[]) {
  const rnd = seeded(15_41);
  const docs: FixtureRow[] = [];
  const items: FixtureRow[] = [];
  let n = 0;
  let m = 0;
  const doc = (row: FixtureRow) => {
    const number = `WJ${String(++n).padStart(5, '0')}`;
    docs.push({ number, subject: null, documentNumber: null, summary: null, ...row });
    return { number, region: row.region };
  };
  const item = (d: { number: string; region: FixtureRow[string] }, row: FixtureRow) =>
    items.push({
      number: `SX${String(++m).padStart(6, '0')}`,
      document: d.number,
      region: d.region,
      post: null,
      assignee: null,
      dueOn: null,
      doneOn: null,
      ...row,
    });

  const district = `${fx.street.slice(0, 6)}000000`;
  doc({
    region: district,
    kind: '指南',
    line: '党建',
    title: '《新兴领域党建工作指南》',
    issuedOn: '2025-04-15',
    documentNumber: '区党建〔2025〕6号',
  });
  doc({ region: district, kind: '明白卡', line: '党建', title: '《党建工作指导员明白卡》', issuedOn: '2025-06-10' });
  doc({ region: district, kind: '指南', line: '党建', title: '《“两新”组织党建工作手册》', issuedOn: '2024-05-20' });
  const notice = doc({
    region: district,
    kind: '通知',
    line: '基层治理',
    title: '《关于进一步规范社区（村）网格工作事项的通知》',
    issuedOn: '2025-03-20',
    documentNumber: '区社治〔2025〕3号',
  });
  for (const [kind, count, what] of [
    ['事项', 12, '网格工作事项'],
    ['职责', 8, '网格员职责'],
    ['负面事项', 10, '网格负面事项'],
  ] as const)
    for (let i = 1; i <= count; i++) item(notice, { kind, title: `${what}第${i}项` });
  doc({ region: district, kind: '制度', line: '基层治理', title: '《关于规范村（社区）出具证明事项的实施办法》', issuedOn: '2025-05-08' });
  doc({ region: district, kind: '通知', line: '基层治理', title: '《关于开展社区减负增效工作的通知》', issuedOn: '2024-07-01' });

  const streets = [...new Set(fx.communities.map((c) => c.street))];
  for (const s of streets)
    for (const year of [2024, 2025])
      for (let i = rnd.int(2, 4); i > 0; i--)
        doc({
          region: s,
          kind: rnd.pick(['通知', '方案', '制度', '指南']),
          line: rnd.pick(LINES),
          title: rnd.pick(['志愿服务积分兑换工作方案', '社会组织孵化培育办法', '骑手友好社区建设通知', '志愿服务站点运行指南']),
          issuedOn: day(year, rnd.int(1, 12), rnd.int(1, 28)),
        });

  // the seed street's overall report and a sub-report per community (2025), three in 2024
  const seedCommunities = fx.communities.filter((c) => c.street === fx.street);
  for (const [year, count] of [
    [2025, seedCommunities.length],
    [2024, 3],
  ] as const) {
    doc({
      region: fx.street,
      kind: '报告',
      line: '基层治理',
      title: '街道社区情况总体报告',
      issuedOn: day(year, 12, 10),
      summary: '辖区社区基本情况、治理成效与下一步计划',
    });
    for (const c of seedCommunities.slice(0, count))
      doc({
        region: fx.street,
        kind: '报告',
        line: '基层治理',
        title: `${c.name}情况分报告`,
        issuedOn: day(year, 12, 10),
        subject: c.code,
        summary: `${c.name}人口、设施、队伍与治理情况`,
      });
  }

  for (const c of fx.communities) {
    const own = workers.filter((w) => w.community === c.code);
    for (const year of [2024, 2025]) {
      if (year === 2024 && !rnd.chance(0.5)) continue;
      // “开门一件事”任务清单: issued in January or February, deadlines through the year
      const list = doc({
        region: c.code,
        kind: '任务清单',
        line: '基层治理',
        title: '“开门一件事”任务清单',
        issuedOn: day(year, rnd.int(1, 2), rnd.int(1, 28)),
      });
      for (let i = rnd.int(8, 15); i > 0; i--) {
        const due = day(year, rnd.int(3, 11), rnd.int(1, 28));
        const fate = rnd.next();
        // most done on time, some late (still in the year), some not done at all
        const done = fate < 0.7 ? due : fate < 0.85 ? day(year, 12, rnd.int(1, 28)) : null;
        item(list, { kind: '任务', title: rnd.pick(TASKS), dueOn: due, doneOn: done });
      }
    }
    const duties = doc({
      region: c.code,
      kind: '职责清单',
      line: '基层治理',
      title: '社区领导班子分工及岗位职责清单',
      issuedOn: day(2025, 2, rnd.int(1, 28)),
    });
    POSTS.forEach(([post, kind], i) => {
      for (let k = kind === 'DIVISION' ? 1 : rnd.int(2, 3); k > 0; k--)
        item(duties, { kind: ITEM_KIND[kind], title: `${post}职责${k}`, post, assignee: own[i]?.staffNumber ?? null });
    });
    if (rnd.chance(0.75)) {
      const certs = doc({
        region: c.code,
        kind: '证明事项清单',
        line: '基层治理',
        title: '村（社区）出具证明事项清单',
        issuedOn: day(2025, rnd.int(6, 9), rnd.int(1, 28)),
      });
      for (const title of CERTIFICATES.slice(0, rnd.int(5, 9))) item(certs, { kind: '证明事项', title });
    }
  }

  // the three lists at a third of the grids (every grid of the seed street's first community)
  const grids = (parse(readFileSync(join(SHANGJIE, 'grids.csv')), { bom: true, from_line: 2 }) as string[][]).map(
    ([code, name, community]) => ({
      code,
      name,
      community,
    }),
  );
  for (const g of grids.filter((x) => x.community === fx.communities[0].code || rnd.chance(0.3)))
    for (const [kind, itemKind] of [
      ['事项清单', '事项'],
      ['职责清单', '职责'],
      ['负面清单', '负面事项'],
    ] as const) {
      const list = doc({
        region: g.code,
        kind,
        line: '基层治理',
        title: `${g.name}${kind}`,
        issuedOn: day(2025, rnd.int(4, 10), rnd.int(1, 28)),
      });
      for (let i = rnd.int(3, 6); i > 0; i--) item(list, { kind: itemKind, title: `${itemKind}${i}` });
    }
  return { 'workforce/documents.csv': docs, 'workforce/document_items.csv': items };
}
