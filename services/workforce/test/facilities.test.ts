import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, countRows, errorOf, startWithGovernance, sumRows, under } from './governance-kit';

/**
 * Community service facilities and their building works (issue 15, seeds/000 一): the generated
 * Shangjie ledgers imported, figures at district, street and community against counts made from
 * the fixture rows, a seed sentence written from one query, and daily work with dated events.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/facilities.csv', 'workforce/facility_works.csv']));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!, $asOf: Date) { region(code: $c) { governance {
  facilities(year: 2025, asOf: $asOf) { value previousYear }
  complexes: facilities(year: 2025, kind: SERVICE_COMPLEX) { value }
  starRate: facilityStarRate(year: 2025, minStar: 4) { pct numerator denominator }
  area: facilityArea(year: 2025) { value }
  completed: facilityWorksCompleted(year: 2025) { value previousYear }
  accepted: facilityWorksAccepted(year: 2025) { value }
  funding: facilityWorkFunding(year: 2025) { value }
  districtFunding: facilityWorkFunding(year: 2025, sources: [DISTRICT]) { value }
} } }`;

async function figures(code: string, asOf?: string) {
  const res = await sg.query(FIGURES, { c: code, asOf }, analyst);
  expect(res.errors).toBeUndefined();
  return res.data!.region.governance;
}

/** What the figures should be at a node, counted from the fixture rows. */
function expected(code: string) {
  const cs = under(fx, code);
  const facilities = fx.rows['workforce/facilities.csv'].filter((f) => cs.has(String(f.community)));
  const ids = new Set(facilities.map((f) => f.number));
  const works = fx.rows['workforce/facility_works.csv'].filter((w) => ids.has(w.facility));
  const inUse = (f: (typeof facilities)[number], d: string) => !f.openedOn || String(f.openedOn) <= d;
  const in2025 = (v: unknown) => typeof v === 'string' && v.startsWith('2025');
  const in2024 = (v: unknown) => typeof v === 'string' && v.startsWith('2024');
  const open = facilities.filter((f) => inUse(f, '2025-12-31'));
  const four = open.filter((f) => Number(f.starLevel ?? 0) >= 4 && String(f.starRatedOn) <= '2025-12-31');
  return {
    facilities: { value: open.length, previousYear: facilities.filter((f) => inUse(f, '2024-12-31')).length },
    complexes: { value: countRows(open, (f) => f.kind === '社区服务综合体') },
    starRate: {
      pct: open.length ? Math.round((four.length * 1000) / open.length) / 10 : null,
      numerator: four.length,
      denominator: open.length,
    },
    area: { value: sumRows(open, () => true, 'area') },
    completed: { value: countRows(works, (w) => in2025(w.completedOn)), previousYear: countRows(works, (w) => in2024(w.completedOn)) },
    accepted: { value: countRows(works, (w) => in2025(w.acceptedOn)) },
    funding: { value: sumRows(works, (w) => in2025(w.startedOn), 'funding') },
    districtFunding: { value: sumRows(works, (w) => in2025(w.startedOn) && w.fundingSource === '区级', 'funding') },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  const community = fx.communities.find((c) => c.street !== fx.street)!.code;
  for (const code of ['410106000000', fx.street, '410106002000', community, fx.communities[0].code]) {
    expect(await figures(code)).toEqual(expected(code));
  }
});

test('a seed sentence from one query: the street office’s year of facility works (seeds/000 一)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { name
      governance {
        built: facilityWorksCompleted(year: 2025, facilityKind: SERVICE_COMPLEX) { value }
        designs: facilityWorksCompleted(year: 2025, kind: DESIGN) { value }
      }
      facilityWorks(filter: { completedFrom: "2025-10-01", completedTo: "2025-11-30", facilityKind: SERVICE_COMPLEX }, sort: { field: COMPLETED_ON }) {
        nodes { community { name } kind completedOn rooms }
      }
    } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [upgrade, newBuild] = r.facilityWorks.nodes;
  const sentence =
    `${upgrade.completedOn.slice(5, 7)}月底完成${upgrade.community.name}服务综合体升级更新（${upgrade.rooms.join('、')}），` +
    `${newBuild.completedOn.slice(5, 7)}月底完成${newBuild.community.name}综合服务体整体建设；` +
    `全年完成综合体项目${r.governance.built.value}个，${r.governance.designs.value}个社区完成星级综合体设计定稿`;
  expect(sentence).toBe(
    '10月底完成盛世社区服务综合体升级更新（乒乓球室、书法室、排练室），11月底完成中安街社区综合服务体整体建设；全年完成综合体项目4个，2个社区完成星级综合体设计定稿',
  );
});

