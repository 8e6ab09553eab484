import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { jointEventsLedger } from '../src/modules/bodies/bodies.ledger';
import { analyst, errorOf, startWithGovernance } from './governance-kit';
import { importFile } from './kit';

/**
 * Working bodies, their members and joint events (seeds/002 胡家园, 003 §三, 001 §(四)) from the
 * generated Shangjie ledgers: figures at district, street and community against counts made from the
 * fixture rows (an event counted once at a node holding its host or any participant), lists on a day
 * against figures of that day, the seeds' sentences from one query each, daily work, and a street
 * office's import confined to its street.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;
const BODIES = 'workforce/working_bodies.csv';
const MEMBERS = 'workforce/working_body_members.csv';
const EVENTS = 'workforce/joint_events.csv';

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([BODIES, MEMBERS, EVENTS]));
});

afterAll(() => sg?.close());

const DISTRICT = '410106000000';
const streets = () => [...new Set(fx.communities.map((c) => c.street))];
const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);
const list = (v: unknown) => (v ? String(v).split('、') : []);
const under = (places: string[], code: string) => places.some((p) => p.startsWith(prefixOf(code)));
const bodyPlaces = (r: FixtureRow) => [String(r.region), ...(r.seat ? [String(r.seat)] : []), ...list(r.memberRegions)];
const eventPlaces = (r: FixtureRow) => [String(r.host), ...list(r.participants)];
const communities = (r: FixtureRow) => list(r.participants).filter((c) => !c.endsWith('000')).length;

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  bodies: workingBodies(year: 2025) { value previousYear }
  groups: workingBodies(year: 2025, kind: LEADING_GROUP) { value }
  earlyBodies: workingBodies(year: 2025, asOf: "2025-01-15") { value }
  established: bodiesEstablished(year: 2025) { value previousYear }
  events: jointEvents(year: 2025) { value previousYear }
  joint: jointEvents(year: 2025, jointOnly: true) { value previousYear }
  meetings: jointEvents(year: 2025, kind: JOINT_MEETING) { value }
  topics: jointEventTopics(year: 2025) { value }
  problems: jointProblemsResolved(year: 2025) { value }
  enterprises: jointEventEnterprises(year: 2025, kind: SALON) { value previousYear }
  organizations: jointEventOrganizations(year: 2025, kind: SALON) { value }
  personTimes: jointEventPersonTimes(year: 2025) { value previousYear }
  saved: jointEventCostSaved(year: 2025, jointOnly: true) { value previousYear }
} } }`;

function expected(code: string) {
  const bodies = fx.rows[BODIES].filter((r) => under(bodyPlaces(r), code));
  const inPlace = (r: FixtureRow, on: string) => String(r.establishedOn) <= on && (!r.dissolvedOn || String(r.dissolvedOn) > on);
  const events = fx.rows[EVENTS].filter((r) => under(eventPlaces(r), code));
  const of = (year: string, keep: (r: FixtureRow) => boolean = () => true) =>
    events.filter((r) => String(r.heldOn).startsWith(year) && keep(r));
  const sum = (rows: FixtureRow[], f: string) => rows.reduce((s, r) => s + Number(r[f] ?? 0), 0);
  const salon = (r: FixtureRow) => r.kind === '主题沙龙';
  const joint = (r: FixtureRow) => communities(r) >= 2;
  return {
    bodies: {
      value: bodies.filter((r) => inPlace(r, '2025-12-31')).length,
      previousYear: bodies.filter((r) => inPlace(r, '2024-12-31')).length,
    },
    groups: { value: bodies.filter((r) => inPlace(r, '2025-12-31') && r.kind === '领导小组').length },
    earlyBodies: { value: bodies.filter((r) => inPlace(r, '2025-01-15')).length },
    established: {
      value: bodies.filter((r) => String(r.establishedOn).startsWith('2025')).length,
      previousYear: bodies.filter((r) => String(r.establishedOn).startsWith('2024')).length,
    },
    events: { value: of('2025').length, previousYear: of('2024').length },
    joint: { value: of('2025', joint).length, previousYear: of('2024', joint).length },
    meetings: { value: of('2025', (r) => r.kind === '联席会议').length },
    topics: { value: of('2025').reduce((s, r) => s + list(r.topics).length, 0) },
    problems: { value: sum(of('2025'), 'problemsResolved') },
    enterprises: { value: sum(of('2025', salon), 'enterprises'), previousYear: sum(of('2024', salon), 'enterprises') },
    organizations: { value: sum(of('2025', salon), 'organizations') },
    personTimes: { value: sum(of('2025'), 'personTimes'), previousYear: sum(of('2024'), 'personTimes') },
    saved: { value: sum(of('2025', joint), 'costSaved'), previousYear: sum(of('2024', joint), 'costSaved') },
  };
}

const pairStreet = () => streets()[2];
const pair = () => fx.communities.filter((c) => c.street === pairStreet()).slice(0, 2);

test('figures at the district, streets and communities agree with the ledger rows, a joint event counted once', async () => {
  const [a, b] = pair();
  for (const code of [DISTRICT, streets()[1], pairStreet(), a.code, b.code, fx.communities.at(-1)!.code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
  // the pair's 12 meetings are 12 at their street, not 24
  const street = await sg.query(FIGURES, { c: pairStreet() }, analyst);
  expect(street.data!.region.governance.meetings.value).toBe(12);
});

test('lists on a day hold what the figures of that day count', async () => {
  for (const [code, on] of [
    [DISTRICT, '2025-01-15'],
    [DISTRICT, '2025-03-01'],
    [pairStreet(), '2025-06-30'],
  ]) {
    const res = await sg.query(
      `query($c: ID!, $on: Date!) { region(code: $c) {
        workingBodies(filter: { activeOn: $on }) { totalCount }
        jointEvents(filter: { jointOnly: true, heldFrom: "2025-01-01", heldTo: $on }) { totalCount nodes { id } }
        governance { workingBodies(year: 2025, asOf: $on) { value } jointEvents(year: 2025, asOf: $on, jointOnly: true) { value } } } }`,
      { c: code, on },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.region;
    expect(r.workingBodies.totalCount).toBe(r.governance.workingBodies.value);
    expect(r.jointEvents.totalCount).toBe(r.governance.jointEvents.value);
  }
});

test('seeds/002 from one query: the two communities’ joint conference, its meetings, activities and the cost saved', async () => {
  const [a, b] = pair();
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      workingBodies(filter: { kind: JOINT_CONFERENCE }) { nodes { name rotation memberRegions { name } } }
      governance {
        meetings: jointEvents(year: 2025, kind: JOINT_MEETING, jointOnly: true) { value }
        problems: jointProblemsResolved(year: 2025, kind: JOINT_MEETING, jointOnly: true) { value }
        activities: jointEvents(year: 2025, kind: JOINT_ACTIVITY, jointOnly: true) { value }
        saved: jointEventCostSaved(year: 2025, kind: JOINT_ACTIVITY, jointOnly: true) { value } } } }`,
    { c: b.code },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [body] = r.workingBodies.nodes;
  const g = r.governance;
  const rotation = { MONTHLY: '月度', QUARTERLY: '季度', PER_MEETING: '逐次', FIXED: '固定' }[body.rotation as string];
  expect(
    `${body.memberRegions.map((m: { name: string }) => m.name).join('、')}建立${body.name}，实行${rotation}联席会议轮班制度；` +
      `跨社区联席会议${g.meetings.value}次，联动处置共性难题${g.problems.value}个；` +
      `两社区联合开展活动${g.activities.value}场次，双方协作使活动成本降低${Math.floor(g.saved.value / 10000)}万余元`,
  ).toBe(
    `${a.name}、${b.name}建立跨社区工作联席会商机制，实行月度联席会议轮班制度；跨社区联席会议12次，联动处置共性难题15个；` +
      `两社区联合开展活动28场次，双方协作使活动成本降低3万余元`,
  );
});

test('seeds/003 from one query: the district’s organisation, its joint conference and the first plenary', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      groups: workingBodies(filter: { kind: LEADING_GROUP }) { nodes { name } }
      conferences: workingBodies(filter: { kind: JOINT_CONFERENCE, activeOn: "2025-03-28" }, sort: { field: ID }, first: 1) {
        nodes { name members(activeOn: "2025-03-28") { unitName duty } } }
      plenaries: jointEvents(filter: { kind: PLENARY }) { nodes { title heldOn topics } }
      governance { groups: bodiesEstablished(year: 2025, kind: LEADING_GROUP) { value } plenaries: jointEvents(year: 2025, kind: PLENARY) { value } } } }`,
    { c: DISTRICT },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [conference] = r.conferences.nodes;
  const [plenary] = r.plenaries.nodes;
  expect(
    `完善${r.groups.nodes[0].name}组织架构（新设领导小组${r.governance.groups.value}个），健全${conference.name}工作机制（成员单位${conference.members.length}家），` +
      `召开首次全体会议${r.governance.plenaries.value}次（${plenary.heldOn}，${plenary.title}），${plenary.topics[0]}`,
  ).toBe(
    '完善社会工作人才队伍建设工作领导小组组织架构（新设领导小组1个），健全社会工作人才队伍建设联席会议工作机制（成员单位9家），' +
      '召开首次全体会议1次（2025-03-28，社会工作人才队伍建设联席会议首次全体会议），明确部门职责',
  );
  // the unit that left in October is no longer a member at the end of the year
  const later = await sg.query(
    `query($c: ID!) { region(code: $c) { workingBodies(filter: { kind: JOINT_CONFERENCE }, sort: { field: ID }, first: 1) { nodes { members(activeOn: "2025-12-31") { unitName } } } } }`,
    { c: DISTRICT },
    analyst,
  );
  expect(later.data!.region.workingBodies.nodes[0].members).toHaveLength(8);
});

test('seeds/001 from one query: the street’s guidance centre in a community and its salons', async () => {
  const street = streets()[1];
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      workingBodies(filter: { kind: GUIDANCE_CENTRE }) { nodes { name seat { name } } }
      governance {
        salons: jointEvents(year: 2025, kind: SALON) { value }
        enterprises: jointEventEnterprises(year: 2025, kind: SALON) { value }
        organizations: jointEventOrganizations(year: 2025, kind: SALON) { value } } } }`,
    { c: street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [centre] = r.workingBodies.nodes;
  const g = r.governance;
  const salons = fx.rows[EVENTS].filter((e) => e.host === street && e.kind === '主题沙龙' && String(e.heldOn).startsWith('2025'));
  const seat = fx.communities.filter((c) => c.street === street)[1];
  expect(
    `在${centre.seat.name}建立街道${centre.name}；举办主题沙龙${g.salons.value}场，${g.enterprises.value}家企业、${g.organizations.value}家社会组织代表出席`,
  ).toBe(
    `在${seat.name}建立街道“三社联动”指导中心；举办主题沙龙${salons.length}场，` +
      `${salons.reduce((s, e) => s + Number(e.enterprises), 0)}家企业、${salons.reduce((s, e) => s + Number(e.organizations), 0)}家社会组织代表出席`,
  );
});

test('daily work: a street records its communities’ body and a joint meeting once; members come and go; errors name their field', async () => {
  const street = streets()[4];
  const [a, b] = fx.communities.filter((c) => c.street === street);
  const office = testCallers.street(street);
  const body = await sg.query(
    `mutation($s: ID!, $m: [ID!]) { recordWorkingBody(input: { regionCode: $s, kind: JOINT_CONFERENCE, name: "两社区联席会议", memberRegionCodes: $m, rotation: PER_MEETING, establishedOn: "2026-01-05" }) { id rotation memberRegions { code } } }`,
    { s: street, m: [a.code, b.code] },
    office,
  );
  expect(body.errors).toBeUndefined();
  const bodyId = body.data!.recordWorkingBody.id;
  const fig = async (code: string) =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance { jointEvents(year: 2026, jointOnly: true) { value } jointEventCostSaved(year: 2026) { value } } } }`,
        { c: code },
        analyst,
      )
    ).data!.region.governance;
  const record = (caller: ReturnType<typeof testCallers.street>, participants: string[], extra = '') =>
    sg.query(
      `mutation($b: ID, $h: ID!, $p: [ID!]!) { recordJointEvent(input: { kind: JOINT_MEETING, bodyId: $b, hostCode: $h, participantCodes: $p, heldOn: "2026-02-10", title: "2月联席会议", topics: ["资源整合"], problemsResolved: 2${extra} }) { id communities: participants { code } } }`,
      { b: bodyId, h: a.code, p: participants },
      caller,
    );
  // a community office cannot record a meeting that names its neighbour: the street records it
  expect(errorOf(await record(testCallers.community(a.code), [a.code, b.code])).code).toBe('FORBIDDEN');
  expect(errorOf(await record(office, []))).toEqual({ code: 'BAD_USER_INPUT', field: 'participantCodes' });
  expect(errorOf(await record(office, ['4101069'])).field).toBe('participantCodes');
  expect(errorOf(await record(office, [a.code], ', personTimes: -1'))).toEqual({ code: 'BAD_USER_INPUT', field: 'personTimes' });
  const made = await record(office, [a.code, b.code], ', costSaved: 500');
  expect(made.errors).toBeUndefined();
  const id = made.data!.recordJointEvent.id;
  for (const code of [a.code, b.code, street])
    expect(await fig(code)).toEqual({ jointEvents: { value: 1 }, jointEventCostSaved: { value: 500 } });
  const corrected = await sg.query(
    `mutation($id: ID!) { correctJointEvent(id: $id, input: { costSaved: 800 }, reason: "核对") { costSaved history { field } } }`,
    { id },
    office,
  );
  expect(corrected.data!.correctJointEvent).toEqual({ costSaved: 800, history: [{ field: 'costSaved' }] });
  expect((await fig(street)).jointEventCostSaved.value).toBe(800);

  const member = await sg.query(
    `mutation($b: ID!) { addWorkingBodyMember(bodyId: $b, input: { unitName: "辖区派出所", role: "成员单位", duty: "治安联防", joinedOn: "2026-01-05" }) { id } }`,
    { b: bodyId },
    office,
  );
  expect(member.errors).toBeUndefined();
  const noOne = await sg.query(
    `mutation($b: ID!) { addWorkingBodyMember(bodyId: $b, input: { role: "成员" }) { id } }`,
    { b: bodyId },
    office,
  );
  expect(errorOf(noOne)).toEqual({ code: 'BAD_USER_INPUT', field: 'unitName' });
  const remove = () =>
    sg.query(
      `mutation($id: ID!) { removeWorkingBodyMember(id: $id, on: "2026-03-01") { leftOn } }`,
      { id: member.data!.addWorkingBodyMember.id },
      office,
    );
  expect((await remove()).data!.removeWorkingBodyMember.leftOn).toBe('2026-03-01');
  expect(errorOf(await remove()).code).toBe('CONFLICT');

  const dissolve = () =>
    sg.query(`mutation($id: ID!) { dissolveWorkingBody(id: $id, on: "2026-04-01") { dissolvedOn } }`, { id: bodyId }, office);
  expect((await dissolve()).data!.dissolveWorkingBody.dissolvedOn).toBe('2026-04-01');
  expect(errorOf(await dissolve()).code).toBe('CONFLICT');
  // a body with meetings cannot be withdrawn; the meeting can
  expect(
    errorOf(await sg.query(`mutation($id: ID!) { withdrawWorkingBody(id: $id, reason: "误录") { id } }`, { id: bodyId }, office)).code,
  ).toBe('CONFLICT');
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawJointEvent(id: $id, reason: "重复") { id } }`, { id }, office)).errors,
  ).toBeUndefined();
  expect((await fig(street)).jointEvents.value).toBe(0);
  // another street's office cannot touch it
  const other = testCallers.street(streets()[3]);
  expect(
    errorOf(await sg.query(`mutation($id: ID!) { correctWorkingBody(id: $id, input: { name: "x" }) { id } }`, { id: bodyId }, other)).code,
  ).toMatch(/FORBIDDEN|NOT_FOUND/);
});

test('a street office imports joint events of its communities; a participant outside the street is a defect, nothing written', async () => {
  const street = pairStreet();
  const [a, b] = pair();
  const elsewhere = fx.communities.find((c) => c.street !== street)!;
  const dir = mkdtempSync(join(tmpdir(), 'joint-events-'));
  const row = (number: string, participants: string) => ({
    number,
    kind: '联合活动',
    body: null,
    host: a.code,
    participants,
    heldOn: '2026-05-20',
    title: '邻里文化节',
    topics: null,
    problemsResolved: 0,
    enterprises: 0,
    organizations: 0,
    personTimes: 50,
    costSaved: 1000,
  });
  const refused = writeLedgerFile(dir, jointEventsLedger, [
    row('JS0001', `${a.code}、${b.code}`),
    row('JS0002', `${a.code}；${elsewhere.code}`),
  ]);
  const err = await importFile(sg, jointEventsLedger, refused, { region: street }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerImportError);
  expect((err as LedgerImportError).defects).toEqual([
    expect.objectContaining({ row: 2, column: '参与单位区划代码', reason: expect.stringMatching(/lies outside your region/) }),
  ]);
  const ok = writeLedgerFile(dir, jointEventsLedger, [row('JS0001', `${a.code}、${b.code}`)]);
  expect((await importFile(sg, jointEventsLedger, ok, { region: street })).inserted).toBe(1);
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { jointEvents(filter: { heldFrom: "2026-05-20", heldTo: "2026-05-20" }) { nodes { number participants { code } } } } }`,
    { c: b.code },
    analyst,
  );
  expect(res.data!.region.jointEvents.nodes).toEqual([{ number: 'JS0001', participants: [{ code: a.code }, { code: b.code }] }]);
});
