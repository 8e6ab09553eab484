import { PersonKey, type Caller } from '@district/common';
import { testCallers, testIdNumber, TEST_PERSON_KEY, type GraphQLResult } from '@district/testkit';
import { startVolunteerStations, type Stack } from './kit';

/**
 * Every volunteer-stations record created, corrected and withdrawn through the API; 六有 items and
 * volunteers' stations kept over time, so a list on a day and the figure of that day agree; the
 * person behind a volunteer. Dated 2026 on top of the Shangjie ledgers; each test makes its own records.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startVolunteerStations({ shangjie: true });
});

afterAll(() => stack?.close());

const dept = testCallers.department('volunteer-stations');
const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = dept) =>
  stack.sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;
const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

async function figure(code: string, field: string): Promise<number> {
  const res = await run(
    `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { volunteer { f: ${field} { value } } } } }`,
    { c: code },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].volunteer.f.value;
}

const STATION = `mutation($i: CreateVolunteerStationInput!) { createVolunteerStation(input: $i) { id standardized standardHistory { validFrom validTo standardized } } }`;
const ALL_SIX = { site: true, sign: true, team: true, rules: true, projects: true, ledger: true };

describe('stations and their 六有 over time', () => {
  test('a station is set up, loses an item and gets it back; the list on each day and that day’s figure agree', async () => {
    const community = '410106003002';
    const created = await run(STATION, {
      i: { code: 'ZYZ9101', name: '测试站', communityCode: community, builtOn: '2026-02-01', standard: ALL_SIX },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createVolunteerStation.id;
    const UPDATE = `mutation($c: ID!, $s: VolunteerStationStandardInput!, $on: Date) { updateVolunteerStationStandard(code: $c, standard: $s, on: $on) { standardized } }`;
    expect((await run(UPDATE, { c: id, s: { sign: false }, on: '2026-04-01' })).data!.updateVolunteerStationStandard.standardized).toBe(
      false,
    );
    expect((await run(UPDATE, { c: id, s: { sign: true }, on: '2026-06-01' })).data!.updateVolunteerStationStandard.standardized).toBe(
      true,
    );
    const history = await run(`query($c: ID!) { volunteerStation(code: $c) { standardHistory { validFrom validTo standardized } } }`, {
      c: id,
    });
    expect(history.data!.volunteerStation.standardHistory).toEqual([
      { validFrom: '2026-02-01', validTo: '2026-04-01', standardized: true },
      { validFrom: '2026-04-01', validTo: '2026-06-01', standardized: false },
      { validFrom: '2026-06-01', validTo: null, standardized: true },
    ]);
    for (const day of ['2026-01-31', '2026-03-01', '2026-05-01', '2026-07-01']) {
      const counted = await figure(community, `standardizedStations(year: 2026, asOf: "${day}")`);
      const listed = await run(
        `query { volunteerStations(filter: { regionCode: "${community}", standardized: true, asOf: "${day}" }) { totalCount nodes { id } } }`,
      );
      expect({ day, listed: listed.data!.volunteerStations.totalCount }).toEqual({ day, listed: counted });
      const held = listed.data!.volunteerStations.nodes.some((n: { id: string }) => n.id === id);
      expect({ day, held }).toEqual({ day, held: day >= '2026-02-01' && (day < '2026-04-01' || day >= '2026-06-01') });
      // "missing any of" reads the same day's items
      const lacking = await run(
        `query { volunteerStations(filter: { regionCode: "${community}", missingAnyOf: [SIGN, TEAM], asOf: "${day}" }) { nodes { id } } }`,
      );
      const lacks = lacking.data!.volunteerStations.nodes.some((n: { id: string }) => n.id === id);
      expect({ day, lacks }).toEqual({ day, lacks: day >= '2026-04-01' && day < '2026-06-01' });
    }
  });

  test('a station is corrected and withdrawn; with volunteers it is not withdrawn', async () => {
    const created = await run(STATION, { i: { code: 'ZYZ9102', name: '测试二站', communityCode: '410106003003', builtOn: '2026-02-01' } });
    const id = created.data!.createVolunteerStation.id;
    const fixed = await run(
      `mutation($c: ID!) { correctVolunteerStation(code: $c, input: { name: "测试第二站" }, reason: "名称录错") { name history { field oldValue newValue reason } } }`,
      { c: id },
    );
    expect(fixed.data!.correctVolunteerStation).toEqual({
      name: '测试第二站',
      history: [{ field: 'name', oldValue: '测试二站', newValue: '测试第二站', reason: '名称录错' }],
    });
    const v = await run(
      `mutation($s: ID!) { registerVolunteer(input: { name: "站员", idNumber: "${testIdNumber(912, '19880808')}", stationCode: $s, registeredOn: "2026-03-01" }) { id } }`,
      { s: id },
    );
    expect(errorOf(await run(`mutation($c: ID!) { withdrawVolunteerStation(code: $c, reason: "误建") { id } }`, { c: id }))).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
    expect(
      (await run(`mutation($n: ID!) { withdrawVolunteer(number: $n, reason: "误录") { id } }`, { n: v.data!.registerVolunteer.id })).errors,
    ).toBeUndefined();
    const before = await figure('410106003003', 'stations(year: 2026)');
    expect(
      (await run(`mutation($c: ID!) { withdrawVolunteerStation(code: $c, reason: "误建") { id } }`, { c: id })).errors,
    ).toBeUndefined();
    expect(await figure('410106003003', 'stations(year: 2026)')).toBe(before - 1);
    // the person of the withdrawn registration may register again
    const again = await run(
      `mutation { registerVolunteer(input: { name: "站员", idNumber: "${testIdNumber(912, '19880808')}", stationCode: "ZYZ001", registeredOn: "2026-03-01" }) { id } }`,
    );
    expect(again.errors).toBeUndefined();
  });
});

describe('volunteers over time', () => {
  const REG = `mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id number } }`;

  test('a volunteer moves station and leaves; the list on each day and that day’s figure agree', async () => {
    const reg = await run(REG, {
      i: { name: '转站员', idNumber: testIdNumber(921, '19880808'), stationCode: 'ZYZ001', registeredOn: '2026-02-01' },
    });
    const id = reg.data!.registerVolunteer.id;
    const [from] = await stack.sg.sql<{ community_code: string }>(`SELECT community_code FROM station WHERE number = 'ZYZ001'`);
    const [to] = await stack.sg.sql<{ id: string; community_code: string }>(
      `SELECT id, community_code FROM station WHERE community_code <> ? ORDER BY id LIMIT 1`,
      [from.community_code],
    );
    expect(
      errorOf(
        await run(`mutation($n: ID!, $s: ID!) { moveVolunteer(number: $n, stationCode: $s, on: "2026-01-15") { id } }`, {
          n: id,
          s: to.id,
        }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'on',
    });
    const moved = await run(
      `mutation($n: ID!, $s: ID!) { moveVolunteer(number: $n, stationCode: $s, on: "2026-05-01") { communityCode stints { fromOn toOn communityCode } } }`,
      { n: id, s: to.id },
    );
    expect(moved.data!.moveVolunteer).toEqual({
      communityCode: to.community_code,
      stints: [
        { fromOn: '2026-02-01', toOn: '2026-05-01', communityCode: from.community_code },
        { fromOn: '2026-05-01', toOn: null, communityCode: to.community_code },
      ],
    });
    expect(
      (await run(`mutation($n: ID!) { recordVolunteerLeaving(number: $n, leftOn: "2026-08-01") { leftOn } }`, { n: id })).data!
        .recordVolunteerLeaving.leftOn,
    ).toBe('2026-08-01');
    for (const [day, where] of [
      ['2026-03-01', from.community_code],
      ['2026-06-01', to.community_code],
      ['2026-09-01', null],
    ] as const) {
      for (const community of [from.community_code, to.community_code]) {
        const counted = await figure(community, `registeredVolunteers(year: 2026, asOf: "${day}")`);
        const listed = await run(
          `query { volunteers(filter: { regionCode: "${community}", activeOn: "${day}" }, first: 1) { totalCount } }`,
        );
        expect({ day, community, listed: listed.data!.volunteers.totalCount }).toEqual({ day, community, listed: counted });
        const mine = await run(
          `query { volunteers(filter: { regionCode: "${community}", activeOn: "${day}", registeredFrom: "2026-02-01", registeredTo: "2026-02-01" }) { nodes { id } } }`,
        );
        expect({ day, community, here: mine.data!.volunteers.nodes.some((n: { id: string }) => n.id === id) }).toEqual({
          day,
          community,
          here: community === where,
        });
      }
    }
  });

  test('hours at an activity held before the volunteer registered are refused; hours replaced keep the old value in the history', async () => {
    const reg = await run(REG, {
      i: { name: '时长员', idNumber: testIdNumber(922, '19880808'), stationCode: 'ZYZ001', registeredOn: '2026-04-01' },
    });
    const volunteer = reg.data!.registerVolunteer.number;
    const ACTIVITY = `mutation($h: Date!, $r: [VolunteerHoursInput!]) { recordVolunteerActivity(input: { name: "义诊", stationCode: "ZYZ001", heldOn: $h, category: "测试类别9202", targetGroup: ELDERLY, records: $r }) { id } }`;
    expect(errorOf(await run(ACTIVITY, { h: '2026-03-31', r: [{ volunteerNumber: volunteer, hours: 2 }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'volunteerNumber',
    });
    const act = await run(ACTIVITY, { h: '2026-04-02', r: [{ volunteerNumber: volunteer, hours: 2 }] });
    const id = act.data!.recordVolunteerActivity.id;
    const again = await run(
      `mutation($a: ID!, $v: ID!) { recordVolunteerHours(activityCode: $a, records: [{ volunteerNumber: $v, hours: 3 }]) { records { hours history { field oldValue newValue } } } }`,
      { a: id, v: volunteer },
    );
    expect(again.data!.recordVolunteerHours.records).toEqual([{ hours: 3, history: [{ field: 'hours', oldValue: '2', newValue: '3' }] }]);
    expect(
      errorOf(await run(`mutation($a: ID!) { correctVolunteerActivity(code: $a, input: { heldOn: "2026-03-30" }) { id } }`, { a: id })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    const hours = () => figure('410106001001', 'serviceHours(year: 2026)');
    const before = await hours();
    expect(
      (
        await run(`mutation($a: ID!, $v: ID!) { withdrawVolunteerHours(activityCode: $a, volunteerNumber: $v, reason: "录错") { id } }`, {
          a: id,
          v: volunteer,
        })
      ).errors,
    ).toBeUndefined();
    expect(await hours()).toBe(before - 3);
    const activities = () => figure('410106001001', 'activities(year: 2026, category: "测试类别9202")');
    expect(await activities()).toBe(1);
    expect(
      (await run(`mutation($a: ID!) { withdrawVolunteerActivity(code: $a, reason: "重复录入") { id } }`, { a: id })).errors,
    ).toBeUndefined();
    expect(await activities()).toBe(0);
  });

  test('a volunteer’s ID number is corrected, and their person follows', async () => {
    const reg = await run(REG, {
      i: { name: '改号员', idNumber: testIdNumber(923, '19880808'), stationCode: 'ZYZ001', registeredOn: '2026-04-01' },
    });
    const number = reg.data!.registerVolunteer.number;
    const right = testIdNumber(924, '19880808');
    const fixed = await run(
      `mutation($n: ID!, $i: String!) { correctVolunteer(number: $n, input: { idNumber: $i }) { idNumber person { id } history { field } } }`,
      { n: number, i: right },
    );
    expect(fixed.data!.correctVolunteer).toEqual({
      idNumber: right,
      person: { id: new PersonKey(TEST_PERSON_KEY).hash(right) },
      history: [{ field: 'idNumber' }],
    });
  });
});

describe('needs, resources and pilots', () => {
  test('a need and a resource are corrected and withdrawn; a resource a need names is not', async () => {
    const need = await run(
      `mutation { raiseVolunteerNeed(input: { gridCode: "41010600100101", content: "陪诊", category: "测试9301", raisedOn: "2026-05-01" }) { id } }`,
    );
    const resource = await run(
      `mutation { registerVolunteerResource(input: { gridCode: "41010600100101", provider: "志愿者个人", content: "陪诊", category: "测试9301", registeredOn: "2026-05-01" }) { id } }`,
    );
    const n = need.data!.raiseVolunteerNeed.id;
    const r = resource.data!.registerVolunteerResource.id;
    await run(`mutation($n: ID!) { claimVolunteerNeed(code: $n, claimedBy: "志愿队", claimedOn: "2026-05-02") { status } }`, { n });
    await run(`mutation($n: ID!, $r: ID!) { serveVolunteerNeed(code: $n, resourceCode: $r, servedOn: "2026-05-03") { status } }`, { n, r });
    expect(
      errorOf(await run(`mutation($n: ID!) { correctVolunteerNeed(code: $n, input: { raisedOn: "2026-05-04" }) { id } }`, { n })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'raisedOn' });
    expect(
      (await run(`mutation($n: ID!) { correctVolunteerNeed(code: $n, input: { content: "陪同就诊" }) { content } }`, { n })).data!
        .correctVolunteerNeed.content,
    ).toBe('陪同就诊');
    // a resource registered after the day it served a need is refused; its provider corrected keeps the earlier one
    const CORRECT_RESOURCE = `mutation($r: ID!, $i: CorrectVolunteerResourceInput!) { correctVolunteerResource(code: $r, input: $i, reason: "核对") {
      provider history { field oldValue newValue reason } } }`;
    expect(errorOf(await run(CORRECT_RESOURCE, { r, i: { registeredOn: '2026-05-04' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'registeredOn',
    });
    expect((await run(CORRECT_RESOURCE, { r, i: { provider: '志愿服务队' } })).data!.correctVolunteerResource).toEqual({
      provider: '志愿服务队',
      history: [{ field: 'provider', oldValue: '志愿者个人', newValue: '志愿服务队', reason: '核对' }],
    });
    const late = await run(
      `mutation { registerVolunteerResource(input: { gridCode: "41010600100101", provider: "志愿者个人", content: "理发", category: "测试9302", registeredOn: "2026-05-10" }) { id } }`,
    );
    const early = await run(
      `mutation { raiseVolunteerNeed(input: { gridCode: "41010600100101", content: "理发", category: "测试9302", raisedOn: "2026-05-01" }) { id } }`,
    );
    const e = early.data!.raiseVolunteerNeed.id;
    await run(`mutation($n: ID!) { claimVolunteerNeed(code: $n, claimedBy: "志愿队", claimedOn: "2026-05-02") { status } }`, { n: e });
    const SERVE = `mutation($n: ID!, $r: ID!) { serveVolunteerNeed(code: $n, resourceCode: $r, servedOn: "2026-05-03") { status } }`;
    expect(errorOf(await run(SERVE, { n: e, r: late.data!.registerVolunteerResource.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'servedOn',
    });
    expect(errorOf(await run(`mutation($r: ID!) { withdrawVolunteerResource(code: $r, reason: "误录") { id } }`, { r }))).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
    const needs = () => figure('410106001001', 'needs(year: 2026, category: "测试9301")');
    expect(await needs()).toBe(1);
    expect((await run(`mutation($n: ID!) { withdrawVolunteerNeed(code: $n, reason: "重复") { id } }`, { n })).errors).toBeUndefined();
    expect(await needs()).toBe(0);
    expect((await run(`mutation($r: ID!) { withdrawVolunteerResource(code: $r, reason: "误录") { id } }`, { r })).errors).toBeUndefined();
  });

  test('a pilot community is designated, corrected and withdrawn', async () => {
    const pilots = () => figure('410106004000', 'pilots(year: 2026)');
    const before = await pilots();
    const [free] = await stack.tree.sql<{ code: string }>(
      `SELECT code FROM region WHERE level = 'COMMUNITY' AND code LIKE '410106004%' ORDER BY code DESC LIMIT 1`,
    );
    const made = await run(
      `mutation($c: ID!) { createVolunteerPilot(input: { communityCode: $c, level: DISTRICT, designatedOn: "2026-03-01" }) { communityName level } }`,
      { c: free.code },
    );
    expect(made.errors).toBeUndefined();
    expect(await pilots()).toBe(before + 1);
    expect(
      (await run(`mutation($c: ID!) { correctVolunteerPilot(communityCode: $c, input: { level: CITY }) { level } }`, { c: free.code }))
        .data!.correctVolunteerPilot.level,
    ).toBe('CITY');
    expect(
      (await run(`mutation($c: ID!) { withdrawVolunteerPilot(communityCode: $c, reason: "误定") { id } }`, { c: free.code })).errors,
    ).toBeUndefined();
    expect(await pilots()).toBe(before);
  });
});

test('a date with a year out of range says so, naming its field, in a variable and in a literal', async () => {
  const year = /年份应在1900至2199之间 \/ the year must be between 1900 and 2199, got (9999|2999)/;
  const registered = await run(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }`, {
    i: { name: '远日', idNumber: testIdNumber(943, '19900101'), stationCode: 'ZYZ001', registeredOn: '9999-12-31' },
  });
  expect(errorOf(registered)).toEqual({ code: 'BAD_USER_INPUT', field: 'registeredOn' });
  expect(registered.errors![0].message).toMatch(year);
  const asOf = await run(
    `{ _entities(representations: [{ __typename: "Region", code: "410106" }]) { ... on Region { volunteer { activities(year: 2025, asOf: "2999-01-01") { value } } } } }`,
    {},
    testCallers.analyst,
  );
  expect(errorOf(asOf)).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf' });
  expect(asOf.errors![0].message).toMatch(year);
  const noSuchDay = await run(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }`, {
    i: { name: '远日', idNumber: testIdNumber(943, '19900101'), stationCode: 'ZYZ001', registeredOn: '2025-02-30' },
  });
  expect(noSuchDay.errors![0].message).toMatch(/no such day/);
});

describe('the person behind a volunteer', () => {
  test('community workers volunteering month by month over two years: the months of each year as asked one year at a time', async () => {
    // two days a month (the month's end and a year before) over 24 months: more days than one lookup
    // of the workforce subgraph answers, which once made the whole series an internal error
    const idNumber = testIdNumber(942, '19870707');
    const hire = await stack.tree.query(
      `mutation($i: HireCommunityWorkerInput!) { hireCommunityWorker(input: $i) { id } }`,
      { i: { id: 'VW9402', name: '跨年者', idNumber, communityCode: '410106001003', role: 'COMMUNITY_WORKER', hiredOn: '2024-03-01' } },
      testCallers.department('workforce'),
    );
    expect(hire.errors).toBeUndefined();
    const registered = await run(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }`, {
      i: { name: '跨年者', idNumber, stationCode: 'ZYZ001', registeredOn: '2024-05-10' },
    });
    expect(registered.errors).toBeUndefined();
    const series = async (from: number, to: number) => {
      const res = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { volunteer {
          series(figure: COMMUNITY_WORKERS_VOLUNTEERING, fromYear: ${from}, toYear: ${to}, byMonth: true) { year month value } } } } }`,
        { r: [{ __typename: 'Region', code: '410106' }] },
        testCallers.analyst,
      );
      expect(res.errors).toBeUndefined();
      return res.data!._entities[0].volunteer.series as { year: number; month: number; value: number }[];
    };
    const both = await series(2024, 2025);
    expect(both).toHaveLength(24);
    expect(both).toEqual([...(await series(2024, 2024)), ...(await series(2025, 2025))]);
    const at = (year: number, month: number) => both.find((p) => p.year === year && p.month === month)!.value;
    // counted from the month they registered on, through the next year
    expect(at(2024, 5)).toBe(at(2024, 4) + 1);
    expect(at(2025, 12)).toBe(at(2024, 4) + 1);
  });
  test('community workers in post who volunteer are counted from the workforce subgraph’s answer', async () => {
    const figureNow = () => figure('410106001001', 'communityWorkersVolunteering(year: 2026, asOf: "2026-06-30")');
    const before = await figureNow();
    const idNumber = testIdNumber(941, '19880808');
    const hire = await stack.tree.query(
      `mutation($i: HireCommunityWorkerInput!) { hireCommunityWorker(input: $i) { id } }`,
      { i: { id: 'VW9401', name: '双身份', idNumber, communityCode: '410106001003', role: 'COMMUNITY_WORKER', hiredOn: '2026-03-01' } },
      testCallers.department('workforce'),
    );
    expect(hire.errors).toBeUndefined();
    expect(await figureNow()).toBe(before);
    await run(`mutation($i: RegisterVolunteerInput!) { registerVolunteer(input: $i) { id } }`, {
      i: { name: '双身份', idNumber, stationCode: 'ZYZ001', registeredOn: '2026-04-01' },
    });
    expect(await figureNow()).toBe(before + 1);
    expect(await figure('410106001001', 'communityWorkersVolunteering(year: 2026, asOf: "2026-03-31")')).toBe(before);
    // a figure like any other: ranked among the street's communities and followed month by month
    const ranked = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { volunteer {
        ranking(figure: COMMUNITY_WORKERS_VOLUNTEERING, year: 2026, asOf: "2026-06-30") { region { code } value }
        series(figure: COMMUNITY_WORKERS_VOLUNTEERING, fromYear: 2026, byMonth: true) { month value } } } } }`,
      { r: [{ __typename: 'Region', code: '410106001000' }] },
      testCallers.analyst,
    );
    expect(ranked.errors).toBeUndefined();
    const { ranking, series } = ranked.data!._entities[0].volunteer;
    expect(ranking.find((r: { region: { code: string } }) => r.region.code === '410106001001').value).toBe(before + 1);
    const month = (m: number) => series.find((p: { month: number }) => p.month === m).value;
    expect(month(4) - month(3)).toBeGreaterThanOrEqual(1);
  });
});