test('the list of facilities in use on a day holds what the figure of that day counts', async () => {
  for (const day of ['2025-06-30', '2025-12-31']) {
    const res = await sg.query(
      `query($d: Date!, $y: Int!) { region(code: "410106") {
        communityFacilities(filter: { inUseOn: $d }) { totalCount }
        governance { facilities(year: $y, asOf: $d) { value } } } }`,
      { d: day, y: Number(day.slice(0, 4)) },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.communityFacilities.totalCount).toBe(res.data!.region.governance.facilities.value);
  }
});

test('a new rating replaces the current one from its day: the star figures of earlier days keep the rating they had', async () => {
  const [f] = await sg.sql<{ id: string; community_code: string; star_level: number; star_rated_on: string }>(
    `SELECT id, community_code, star_level, to_char(star_rated_on, 'YYYY-MM-DD') AS star_rated_on FROM facility
     WHERE star_level BETWEEN 2 AND 4 AND star_rated_on < '2025-06-01' AND closed_on IS NULL ORDER BY id LIMIT 1`,
  );
  const stars = async () =>
    (
      await sg.query(
        `query($c: ID!, $s: Int!) { region(code: $c) { governance {
          y2025: starRatedFacilities(year: 2025, minStar: $s) { value } y2026: starRatedFacilities(year: 2026, asOf: "2026-08-01", minStar: 5) { value } } } }`,
        { c: f.community_code, s: f.star_level },
        analyst,
      )
    ).data!.region.governance;
  const before = await stars();
  const rated = await sg.query(
    `mutation($id: ID!) { rateCommunityFacility(id: $id, starLevel: 5, ratedOn: "2026-06-01") { starLevel } }`,
    { id: f.id },
    testCallers.community(f.community_code),
  );
  expect(rated.errors).toBeUndefined();
  expect(await stars()).toEqual({ y2025: before.y2025, y2026: { value: before.y2026.value + 1 } });
});

