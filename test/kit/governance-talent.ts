import { testIdNumber } from './datasets';
import { day, seeded, type FixtureRow, type GovernanceFixtures } from './governance';

/**
 * Talent pools (社工人才库, seeds/001 and 002) for Shangjie's workforce ledger
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

/** All of this part's ledgers, for writeGovernanceFixtures. */
export const talentFixtures = (fx: Base): Record<string, FixtureRow[]> => ({ ...talentPool(seeded(15_41), fx) });
