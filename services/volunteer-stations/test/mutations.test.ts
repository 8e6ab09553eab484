import { testCallers, testIdNumber, type GraphQLResult } from '@district/testkit';
import type { Caller } from '@district/common';
import { startVolunteerStations, type Stack } from './kit';

/**
 * Daily work on top of the Shangjie ledgers, beside the region tree's owner, dated 2026 so the 2025
 * figures stay as reported. Each test makes the records it needs (its own ID numbers, categories,
 * stations and grids), so any one of them runs alone (`npx jest -t NAME`); figures are compared
 * before and after, or narrowed to a category only that test uses.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startVolunteerStations({ shangjie: true });
});

afterAll(() => stack?.close());

const dept = testCallers.department('volunteer-stations');
const STREET_A = '410106001000';
const STREET_B = '410106002000';

const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = dept) =>
  stack.sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;

const codeOf = (res: GraphQLResult) => res.errors?.[0]?.extensions?.code;
const fieldOf = (res: GraphQLResult) => res.errors?.[0]?.extensions?.field;

/** One figure's value at a node, as an analyst reads it. */
async function figure(code: string, field: string): Promise<number> {
  const res = await run(
    `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { volunteer { f: ${field} { value } } } } }`,
    { c: code },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].volunteer.f.value;
}

async function trail(operation: string) {
  const res = await run(
    `query($o: String) { volunteerStationsAuditTrail(operation: $o, first: 20) { subject target args outcome } }`,
    { o: operation },
    testCallers.admin,
  );
  return res.data!.volunteerStationsAuditTrail as { subject: string; target: string | null; args: string; outcome: string }[];
}

describe('registering volunteers', () => {
  const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) {
    id number name registeredOn communityCode station { id code } } }`;
  const input = (n: number, over: Record<string, unknown> = {}) => ({
    name: '测试志愿者',
    idNumber: testIdNumber(n),
    phone: '13900001111',
    stationCode: 'ZYZ001',
    registeredOn: '2026-03-01',
    ...over,
  });

  test('a registration is refused with a clear error naming the field when an input is wrong', async () => {
    const id = testIdNumber(101);
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}` }, 'idNumber'],
      [{ phone: '1234' }, 'phone'],
      [{ name: 'x'.repeat(51) }, 'name'],
      [{ name: '测试\u0000员' }, 'name'],
      [{ registeredOn: '2100-01-01' }, 'registeredOn'],
      [{ stationCode: 'ZYZ999' }, 'stationCode'],
      [{ stationCode: '410107:ZYZ001' }, 'stationCode'],
      [{ stationCode: 'ZYZ 001' }, 'stationCode'],
    ];
    for (const [over, field] of cases) {
      const res = await run(REGISTER, { input: input(101, over) });
      expect({ over, code: codeOf(res), field: fieldOf(res) }).toEqual({ over, code: 'BAD_USER_INPUT', field });
      expect(res.errors![0].message).toMatch(/[\u4e00-\u9fa5].* \/ [a-z]/i); // Chinese, then English
      expect(res.errors![0].message).not.toContain(id.slice(0, 17));
    }
  });

  test("a volunteer gets the district's next number, and the registration is audited with personal data masked", async () => {
    const res = await run(REGISTER, { input: input(102) });
    expect(res.errors).toBeUndefined();
    const v = res.data!.registerVolunteer;
    expect(v).toMatchObject({
      name: '测试志愿者',
      registeredOn: '2026-03-01',
      communityCode: '410106001001',
      station: { id: '410106:ZYZ001', code: 'ZYZ001' },
    });
    expect(v.number).toMatch(/^V\d{7}$/);
    expect(v.number > 'V0005200').toBe(true); // after the ledger's 5200
    expect(v.id).toBe(`410106:${v.number}`);
    const entry = (await trail('registerVolunteer')).find((e) => e.target === `Volunteer:${v.id}`)!;
    expect(entry).toMatchObject({ subject: dept.subject, outcome: 'OK' });
    expect(entry.args).not.toContain(testIdNumber(102));
    expect(entry.args).toContain(testIdNumber(102).slice(-4));
    // the same volunteer by its number in the caller's district, and by its global id
    const byNumber = await run(`query($n: ID!, $id: ID!) { a: volunteer(number: $n) { id } b: volunteer(number: $id) { number } }`, {
      n: v.number,
      id: v.id,
    });
    expect(byNumber.data).toEqual({ a: { id: v.id }, b: { number: v.number } });
  });

  test('one person registers once in a district; another department may not register, and its refusal is audited', async () => {
    const first = await run(REGISTER, { input: input(103) });
    expect(first.errors).toBeUndefined();
    const again = await run(REGISTER, { input: input(103, { stationCode: 'ZYZ002' }) });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toContain(first.data!.registerVolunteer.number);
    const other = testCallers.department('workforce');
    expect(codeOf(await run(REGISTER, { input: input(104) }, other))).toBe('FORBIDDEN');
    expect((await trail('registerVolunteer')).find((e) => e.subject === other.subject)).toMatchObject({ outcome: 'FORBIDDEN' });
  });

  test('volunteers registered at once get numbers of their own', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => run(REGISTER, { input: input(110 + i) })));
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(results.map((r) => r.data!.registerVolunteer.number)).size).toBe(6);
  });
});

