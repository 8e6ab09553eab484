import { testIdNumber } from './datasets';
import { day, seeded, type FixtureRow, type GovernanceFixtures } from './governance';

/**
 * Talent pools (社工人才库, seeds/001 and 002) and “双示范” applications (seeds/001) for Shangjie's workforce ledger
 * workforce/talent_pool.csv, generated deterministically. The second street (中心路) is shaped like
 * seeds/001's street: it created its pool in 2025 and holds the planted members at the street
 * itself; the district keeps a pool of certified workers and specialists; the other streets and some
 * of their communities keep reserve lists. Members are people of their own (ID numbers under a
 * neighbouring county's code, so none is one of Shangjie's workers); tests enter a worker by hand.
 */
type Base = Omit<GovernanceFixtures, 'rows' | 'dir'>;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'];
const GIVEN = ['敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂兰', '建华', '晓东', '思远', '雨桐'];
const SPECIALTIES = ['心理咨询', '法律服务', '社区矫正', '儿童社工', '老年社工', '项目督导', '财务审核', '调解', null];

/** The street whose pool carries seeds/001's sentence: Shangjie's second street. */
export const POOL_STREET_INDEX = 1;

export function talentPool(rnd: ReturnType<typeof seeded>, fx: Base): Record<string, FixtureRow[]> {
  const rows: FixtureRow[] = [];
  const district = fx.communities[0].code.slice(0, 6);
  const streets = [...new Set(fx.communities.map((c) => c.street))];
  const poolStreet = streets[POOL_STREET_INDEX];
  const add = (region: string, category: string, enteredOn: string, leftOn: string | null = null) => {
    const n = rows.length + 1;
    const born = day(rnd.int(1965, 2001), rnd.int(1, 12), rnd.int(1, 28)).replace(/-/g, '');
    rows.push({
      number: `RC${String(n).padStart(4, '0')}`,
      region,
      name: rnd.pick(SURNAMES) + rnd.pick(GIVEN),
      idNumber: testIdNumber(n % 1000, born, '410181'),
      category,
      specialty: category === '专业人才' ? rnd.pick(SPECIALTIES.filter(Boolean)) : rnd.pick(SPECIALTIES),
      enteredOn,
      leftOn,
    });
  };
  // seeds/001: the street created its pool in 2025 — 20 certified social workers, 12 reserves, 4 specialists
  for (let i = 0; i < 20; i++) add(poolStreet, '持证社工', day(2025, 3, 1 + (i % 20)));
  for (let i = 0; i < 12; i++) add(poolStreet, i % 2 ? '社区工作者后备' : '后备人才', day(2025, 4, 1 + i));
  for (let i = 0; i < 4; i++) add(poolStreet, '专业人才', day(2025, 5, 10 + i));
  // the district's pool since 2023, with members leaving over the years
  for (let i = 0; i < 30; i++) {
    const year = rnd.pick([2023, 2024, 2025]);
    const enteredOn = day(year, rnd.int(1, 12), rnd.int(1, 28));
    const leftOn = year < 2025 && rnd.chance(0.25) ? day(year + 1, rnd.int(1, 12), rnd.int(1, 28)) : null;
    add(district, rnd.pick(['持证社工', '专业人才', '志愿者骨干', '其他']), enteredOn, leftOn);
  }
  // other streets and some of their communities keep reserve lists
  for (const street of streets.filter((s) => s !== poolStreet)) {
    const places = [street, ...fx.communities.filter((c) => c.street === street && rnd.chance(0.3)).map((c) => c.code)];
    for (const place of places)
      for (let i = rnd.int(2, 8); i > 0; i--) {
        const year = rnd.pick([2024, 2025]);
        const enteredOn = day(year, rnd.int(1, 12), rnd.int(1, 28));
        add(
          place,
          rnd.pick(['社区工作者后备', '持证社工', '专业人才']),
          enteredOn,
          year === 2024 && rnd.chance(0.2) ? day(2025, rnd.int(1, 12), 28) : null,
        );
      }
  }
  return { 'workforce/talent_pool.csv': rows };
}

/**
 * “双示范” applications (seeds/001): on the same street, a community applies to be a city-level
 * 示范产业社区, a compound of another community a city-level 示范农民集中居住区 and that community a
 * district-level 示范乡村社区; the two city-level ones were pre-inspected and peer-reviewed in 2025.
 * Elsewhere communities and compounds applied in 2024 or 2025 and got as far as they got.
 */
export function demonstrationApplications(rnd: ReturnType<typeof seeded>, fx: Base): Record<string, FixtureRow[]> {
  const rows: FixtureRow[] = [];
  const streets = [...new Set(fx.communities.map((c) => c.street))];
  const street = streets[POOL_STREET_INDEX];
  const add = (row: FixtureRow) =>
    rows.push({
      number: `SF${String(rows.length + 1).padStart(4, '0')}`,
      compound: null,
      kind: '示范点位',
      preInspectedOn: null,
      peerReviewedOn: null,
      result: null,
      decidedOn: null,
      recognition: null,
      ...row,
    });
  const [c0, c1] = fx.communities.filter((c) => c.street === street);
  const compound = fx.compounds.find((c) => c.community === c1.code)!;
  add({
    community: c0.code,
    level: '市级',
    title: '市级示范产业社区',
    appliedOn: '2025-03-10',
    preInspectedOn: '2025-09-15',
    peerReviewedOn: '2025-11-20',
  });
  add({
    community: c1.code,
    compound: compound.number,
    level: '市级',
    title: '市级示范农民集中居住区',
    appliedOn: '2025-03-12',
    preInspectedOn: '2025-09-15',
    peerReviewedOn: '2025-11-20',
  });
  add({ community: c1.code, level: '区级', title: '区级示范乡村社区', appliedOn: '2025-03-15' });
  for (const c of fx.communities.filter((x) => x.street !== street && rnd.chance(0.5))) {
    const year = rnd.pick([2024, 2025]);
    const appliedOn = day(year, rnd.int(1, 4), rnd.int(1, 28));
    const steps = rnd.int(0, 3);
    const own = fx.compounds.filter((x) => x.community === c.code);
    const row: FixtureRow = {
      community: c.code,
      compound: own.length && rnd.chance(0.3) ? rnd.pick(own).number : null,
      kind: rnd.pick(['示范点位', '示范创建', '试点']),
      level: rnd.pick(['区级', '市级', '街道级']),
      title: rnd.pick(['示范社区', '示范小区', '治理试点', '示范乡村社区']),
      appliedOn,
    };
    if (steps >= 1) row.preInspectedOn = day(year, rnd.int(5, 7), rnd.int(1, 28));
    if (steps >= 2) row.peerReviewedOn = day(year, rnd.int(8, 10), rnd.int(1, 28));
    if (steps === 3 || rnd.chance(0.2)) {
      row.result = steps === 3 && rnd.chance(0.7) ? '命名' : '未通过';
      row.decidedOn = day(year, rnd.int(11, 12), rnd.int(1, 28));
    }
    add(row);
  }
  return { 'workforce/demonstration_applications.csv': rows };
}

/** All of this part's ledgers, for writeGovernanceFixtures. */
export const talentFixtures = (fx: Base): Record<string, FixtureRow[]> => ({
  ...talentPool(seeded(15_41), fx),
  ...demonstrationApplications(seeded(15_42), fx),
});
