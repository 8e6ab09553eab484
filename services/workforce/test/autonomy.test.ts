import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, countRows, errorOf, startWithGovernance, sumRows, under } from './governance-kit';

/**
 * Compound residents' autonomy stations (issue 15, seeds/000 一.二 and 四.二): stations, their
 * subsidies by source and what is held there, from the generated Shangjie ledgers; figures at
 * district, street and community against counts made from the fixture rows; the seed's sentence
 * from one query; daily work with dated events and clear errors.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

const FILES = [
  'workforce/facilities.csv',
  'workforce/autonomy_stations.csv',
  'workforce/autonomy_subsidies.csv',
  'workforce/autonomy_activities.csv',
];
beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(FILES));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  inUse: autonomyStationsInUse(year: 2025) { value previousYear }
  accepted: autonomyStationsAccepted(year: 2025) { value }
  subsidies: autonomySubsidies(year: 2025) { value }
  cityAndDistrict: autonomySubsidies(year: 2025, sources: [CITY, DISTRICT]) { value }
  subsidised: autonomyStationsSubsidised(year: 2025) { value }
  meetings: autonomyActivities(year: 2025, kind: DELIBERATION) { value }
  needs: autonomyNeedsCollected(year: 2025) { value }
  resolved: autonomyIssuesResolved(year: 2025) { value }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const compounds = new Set(fx.compounds.filter((c) => cs.has(c.community)).map((c) => c.number));
  const stations = fx.rows['workforce/autonomy_stations.csv'].filter((s) => compounds.has(String(s.compound)));
  const ids = new Set(stations.map((s) => s.number));
  const subsidies = fx.rows['workforce/autonomy_subsidies.csv'].filter((b) => ids.has(b.station) && String(b.grantedOn).startsWith('2025'));
  const acts = fx.rows['workforce/autonomy_activities.csv'].filter((a) => ids.has(a.station) && String(a.heldOn).startsWith('2025'));
  const open = (d: string) => countRows(stations, (s) => !!s.openedOn && String(s.openedOn) <= d);
  return {
    inUse: { value: open('2025-12-31'), previousYear: open('2024-12-31') },
    accepted: { value: countRows(stations, (s) => String(s.acceptedOn ?? '').startsWith('2025')) },
    subsidies: { value: sumRows(subsidies, () => true, 'amount') },
    cityAndDistrict: { value: sumRows(subsidies, (b) => b.source === '市级' || b.source === '区级', 'amount') },
    subsidised: { value: new Set(subsidies.map((b) => b.station)).size },
    meetings: { value: countRows(acts, (a) => a.kind === '说事议事') },
    needs: { value: sumRows(acts, () => true, 'needsCollected') },
    resolved: { value: sumRows(acts, () => true, 'issuesResolved') },
  };
}

test('figures at the district, streets and communities agree with the ledger rows', async () => {
  const withStation = fx.compounds.find((c) =>
    fx.rows['workforce/autonomy_stations.csv'].some((s) => s.compound === c.number && !c.community.startsWith(fx.street.slice(0, 9))),
  )!;
  for (const code of ['410106000000', fx.street, '410106003000', withStation.community]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: “指导2个小区自治站完成验收，获市区两级建设资金补助4.5万元 …” (seeds/000)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      accepted: autonomyStations(filter: { acceptedFrom: "2025-01-01", acceptedTo: "2025-12-31" }) { nodes { compound { name } } }
      governance {
        accepted: autonomyStationsAccepted(year: 2025) { value }
        cityAndDistrict: autonomySubsidies(year: 2025, sources: [CITY, DISTRICT]) { value }
        started: autonomyStationsStarted(year: 2025) { value }
        street: autonomySubsidies(year: 2025, sources: [STREET]) { value }
        inUse: autonomyStationsInUse(year: 2025) { value }
        meetings: autonomyActivities(year: 2025, kind: DELIBERATION) { value }
        needs: autonomyNeedsCollected(year: 2025) { value }
        resolved: autonomyIssuesResolved(year: 2025) { value }
        cultural: autonomyActivities(year: 2025, kind: CULTURAL) { value }
        welfare: autonomyActivities(year: 2025, kind: PUBLIC_WELFARE) { value }
      } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  const wan = (yuan: number) => `${yuan / 10000}万元`;
  const sentence =
    `指导${r.accepted.nodes.map((n: { compound: { name: string } }) => n.compound.name).join('、')}${g.accepted.value}个小区自治站完成验收，` +
    `获市区两级建设资金补助${wan(g.cityAndDistrict.value)}；补助${wan(g.street.value)}支持新建${g.started.value}个小区居民自治站；` +
    `已投用的${g.inUse.value}个自治站累计开展说事议事${g.meetings.value}场，收集居民需求${g.needs.value}条，解决问题${g.resolved.value}件，` +
    `开展活动${g.cultural.value + g.welfare.value}场`;
  const [a, b] = fx.compounds.filter((c) => c.community.startsWith(fx.street.slice(0, 9)));
  expect(sentence).toBe(
    `指导${a.name}、${b.name}2个小区自治站完成验收，获市区两级建设资金补助4.5万元；补助3万元支持新建1个小区居民自治站；` +
      '已投用的6个自治站累计开展说事议事42场，收集居民需求131条，解决问题12件，开展活动11场',
  );
});

test('the stations in use on a day are those the figure of that day counts', async () => {
  for (const d of ['2024-06-30', '2025-12-31']) {
    const res = await sg.query(
      `query($d: Date!, $y: Int!) { region(code: "410106") { autonomyStations(filter: { inUseOn: $d }) { totalCount }
        governance { autonomyStationsInUse(year: $y, asOf: $d) { value } } } }`,
      { d, y: Number(d.slice(0, 4)) },
      analyst,
    );
    expect(res.data!.region.autonomyStations.totalCount).toBe(res.data!.region.governance.autonomyStationsInUse.value);
  }
});

describe('daily work', () => {
  test('a station built, opened, accepted, subsidised and used, each on its day; errors name their field', async () => {
    const compound = fx.compounds.find(
      (c) => c.community === '410106004002' && !fx.rows['workforce/autonomy_stations.csv'].some((s) => s.compound === c.number),
    )!;
    const office = testCallers.community(compound.community);
    const created = await sg.query(
      `mutation($c: ID!) { createAutonomyStation(input: { id: "T-ZZ1", compoundId: $c, name: "测试自治站", startedOn: "2026-03-01" }) { id community { code } compound { name } openedOn } }`,
      { c: compound.number },
      office,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAutonomyStation).toMatchObject({
      id: '410106:T-ZZ1',
      community: { code: compound.community },
      openedOn: null,
    });

    const tooEarly = await sg.query(
      `mutation { recordAutonomyActivity(input: { stationId: "T-ZZ1", kind: DELIBERATION, title: "议事", heldOn: "2026-04-01" }) { id } }`,
      {},
      office,
    );
    expect(errorOf(tooEarly)).toEqual({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    const beforeStart = await sg.query(`mutation { openAutonomyStation(id: "T-ZZ1", on: "2026-02-01") { id } }`, {}, office);
    expect(errorOf(beforeStart)).toEqual({ code: 'BAD_USER_INPUT', field: 'on' });
    expect(
      (await sg.query(`mutation { openAutonomyStation(id: "T-ZZ1", on: "2026-05-01") { openedOn } }`, {}, office)).data!.openAutonomyStation
        .openedOn,
    ).toBe('2026-05-01');
    expect(errorOf(await sg.query(`mutation { openAutonomyStation(id: "T-ZZ1", on: "2026-05-02") { id } }`, {}, office)).code).toBe(
      'CONFLICT',
    );
    expect(
      (await sg.query(`mutation { acceptAutonomyStation(id: "T-ZZ1", on: "2026-06-01") { acceptedOn } }`, {}, office)).errors,
    ).toBeUndefined();

    const grant = await sg.query(
      `mutation { grantAutonomySubsidy(input: { stationId: "T-ZZ1", source: CITY, purpose: CONSTRUCTION, amount: 20000, grantedOn: "2026-06-10" }) { number amount } }`,
      {},
      office,
    );
    expect(grant.errors).toBeUndefined();
    expect(grant.data!.grantAutonomySubsidy.number).toMatch(/^ZZBZ2026\d{4}$/);
    const negative = await sg.query(
      `mutation { grantAutonomySubsidy(input: { stationId: "T-ZZ1", source: CITY, purpose: CONSTRUCTION, amount: -1, grantedOn: "2026-06-10" }) { id } }`,
      {},
      office,
    );
    expect(errorOf(negative)).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    const meeting = await sg.query(
      `mutation { recordAutonomyActivity(input: { stationId: "T-ZZ1", kind: DELIBERATION, title: "充电桩安装", heldOn: "2026-07-01", participants: 20, needsCollected: 5, issuesResolved: 1 }) { id } }`,
      {},
      office,
    );
    expect(meeting.errors).toBeUndefined();

    const figures = await sg.query(
      `query($c: ID!) { region(code: $c) { governance {
        a: autonomyStationsAccepted(year: 2026) { value } s: autonomySubsidies(year: 2026, sources: [CITY]) { value }
        n: autonomyNeedsCollected(year: 2026) { value } r: autonomyIssuesResolved(year: 2026) { value } } } }`,
      { c: compound.community },
      analyst,
    );
    expect(figures.data!.region.governance).toEqual({ a: { value: 1 }, s: { value: 20000 }, n: { value: 5 }, r: { value: 1 } });

    expect(errorOf(await sg.query(`mutation { withdrawAutonomyStation(id: "T-ZZ1", reason: "录入错误") { id } }`, {}, office)).code).toBe(
      'CONFLICT',
    );
    const other = testCallers.community('410106001001');
    expect(errorOf(await sg.query(`mutation { acceptAutonomyStation(id: "410106:T-ZZ1") { id } }`, {}, other)).code).toMatch(
      /NOT_FOUND|FORBIDDEN/,
    );
    const corrected = await sg.query(
      `mutation($id: ID!) { correctAutonomyActivity(id: $id, input: { needsCollected: 6 }, reason: "补录") { needsCollected history { field oldValue newValue } } }`,
      { id: meeting.data!.recordAutonomyActivity.id },
      office,
    );
    expect(corrected.data!.correctAutonomyActivity).toEqual({
      needsCollected: 6,
      history: [{ field: 'needsCollected', oldValue: '5', newValue: '6' }],
    });
  });
});