describe('activities and hours', () => {
  const RECORD = `mutation($input: RecordVolunteerActivityInput!) { recordVolunteerActivity(input: $input) {
    id code heldOn targetGroup totalHours records { hours volunteer { number } } } }`;
  const activity = (category: string, records: { volunteerNumber: string; hours: number }[]) => ({
    name: '暑期清凉护航',
    stationCode: 'ZYZ044',
    heldOn: '2026-07-15',
    category,
    targetGroup: 'CHILDREN',
    personTimes: 40,
    records,
  });

  test("an activity with its volunteers' hours counts in its community's figures", async () => {
    const community = '410106001001';
    const hoursBefore = await figure(community, 'serviceHours(year: 2026)');
    const timesBefore = await figure(community, 'servicePersonTimes(year: 2026)');
    const res = await run(RECORD, {
      input: activity('测试活动甲', [
        { volunteerNumber: 'V0000005', hours: 24 },
        { volunteerNumber: '410106:V0000002', hours: 3.5 },
      ]),
    });
    expect(res.errors).toBeUndefined();
    const a = res.data!.recordVolunteerActivity;
    expect(a.code).toMatch(/^HD2026\d{5}$/);
    expect(a).toEqual({
      id: `410106:${a.code}`,
      code: a.code,
      heldOn: '2026-07-15',
      targetGroup: 'CHILDREN',
      totalHours: 27.5,
      records: [
        { hours: 3.5, volunteer: { number: 'V0000002' } },
        { hours: 24, volunteer: { number: 'V0000005' } },
      ],
    });
    expect(await figure(community, 'activities(year: 2026, category: "测试活动甲")')).toBe(1);
    expect(await figure(community, 'activities(year: 2026, asOf: "2026-07-14", category: "测试活动甲")')).toBe(0);
    expect(await figure(community, 'serviceHours(year: 2026)')).toBe(hoursBefore + 27.5);
    expect(await figure(community, 'servicePersonTimes(year: 2026)')).toBe(timesBefore + 40);
  });

  test.each([
    ['more than 24 hours', [{ volunteerNumber: 'V0000002', hours: 24.5 }], 'hours'],
    ['zero hours', [{ volunteerNumber: 'V0000002', hours: 0 }], 'hours'],
    [
      'a volunteer twice',
      [
        { volunteerNumber: 'V0000002', hours: 1 },
        { volunteerNumber: '410106:V0000002', hours: 2 },
      ],
      'volunteerNumber',
    ],
    ['an unknown volunteer', [{ volunteerNumber: 'V9999999', hours: 1 }], 'volunteerNumber'],
    ["another district's volunteer", [{ volunteerNumber: '410107:V0000002', hours: 1 }], 'volunteerNumber'],
  ])('refuses %s and writes nothing', async (_what, records, field) => {
    const res = await run(RECORD, { input: activity('测试活动乙', records) });
    expect({ code: codeOf(res), field: fieldOf(res) }).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await figure('410106001001', 'activities(year: 2026, category: "测试活动乙")')).toBe(0);
  });

  test('hours of an existing activity are corrected: one record per volunteer and activity', async () => {
    const recorded = await run(RECORD, { input: activity('测试活动丙', [{ volunteerNumber: 'V0000002', hours: 2 }]) });
    const { code } = recorded.data!.recordVolunteerActivity;
    const res = await run(
      `mutation($a: ID!) { recordVolunteerHours(activityCode: $a, records: [{ volunteerNumber: "V0000002", hours: 4 }, { volunteerNumber: "V0000011", hours: 1 }]) {
        totalHours records { hours volunteer { number } } } }`,
      { a: code },
    );
    expect(res.data!.recordVolunteerHours).toEqual({
      totalHours: 5,
      records: [
        { hours: 4, volunteer: { number: 'V0000002' } },
        { hours: 1, volunteer: { number: 'V0000011' } },
      ],
    });
    const empty = await run(`mutation($a: ID!) { recordVolunteerHours(activityCode: $a, records: []) { code } }`, { a: code });
    expect(fieldOf(empty)).toBe('records');
  });

  test("a street office sees its activity but not the records of another street's volunteers; the total counts them all", async () => {
    // V0000002 is of a station of street A, V0000003 of street B
    const recorded = await run(RECORD, {
      input: activity('测试活动丁', [
        { volunteerNumber: 'V0000002', hours: 2 },
        { volunteerNumber: 'V0000003', hours: 3 },
      ]),
    });
    const { id } = recorded.data!.recordVolunteerActivity;
    const READ = `query($id: ID!) { volunteerActivity(code: $id) { totalHours records { hours volunteer { number } } } }`;
    const a = await run(READ, { id }, testCallers.street(STREET_A));
    expect(a.data!.volunteerActivity).toEqual({ totalHours: 5, records: [{ hours: 2, volunteer: { number: 'V0000002' } }] });
    expect((await run(READ, { id }, testCallers.street(STREET_B))).data!.volunteerActivity).toBeNull();
  });
});

