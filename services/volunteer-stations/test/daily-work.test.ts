import { idNumberCheckChar, type Caller } from '@district/common';
import { startTestSubgraph, subgraphRequest, testCallers } from '../../common/src/testing';
import { volunteerStations } from '../src/module';
import { Activity, ServiceRecord } from '../src/modules/activities/activity.entity';
import { Need, Resource } from '../src/modules/needs/need.entity';
import { Station } from '../src/modules/stations/station.entity';
import { Volunteer } from '../src/modules/volunteers/volunteer.entity';
import type { Subgraph } from './kit';

/** The department's daily work on a small, known district: two streets, three stations. */
let sg: Subgraph;
const dept = testCallers.department('volunteer-stations');
const otherDept = testCallers.department('workforce');
const A1 = '410106001001';
const A2 = '410106001002';
const B1 = '410106002001';
const GRID = `${A1}01`;
const id = (first17: string) => first17 + idNumberCheckChar(first17);
const ID1 = id('41010619900101001');
const STATEMENT_ACTIVITIES = 120;

const six = { hasSite: true, hasSign: true, hasTeam: true, hasRules: true, hasProjects: true, hasLedger: true };

beforeAll(async () => {
  sg = await startTestSubgraph(volunteerStations);
  const em = sg.orm.em.fork();
  em.create(Station, { code: 'ZYZ001', name: '盛世站', communityCode: A1, ...six, builtOn: '2020-01-01' });
  em.create(Station, {
    code: 'ZYZ002',
    name: '中安街站',
    communityCode: A2,
    ...six,
    hasTeam: false,
    hasLedger: false,
    builtOn: '2020-01-01',
  });
  em.create(Station, { code: 'ZYZ003', name: 'B站', communityCode: B1, ...six, builtOn: '2024-06-01' });
  em.create(Volunteer, {
    code: 'V0000001',
    name: '张三',
    idNumber: ID1,
    phone: '13812345678',
    registeredOn: '2020-03-01',
    stationCode: 'ZYZ001',
    communityCode: A1,
  });
  em.create(Volunteer, {
    code: 'V0000002',
    name: '李四',
    idNumber: id('41010619850505002'),
    registeredOn: '2021-03-01',
    stationCode: 'ZYZ002',
    communityCode: A2,
  });
  em.create(Volunteer, {
    code: 'V0000003',
    name: '王五',
    idNumber: id('41010619800808003'),
    registeredOn: '2021-03-01',
    stationCode: 'ZYZ003',
    communityCode: B1,
  });
  for (let i = 1; i <= STATEMENT_ACTIVITIES; i++) {
    const code = `HD2024${String(i).padStart(5, '0')}`;
    em.create(Activity, {
      code,
      name: `活动${i}`,
      stationCode: i % 2 ? 'ZYZ001' : 'ZYZ003',
      communityCode: i % 2 ? A1 : B1,
      heldOn: '2024-05-01',
      category: '环境整治',
      targetGroup: 'ELDERLY',
      personTimes: 10,
    });
    em.create(ServiceRecord, { activityCode: code, volunteerCode: i % 2 ? 'V0000001' : 'V0000003', hours: 2 });
  }
  em.create(Need, {
    code: 'XQD20250001',
    gridCode: GRID,
    communityCode: A1,
    content: '助老陪护',
    category: '助老陪护',
    raisedOn: '2025-03-01',
    status: 'RAISED',
  });
  const resource = (code: string, gridCode: string, category = '助老陪护') =>
    em.create(Resource, {
      code,
      gridCode,
      communityCode: gridCode.slice(0, 12),
      provider: '社会组织',
      content: '陪护',
      category,
      registeredOn: '2025-02-01',
    });
  resource('ZY20250004', `${B1}01`);
  resource('ZY20250003', `${A2}01`);
  resource('ZY20250002', `${A1}02`);
  resource('ZY20250001', GRID);
  resource('ZY20250005', GRID, '法律咨询');
  await em.flush();
});

afterAll(() => sg?.close());

const gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = dept) =>
  subgraphRequest<T>(sg.url, query, variables, caller);
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