describe('daily work', () => {
  const community = '410106003002';
  const office = testCallers.community(community);
  const CREATE = `mutation($input: CreateCommunityFacilityInput!) { createCommunityFacility(input: $input) { id community { code } rooms starLevel } }`;

  test('a facility is recorded, rated, built on step by step with its days, and counted', async () => {
    const inUse = async () =>
      (
        await sg.query(
          `query($c: ID!) { region(code: $c) { governance { facilities(year: 2026, asOf: "2026-11-01") { value } } } }`,
          { c: community },
          analyst,
        )
      ).data!.region.governance.facilities.value;
    const before = await inUse();
    const created = await sg.query(
      CREATE,
      {
        input: {
          id: 'T-SS01',
          communityCode: community,
          name: '朝阳社区居民会客厅',
          kind: 'RESIDENTS_LOUNGE',
          area: 180,
          rooms: ['茶话区', '亲子区'],
          openedOn: '2026-03-01',
        },
      },
      office,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCommunityFacility).toEqual({
      id: '410106:T-SS01',
      community: { code: community },
      rooms: ['茶话区', '亲子区'],
      starLevel: null,
    });

    const rated = await sg.query(
      `mutation { rateCommunityFacility(id: "T-SS01", starLevel: 3, ratedOn: "2026-05-01") { starLevel starRatedOn history { field oldValue newValue } } }`,
      {},
      office,
    );
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.rateCommunityFacility.history.map((h: { field: string }) => h.field)).toEqual(['starLevel', 'starRatedOn']);

    const started = await sg.query(
      `mutation { startFacilityWork(input: { facilityId: "T-SS01", kind: UPGRADE, content: "增设议事角", startedOn: "2026-06-01", funding: 30000, fundingSource: STREET }) { id number status } }`,
      {},
      office,
    );
    expect(started.errors).toBeUndefined();
    const id = started.data!.startFacilityWork.id;
    expect(started.data!.startFacilityWork.number).toMatch(/^SSXM2026\d{4}$/);

    const early = await sg.query(`mutation($id: ID!) { acceptFacilityWork(id: $id, acceptedOn: "2026-07-01") { id } }`, { id }, office);
    expect(errorOf(early).code).toBe('CONFLICT');
    const before1 = await sg.query(
      `mutation($id: ID!) { completeFacilityWork(id: $id, completedOn: "2026-05-01") { id } }`,
      { id },
      office,
    );
    expect(errorOf(before1)).toEqual({ code: 'BAD_USER_INPUT', field: 'completedOn' });
    const done = await sg.query(
      `mutation($id: ID!) { completeFacilityWork(id: $id, completedOn: "2026-07-01") { status } }`,
      { id },
      office,
    );
    expect(done.data!.completeFacilityWork.status).toBe('COMPLETED');
    const accepted = await sg.query(
      `mutation($id: ID!) { acceptFacilityWork(id: $id, acceptedOn: "2026-07-15") { status acceptedOn } }`,
      { id },
      office,
    );
    expect(accepted.data!.acceptFacilityWork).toEqual({ status: 'ACCEPTED', acceptedOn: '2026-07-15' });

    expect(await inUse()).toBe(before + 1);

    const y2026 = await sg.query(
      `query($c: ID!) { region(code: $c) { governance { facilityWorksAccepted(year: 2026) { value } facilityWorkFunding(year: 2026, sources: [STREET]) { value } } } }`,
      { c: community },
      analyst,
    );
    expect(y2026.data!.region.governance).toEqual({ facilityWorksAccepted: { value: 1 }, facilityWorkFunding: { value: 30000 } });

    const refused = await sg.query(`mutation { withdrawCommunityFacility(id: "T-SS01", reason: "录入错误") { id } }`, {}, office);
    expect(errorOf(refused).code).toBe('CONFLICT');
    const withdrawn = await sg.query(
      `mutation($id: ID!) { withdrawFacilityWork(id: $id, reason: "录入错误") { withdrawnOn } }`,
      { id },
      office,
    );
    expect(withdrawn.errors).toBeUndefined();
    const gone = await sg.query(
      `query($c: ID!) { region(code: $c) { governance { facilityWorksAccepted(year: 2026) { value } } } }`,
      { c: community },
      analyst,
    );
    expect(gone.data!.region.governance.facilityWorksAccepted.value).toBe(0);
  });

  test('clear errors: another community’s office, a wrong star level, a future day, a taken number', async () => {
    const input = { id: 'T-SS02', communityCode: community, name: '用房', kind: 'COMMUNITY_PREMISES' };
    expect(errorOf(await sg.query(CREATE, { input }, testCallers.community('410106001001'))).code).toBe('FORBIDDEN');
    expect(errorOf(await sg.query(CREATE, { input: { ...input, starLevel: 6, starRatedOn: '2026-01-01' } }, office))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'starLevel',
    });
    expect(errorOf(await sg.query(CREATE, { input: { ...input, openedOn: '2099-01-01' } }, office))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'openedOn',
    });
    expect(errorOf(await sg.query(CREATE, { input: { ...input, id: 'SS0001' } }, office))).toEqual({ code: 'CONFLICT', field: 'id' });
    const corrected = await sg.query(
      `mutation { correctCommunityFacility(id: "SS0001", input: { area: 999 }, reason: "复核") { area history { field oldValue newValue reason } } }`,
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctCommunityFacility.history.at(-1)).toMatchObject({ field: 'area', newValue: '999.00', reason: '复核' });
  });
});