describe('the needs closed loop', () => {
  const GRID = '41010600100301';
  const RAISE = `mutation($input: RaiseVolunteerNeedInput!) { raiseVolunteerNeed(input: $input) { id code status gridCode communityCode } }`;
  const RESOURCE = `mutation($input: RegisterVolunteerResourceInput!) { registerVolunteerResource(input: $input) { id code } }`;
  const raise = async (category: string, gridCode = GRID, caller = dept) => {
    const res = await run(RAISE, { input: { gridCode, content: '代购药品', category, raisedOn: '2026-04-01' } }, caller);
    expect(res.errors).toBeUndefined();
    return res.data!.raiseVolunteerNeed as { id: string; code: string };
  };
  const resource = async (category: string, gridCode: string) => {
    const res = await run(RESOURCE, { input: { gridCode, provider: '社会组织', content: '陪护', category, registeredOn: '2026-02-01' } });
    expect(res.errors).toBeUndefined();
    return res.data!.registerVolunteerResource as { id: string; code: string };
  };
  const step = (mutation: string, caller = dept) =>
    run(
      `mutation { ${mutation} { code status claimedBy resource { code } feedback satisfaction claimedOn servedOn closedOn } }`,
      {},
      caller,
    );

  test('a need goes raised → claimed → served → fed back, in that order only, and counts in the figures', async () => {
    const served = await resource('测试闭环', GRID);
    const need = await raise('测试闭环');
    expect(need.code).toMatch(/^XQD2026\d{4}$/);
    expect(need.id).toBe(`410106:${need.code}`);
    expect(codeOf(await step(`closeVolunteerNeed(code: "${need.id}", feedback: "好")`))).toBe('CONFLICT');
    expect(
      (await step(`claimVolunteerNeed(code: "${need.code}", claimedBy: "ZYZ001", claimedOn: "2026-04-02")`)).data!.claimVolunteerNeed
        .status,
    ).toBe('CLAIMED');
    const twice = await step(`claimVolunteerNeed(code: "${need.code}", claimedBy: "ZYZ001")`);
    expect(codeOf(twice)).toBe('CONFLICT');
    expect(twice.errors![0].message).toContain('已认领');
    expect(fieldOf(await step(`serveVolunteerNeed(code: "${need.id}", servedOn: "2026-03-30")`))).toBe('servedOn');
    expect(
      (await step(`serveVolunteerNeed(code: "${need.id}", resourceCode: "${served.code}", servedOn: "2026-04-03")`)).data!
        .serveVolunteerNeed,
    ).toMatchObject({ status: 'SERVED', resource: { code: served.code } });
    expect(fieldOf(await step(`closeVolunteerNeed(code: "${need.id}", feedback: "满意", satisfaction: 6)`))).toBe('satisfaction');
    expect(fieldOf(await step(`closeVolunteerNeed(code: "${need.id}", feedback: "  ")`))).toBe('feedback');
    expect(
      (await step(`closeVolunteerNeed(code: "${need.id}", feedback: "满意", satisfaction: 5, closedOn: "2026-04-04")`)).data!
        .closeVolunteerNeed,
    ).toEqual({
      code: need.code,
      status: 'CLOSED',
      claimedBy: 'ZYZ001',
      resource: { code: served.code },
      feedback: '满意',
      satisfaction: 5,
      claimedOn: '2026-04-02',
      servedOn: '2026-04-03',
      closedOn: '2026-04-04',
    });
    expect(codeOf(await step(`closeVolunteerNeed(code: "${need.id}", feedback: "再次")`))).toBe('CONFLICT');
    expect((await trail('closeVolunteerNeed')).find((e) => e.outcome === 'OK' && e.target === `VolunteerNeed:${need.id}`)).toBeDefined();

    const community = '410106001003';
    expect(await figure(community, 'needs(year: 2026, category: "测试闭环")')).toBe(1);
    expect(await figure(community, 'needs(year: 2026, category: "测试闭环", stage: CLAIMED)')).toBe(1);
    expect(await figure(community, 'needs(year: 2026, asOf: "2026-04-03", category: "测试闭环", stage: CLOSED)')).toBe(0);
    expect(await figure(community, 'needs(year: 2026, category: "测试闭环", stage: CLOSED)')).toBe(1);
    expect(await figure(community, 'resources(year: 2026, category: "测试闭环")')).toBe(1);
  });

  test('a grid outside the caller is refused; a grid must have 14 digits and be in the region tree', async () => {
    const input = (gridCode: string) => ({ input: { gridCode, content: '代购药品', category: '测试网格' } });
    expect(codeOf(await run(RAISE, input(GRID), testCallers.street(STREET_B)))).toBe('FORBIDDEN');
    const short = await run(RAISE, input('410106001003'));
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
    const missing = await run(RAISE, input('41010600100399'));
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
    expect(missing.errors?.[0].message).toMatch(/no such grid/);
  });

  test("a need served by a resource outside the caller's street: the street may not name it, nor read it on the need", async () => {
    const streetA = testCallers.street(STREET_A);
    const far = await resource('测试远处', '41010600200101');
    const mine = await raise('测试远处', GRID, streetA);
    await step(`claimVolunteerNeed(code: "${mine.id}", claimedBy: "ZYZ003", claimedOn: "2026-04-02")`, streetA);
    const refused = await step(`serveVolunteerNeed(code: "${mine.id}", resourceCode: "${far.id}", servedOn: "2026-04-03")`, streetA);
    expect({ code: codeOf(refused), field: fieldOf(refused) }).toEqual({ code: 'BAD_USER_INPUT', field: 'resourceCode' });
    // the department sees the district: it may match them
    expect(codeOf(await step(`serveVolunteerNeed(code: "${mine.id}", resourceCode: "${far.id}", servedOn: "2026-04-03")`))).toBeUndefined();
    const read = await run(`query($id: ID!) { volunteerNeed(code: $id) { status resource { code } } }`, { id: mine.id }, streetA);
    expect(read.data!.volunteerNeed).toEqual({ status: 'SERVED', resource: null });
    expect(
      (await run(`query($id: ID!) { volunteerNeed(code: $id) { code } }`, { id: mine.id }, testCallers.street(STREET_B))).data!
        .volunteerNeed,
    ).toBeNull();
  });

  test("resources of the same category are suggested nearest first, within the caller's scope", async () => {
    const category = '测试推荐';
    const grid = await resource(category, GRID);
    const community = await resource(category, '41010600100302');
    const street = await resource(category, '41010600100401');
    const district = await resource(category, '41010600200101');
    await resource('测试其他类别', GRID);
    const need = await raise(category);
    const SUGGEST = `query($n: ID!) { suggestResources(needId: $n) { proximity resource { code } } }`;
    expect((await run(SUGGEST, { n: need.code })).data!.suggestResources).toEqual([
      { proximity: 'GRID', resource: { code: grid.code } },
      { proximity: 'COMMUNITY', resource: { code: community.code } },
      { proximity: 'STREET', resource: { code: street.code } },
      { proximity: 'DISTRICT', resource: { code: district.code } },
    ]);
    const streetOffice = (await run(SUGGEST, { n: need.id }, testCallers.street(STREET_A))).data!.suggestResources;
    expect(streetOffice.map((s: { proximity: string }) => s.proximity)).toEqual(['GRID', 'COMMUNITY', 'STREET']);
  });
});