async function lastAudit(operation: string) {
  const res = await gql(
    `query($op: String) { volunteerStationsAuditTrail(first: 1, operation: $op) { subject operation outcome target args } }`,
    { op: operation },
    testCallers.admin,
  );
  return res.data!.volunteerStationsAuditTrail[0];
}

describe('registerVolunteer', () => {
  const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { number name station { code } registeredOn } }`;
  const input = {
    name: '赵六',
    idNumber: id('41010620000101004'),
    phone: '13900001111',
    stationCode: 'ZYZ001',
    registeredOn: '2025-04-01',
  };

  test('assigns the next volunteer number and is audited with the ID number masked', async () => {
    const res = await gql(REGISTER, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerVolunteer).toEqual({
      number: 'V0000004',
      name: '赵六',
      station: { code: 'ZYZ001' },
      registeredOn: '2025-04-01',
    });
    const audit = await lastAudit('registerVolunteer');
    expect(audit).toMatchObject({ subject: dept.subject, outcome: 'OK', target: 'Volunteer:V0000004' });
    expect(audit.args).not.toContain(input.idNumber);
    expect(audit.args).toContain('410106********');
  });

  test('refuses a wrong ID number without echoing it, and the same person twice', async () => {
    const bad = await gql(REGISTER, {
      input: { ...input, idNumber: `${input.idNumber.slice(0, 17)}${input.idNumber[17] === '0' ? '1' : '0'}` },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('idNumber');
    expect(bad.errors![0].message).not.toContain(input.idNumber.slice(0, 17));
    const again = await gql(REGISTER, { input });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toContain('V0000004');
  });

  test("refuses another department's token and records the refusal", async () => {
    const res = await gql(REGISTER, { input: { ...input, idNumber: id('41010620000101005') } }, otherDept);
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(await lastAudit('registerVolunteer')).toMatchObject({ subject: otherDept.subject, outcome: 'FORBIDDEN' });
  });
});

describe('activities and hours', () => {
  const RECORD = `mutation($input: RecordVolunteerActivityInput!) { recordVolunteerActivity(input: $input) {
    code heldOn targetGroup totalHours records { hours volunteer { number } } } }`;
  const base = {
    name: '暑期清凉护航',
    stationCode: 'ZYZ001',
    heldOn: '2025-07-15',
    category: '暑期清凉护航',
    targetGroup: 'CHILDREN',
    personTimes: 40,
  };

  test('records an activity with its hours, which the community figures then show', async () => {
    const res = await gql(RECORD, {
      input: {
        ...base,
        records: [
          { volunteerNumber: 'V0000001', hours: 3.5 },
          { volunteerNumber: 'V0000002', hours: 24 },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordVolunteerActivity).toEqual({
      code: 'HD202500001',
      heldOn: '2025-07-15',
      targetGroup: 'CHILDREN',
      totalHours: 27.5,
      records: [
        { hours: 3.5, volunteer: { number: 'V0000001' } },
        { hours: 24, volunteer: { number: 'V0000002' } },
      ],
    });
    const figures = await gql(`{ _entities(representations: [{ __typename: "Region", code: "${A1}" }]) { ... on Region { volunteer {
      serviceHours(year: 2025) { value previousYear } activeVolunteers(year: 2025) { value }
      activities(year: 2025, targetGroup: CHILDREN) { value } servicePersonTimes(year: 2025) { value }
      activityBreakdown(year: 2025, by: TARGET_GROUP) { key activities { value previousYear } } } } } }`);
    expect(figures.data!._entities[0].volunteer).toEqual({
      serviceHours: { value: 27.5, previousYear: 2 * (STATEMENT_ACTIVITIES / 2) },
      activeVolunteers: { value: 2 },
      activities: { value: 1 },
      servicePersonTimes: { value: 40 },
      activityBreakdown: [
        { key: 'CHILDREN', activities: { value: 1, previousYear: 0 } },
        { key: 'ELDERLY', activities: { value: 0, previousYear: STATEMENT_ACTIVITIES / 2 } },
      ],
    });
  });

  test.each([
    ['more than 24 hours', [{ volunteerNumber: 'V0000001', hours: 24.5 }], 'hours'],
    ['zero hours', [{ volunteerNumber: 'V0000001', hours: 0 }], 'hours'],
    [
      'a volunteer twice',
      [
        { volunteerNumber: 'V0000001', hours: 1 },
        { volunteerNumber: 'V0000001', hours: 2 },
      ],
      'volunteerNumber',
    ],
    ['an unknown volunteer', [{ volunteerNumber: 'V9999999', hours: 1 }], 'volunteerNumber'],
  ])('refuses %s and writes nothing', async (_what, records, field) => {
    const res = await gql(RECORD, { input: { ...base, records } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.field).toBe(field);
    const list = await gql(`{ volunteerActivities(filter: { from: "2025-01-01" }) { totalCount } }`);
    expect(list.data!.volunteerActivities.totalCount).toBe(1);
  });

  test('corrects hours of an existing activity: one record per volunteer and activity', async () => {
    const res =
      await gql(`mutation { recordVolunteerHours(activityCode: "HD202500001", records: [{ volunteerNumber: "V0000001", hours: 4 }]) {
      totalHours records { hours } } }`);
    expect(res.data!.recordVolunteerHours).toEqual({ totalHours: 28, records: [{ hours: 4 }, { hours: 24 }] });
  });
});

describe('the needs closed loop', () => {
  const step = (mutation: string) => gql(`mutation { ${mutation} { code status claimedBy resource { code } feedback satisfaction } }`);

  test('raise → claim → serve → feed back, in that order only', async () => {
    const raised = await gql(
      `mutation { raiseVolunteerNeed(input: { gridCode: "${GRID}", content: "代购药品", category: "代购代办", raisedOn: "2025-05-01" }) { code status communityCode } }`,
    );
    expect(raised.data!.raiseVolunteerNeed).toEqual({ code: 'XQD20250002', status: 'RAISED', communityCode: A1 });
    expect(codeOf(await step('closeVolunteerNeed(code: "XQD20250002", feedback: "好")'))).toBe('CONFLICT');
    expect(
      (await step('claimVolunteerNeed(code: "XQD20250002", claimedBy: "ZYZ001", claimedOn: "2025-05-02")')).data!.claimVolunteerNeed.status,
    ).toBe('CLAIMED');
    expect(codeOf(await step('claimVolunteerNeed(code: "XQD20250002", claimedBy: "ZYZ001")'))).toBe('CONFLICT');
    const early = await step('serveVolunteerNeed(code: "XQD20250002", servedOn: "2025-04-01")');
    expect(early.errors![0].extensions!.field).toBe('servedOn');
    expect(
      (await step('serveVolunteerNeed(code: "XQD20250002", resourceCode: "ZY20250001", servedOn: "2025-05-03")')).data!.serveVolunteerNeed,
    ).toMatchObject({ status: 'SERVED', resource: { code: 'ZY20250001' } });
    expect(codeOf(await step('closeVolunteerNeed(code: "XQD20250002", feedback: "满意", satisfaction: 6)'))).toBe('BAD_USER_INPUT');
    expect(
      (await step('closeVolunteerNeed(code: "XQD20250002", feedback: "满意", satisfaction: 5, closedOn: "2025-05-04")')).data!
        .closeVolunteerNeed,
    ).toEqual({
      code: 'XQD20250002',
      status: 'CLOSED',
      claimedBy: 'ZYZ001',
      resource: { code: 'ZY20250001' },
      feedback: '满意',
      satisfaction: 5,
    });
    expect(await lastAudit('closeVolunteerNeed')).toMatchObject({ outcome: 'OK', target: 'VolunteerNeed:XQD20250002' });

    const figures = await gql(`{ _entities(representations: [{ __typename: "Region", code: "410106" }]) { ... on Region { volunteer {
      needs(year: 2025) { value } claimed: needs(year: 2025, stage: CLAIMED) { value } closedByApril: needs(year: 2025, asOf: "2025-04-30", stage: CLOSED) { value }
      needClosureRate(year: 2025) { pct numerator denominator } needsGrids(year: 2025) { value } } } } }`);
    expect(figures.data!._entities[0].volunteer).toEqual({
      needs: { value: 2 },
      claimed: { value: 1 },
      closedByApril: { value: 0 },
      needClosureRate: { pct: 50, numerator: 1, denominator: 2 },
      needsGrids: { value: 1 },
    });
  });

  test('a grid outside the caller is refused; a grid code must have 14 digits', async () => {
    const street = testCallers.street('410106002000');
    const res = await gql(
      `mutation { raiseVolunteerNeed(input: { gridCode: "${GRID}", content: "x", category: "代购代办" }) { code } }`,
      {},
      street,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    const short = await gql(`mutation { raiseVolunteerNeed(input: { gridCode: "${A1}", content: "x", category: "代购代办" }) { code } }`);
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
  });

  test('suggests resources of the same category, nearest in the region tree first', async () => {
    const res = await gql(`{ suggestResources(needId: "XQD20250001") { proximity resource { code category } } }`);
    expect(res.data!.suggestResources).toEqual([
      { proximity: 'GRID', resource: { code: 'ZY20250001', category: '助老陪护' } },
      { proximity: 'COMMUNITY', resource: { code: 'ZY20250002', category: '助老陪护' } },
      { proximity: 'STREET', resource: { code: 'ZY20250003', category: '助老陪护' } },
      { proximity: 'DISTRICT', resource: { code: 'ZY20250004', category: '助老陪护' } },
    ]);
  });
});

describe('stations and the 六有 standard', () => {
  test('lists what a station lacks and fills it in', async () => {
    const missing = await gql(`{ volunteerStations(filter: { standardized: false }) { totalCount nodes { code missingStandardItems } } }`);
    expect(missing.data!.volunteerStations).toEqual({
      totalCount: 1,
      nodes: [{ code: 'ZYZ002', missingStandardItems: ['TEAM', 'LEDGER'] }],
    });
    const figure = `{ _entities(representations: [{ __typename: "Region", code: "410106" }]) { ... on Region { volunteer {
      standardizedStations(year: 2025) { value previousYear } standardizationRate(year: 2025) { numerator denominator } } } } }`;
    expect((await gql(figure)).data!._entities[0].volunteer).toEqual({
      standardizedStations: { value: 2, previousYear: 2 },
      standardizationRate: { numerator: 2, denominator: 3 },
    });
    const res = await gql(`mutation { updateVolunteerStationStandard(code: "ZYZ002", standard: { team: true, ledger: true }) {
      standardized missingStandardItems standardizedOn } }`);
    expect(res.data!.updateVolunteerStationStandard).toMatchObject({ standardized: true, missingStandardItems: [] });
    expect(res.data!.updateVolunteerStationStandard.standardizedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const year = Number(res.data!.updateVolunteerStationStandard.standardizedOn.slice(0, 4));
    const now = await gql(figure.replace(/2025/g, String(year)));
    expect(now.data!._entities[0].volunteer.standardizedStations.value).toBe(3);
    // standardised today: the station did not count a year ago
    expect(now.data!._entities[0].volunteer.standardizedStations.previousYear).toBe(2);
    expect(codeOf(await gql(`mutation { updateVolunteerStationStandard(code: "ZYZ002", standard: {}) { code } }`))).toBe('BAD_USER_INPUT');
  });
});

describe('personal data and scope', () => {
  const PERSON = `{ volunteer(number: "V0000001") { number name idNumber phone } }`;

  test('an analyst sees a volunteer masked; the department sees it unmasked and the read is recorded', async () => {
    const masked = await gql(PERSON, {}, testCallers.analyst);
    expect(masked.data!.volunteer).toEqual({
      number: 'V0000001',
      name: '张*',
      idNumber: `${ID1.slice(0, 6)}********${ID1.slice(-4)}`,
      phone: '138****5678',
    });
    const plain = await gql(PERSON);
    expect(plain.data!.volunteer).toEqual({ number: 'V0000001', name: '张三', idNumber: ID1, phone: '13812345678' });
    expect(await lastAudit('Volunteer.idNumber')).toMatchObject({ subject: dept.subject, target: 'Volunteer:V0000001' });
  });

  test('a street office sees only its own stations and volunteers; other records resolve to null', async () => {
    const street = testCallers.street('410106002000');
    const list = await gql(`{ volunteerStations { nodes { code } } volunteers { totalCount } }`, {}, street);
    expect(list.data).toEqual({ volunteerStations: { nodes: [{ code: 'ZYZ003' }] }, volunteers: { totalCount: 1 } });
    const entities = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on VolunteerStation { code } ... on Volunteer { number } ... on VolunteerNeed { code } } }`,
      {
        r: [
          { __typename: 'VolunteerStation', code: 'ZYZ003' },
          { __typename: 'VolunteerStation', code: 'ZYZ001' },
          { __typename: 'Volunteer', number: 'V0000001' },
          { __typename: 'VolunteerNeed', code: 'XQD20250001' },
        ],
      },
      street,
    );
    expect(entities.data!._entities).toEqual([{ code: 'ZYZ003' }, null, null, null]);
  });

  test('resolves every entity by its key for a district caller', async () => {
    const res = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on VolunteerStation { name } ... on Volunteer { registeredOn } ... on VolunteerActivity { category }
      ... on VolunteerNeed { category } ... on VolunteerResource { provider } } }`,
      {
        r: [
          { __typename: 'VolunteerStation', code: 'ZYZ001' },
          { __typename: 'Volunteer', number: 'V0000002' },
          { __typename: 'VolunteerActivity', code: 'HD202400001' },
          { __typename: 'VolunteerNeed', code: 'XQD20250001' },
          { __typename: 'VolunteerResource', code: 'ZY20250005' },
        ],
      },
    );
    expect(res.data!._entities).toEqual([
      { name: '盛世站' },
      { registeredOn: '2021-03-01' },
      { category: '环境整治' },
      { category: '助老陪护' },
      { provider: '社会组织' },
    ]);
  });
});

describe('no query per parent row', () => {
  const LIST = (first: number) => `{ volunteerActivities(first: ${first}, sort: { field: HELD_ON }) { nodes {
    code totalHours station { name volunteerCount activityCount(year: 2024) missingStandardItems community { code } }
    records { hours volunteer { number name serviceHours(year: 2024) activityCount station { code } } } } } }`;

  test('a list of activities with nested fields costs the same statements for 1 and for 100', async () => {
    const one = await sg.countStatements(() => gql(LIST(1)));
    const many = await sg.countStatements(() => gql(LIST(100)));
    expect(one.result.errors).toBeUndefined();
    expect((many.result.data as { volunteerActivities: { nodes: unknown[] } }).volunteerActivities.nodes).toHaveLength(100);
    expect(one.statements).toBeGreaterThanOrEqual(6); // page, count, stations, records, volunteers, their hours…
    expect(many.statements).toBe(one.statements);
  });

  test('figures and lists of many Regions cost the same statements as one Region', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      volunteer { activities(year: 2025) { value } serviceHours(year: 2024) { value } needClosureRate(year: 2025) { pct }
        activityBreakdown(year: 2024, by: CATEGORY) { key } }
      volunteerStations(first: 2) { totalCount nodes { code volunteerCount } }
      volunteerNeeds(first: 5) { totalCount nodes { code resource { code } } } } } }`;
    const codes = ['410106', '410106001000', '410106002000', A1, A2, B1];
    const one = await sg.countStatements(() => gql(query, { r: [{ __typename: 'Region', code: A1 }] }));
    const many = await sg.countStatements(() => gql(query, { r: codes.map((code) => ({ __typename: 'Region', code })) }));
    expect(one.result.errors).toBeUndefined();
    const regions = (many.result.data as { _entities: { volunteerStations: { totalCount: number } }[] })._entities;
    expect(regions.map((r) => r.volunteerStations.totalCount)).toEqual([3, 2, 1, 1, 1, 1]);
    expect(many.statements).toBe(one.statements);
  });
});