describe('stations and the 六有 standard', () => {
  const UPDATE = (code: string, standard: string, on?: string) =>
    run(`mutation { updateVolunteerStationStandard(code: "${code}", standard: ${standard}${on ? `, on: "${on}"` : ''}) {
      id standardized standardizedOn missingStandardItems } }`);

  test('supplying the missing items standardises a station from the day given; an item already present cannot be supplied', async () => {
    // ZYZ090 (朱寨社区) lacks 有制度 and 有台账 in the ledger
    const community = '410106001004';
    const before = await figure(community, 'standardizedStations(year: 2026, asOf: "2026-03-01")');
    expect(codeOf(await UPDATE('ZYZ090', '{ site: true }', '2026-03-01'))).toBe('CONFLICT');
    const res = await UPDATE('ZYZ090', '{ rules: true, ledger: true }', '2026-03-01');
    expect(res.data!.updateVolunteerStationStandard).toEqual({
      id: '410106:ZYZ090',
      standardized: true,
      standardizedOn: '2026-03-01',
      missingStandardItems: [],
    });
    expect(await figure(community, 'standardizedStations(year: 2026, asOf: "2026-02-28")')).toBe(before);
    expect(await figure(community, 'standardizedStations(year: 2026, asOf: "2026-03-01")')).toBe(before + 1);
    expect(codeOf(await UPDATE('ZYZ090', '{}'))).toBe('BAD_USER_INPUT');
    expect(fieldOf(await UPDATE('ZYZ090', '{ site: false }', '2100-01-01'))).toBe('on');
  });

  test('withdrawing an item un-standardises a station; an item already missing cannot be withdrawn', async () => {
    // ZYZ091 (蓝天社区) lacks 有制度 only; ZYZ020 (朝阳社区) has all six
    expect(codeOf(await UPDATE('ZYZ091', '{ rules: false }'))).toBe('CONFLICT');
    const withdrawn = await UPDATE('410106:ZYZ020', '{ site: false }', '2026-06-01');
    expect(withdrawn.data!.updateVolunteerStationStandard).toMatchObject({
      standardized: false,
      standardizedOn: null,
      missingStandardItems: ['SITE'],
    });
    const supplied = await UPDATE('ZYZ020', '{ site: true }', '2026-06-02');
    expect(supplied.data!.updateVolunteerStationStandard).toMatchObject({ standardized: true, standardizedOn: '2026-06-02' });
    const streetB = testCallers.street(STREET_B);
    const other = await run(`mutation { updateVolunteerStationStandard(code: "ZYZ091", standard: { rules: true }) { id } }`, {}, streetB);
    // another street's station is answered as a missing one: the refusal tells nothing of records the street may not see
    expect(codeOf(other)).toBe('NOT_FOUND');
  });

  test('stations are listed by what they lack', async () => {
    const res = await run(
      `{ volunteerStations(filter: { missingItem: SIGN }) { totalCount nodes { code standardItems missingStandardItems community { code } } } }`,
    );
    expect(res.data!.volunteerStations).toEqual({
      totalCount: 2,
      nodes: [
        {
          code: 'ZYZ093',
          standardItems: ['SITE', 'TEAM', 'PROJECTS', 'LEDGER'],
          missingStandardItems: ['SIGN', 'RULES'],
          community: { code: '410106001007' },
        },
        {
          code: 'ZYZ094',
          standardItems: ['SITE', 'RULES', 'PROJECTS', 'LEDGER'],
          missingStandardItems: ['SIGN', 'TEAM'],
          community: { code: '410106001008' },
        },
      ],
    });
  });
});

describe('personal data and scope', () => {
  const PERSON = `{ volunteer(number: "V0000002") { id number name idNumber phone } }`;

  test('an analyst sees a volunteer masked; the department sees it whole, and the read is recorded', async () => {
    const masked = (await run(PERSON, {}, testCallers.analyst)).data!.volunteer;
    expect(masked.id).toBe('410106:V0000002');
    expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(masked.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(masked.name).toMatch(/^.\*+$/);
    const whole = (await run(PERSON)).data!.volunteer;
    expect(whole.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await trail('Volunteer.idNumber')).find((e) => e.subject === dept.subject)).toMatchObject({
      target: 'Volunteer:410106:V0000002',
    });
  });

  test("a street office lists only its own street's rows; other records resolve to nothing, by lookup or by key", async () => {
    const caller = testCallers.street(STREET_B);
    const [own] = await stack.sg.sql<{ n: string }>(`SELECT count(*) AS n FROM volunteer WHERE community_code LIKE '410106002%'`);
    const lists = await run(`{ volunteers { totalCount } volunteerStations(first: 1) { nodes { code } } }`, {}, caller);
    expect(lists.data).toEqual({ volunteers: { totalCount: Number(own.n) }, volunteerStations: { nodes: [{ code: 'ZYZ010' }] } });
    const lookups = await run(
      `{ volunteerStation(code: "ZYZ001") { id } volunteer(number: "V0000002") { id } volunteerActivity(code: "HD202500002") { id } }`,
      {},
      caller,
    );
    expect(lookups.data).toEqual({ volunteerStation: null, volunteer: null, volunteerActivity: null });
    const entities = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on VolunteerStation { code } ... on Volunteer { number } ... on VolunteerNeed { code } } }`,
      {
        r: [
          { __typename: 'VolunteerStation', id: '410106:ZYZ010' },
          { __typename: 'VolunteerStation', id: '410106:ZYZ001' },
          { __typename: 'Volunteer', id: '410106:V0000002' },
          { __typename: 'VolunteerNeed', id: '410106:XQD20250001' },
        ],
      },
      caller,
    );
    expect(entities.data!._entities).toEqual([{ code: 'ZYZ010' }, null, null, null]);
    const region = await run(`{ volunteers(filter: { regionCode: "${STREET_A}" }) { totalCount } }`, {}, caller);
    expect(codeOf(region)).toBe('FORBIDDEN');
  });

  test("every entity resolves by its global id; a number is read in the caller's district, another district's id finds nothing", async () => {
    const res = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on VolunteerStation { code name } ... on Volunteer { number } ... on VolunteerActivity { code category }
        ... on VolunteerNeed { code gridCode } ... on VolunteerResource { code provider } } }`,
      {
        r: [
          { __typename: 'VolunteerStation', id: '410106:ZYZ001' },
          { __typename: 'Volunteer', id: '410106:V0000002' },
          { __typename: 'VolunteerActivity', id: '410106:HD202500001' },
          { __typename: 'VolunteerNeed', id: '410106:XQD20250678' },
          { __typename: 'VolunteerResource', id: '410106:ZY20250001' },
          { __typename: 'VolunteerStation', id: '410107:ZYZ001' },
        ],
      },
    );
    expect(res.data!._entities).toEqual([
      { code: 'ZYZ001', name: '盛世社区志愿服务站' },
      { number: 'V0000002' },
      { code: 'HD202500001', category: '关爱帮扶' },
      { code: 'XQD20250678', gridCode: '41010600200802' },
      { code: 'ZY20250001', provider: '志愿者个人' },
      null,
    ]);
    const lookups = await run(
      `{ a: volunteerStation(code: "ZYZ001") { id } b: volunteerStation(code: "410106:ZYZ001") { id } c: volunteerStation(code: "410107:ZYZ001") { id } }`,
    );
    expect(lookups.data).toEqual({ a: { id: '410106:ZYZ001' }, b: { id: '410106:ZYZ001' }, c: null });
  });
});
