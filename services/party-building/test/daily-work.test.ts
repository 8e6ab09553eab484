import { todayInChina } from '@district/common';
import { subgraphRequest, testCallers, type GraphQLResult } from '../../common/src/testing';
import { expected, ledgerRows, startWithShangjie } from './shangjie';

let env: Awaited<ReturnType<typeof startWithShangjie>>;

beforeAll(async () => {
  env = await startWithShangjie();
}, 180_000);

afterAll(() => env?.close());

const DEPT = testCallers.department('party-building');
const OTHER_DEPT = testCallers.department('workforce');
const orgs = ledgerRows('party/two_new_orgs.csv');
const instructors = ledgerRows('party/instructors.csv');
/** units with neither a Party organisation nor an instructor */
const bare = orgs.filter((o) => o['党组织组建方式'] === '未组建' && !o['党建工作指导员编号']);

function gql<T = any>(query: string, variables: Record<string, unknown> = {}, caller = testCallers.admin): Promise<GraphQLResult<T>> {
  return subgraphRequest<T>(env.sg.url, query, variables, caller);
}

const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

async function auditRows(operation: string) {
  const res = await gql<{
    partyBuildingAuditTrail: {
      operation: string;
      target: string | null;
      outcome: string;
      subject: string;
      kind: string;
      args: string | null;
    }[];
  }>('query($op: String) { partyBuildingAuditTrail(first: 50, operation: $op) { operation target outcome subject kind args } }', {
    op: operation,
  });
  return res.data!.partyBuildingAuditTrail;
}

const CONTACT = `mutation($input: RecordInstructorContactInput!) { recordInstructorContact(input: $input) {
  code date kind problemFound problemCategory solved solvedOn regionCode instructor { code } organization { creditCode } } }`;

describe('the contact log', () => {
  const org = bare[0];
  const input = () => ({
    instructorCode: 'ZDY001',
    creditCode: org['统一社会信用代码'],
    date: env.today,
    kind: 'MONTHLY_VISIT',
    problemFound: '缺少活动场地',
    problemCategory: 'OTHER',
  });

  test('a contact is recorded, its problem solved once, and the year counts it against last year', async () => {
    const res = await gql(CONTACT, { input: input() }, DEPT);
    expect(res.errors).toBeUndefined();
    const contact = res.data.recordInstructorContact;
    expect(contact).toMatchObject({
      code: `ZF${env.today.slice(0, 4)}00001`,
      date: env.today,
      kind: 'MONTHLY_VISIT',
      solved: false,
      solvedOn: null,
      regionCode: org['所属街道代码'],
      instructor: { code: 'ZDY001' },
      organization: { creditCode: org['统一社会信用代码'] },
    });
    const audit = await auditRows('recordInstructorContact');
    expect(audit[0]).toMatchObject({
      target: `PartyInstructorContact:${contact.code}`,
      outcome: 'OK',
      subject: DEPT.subject,
      kind: 'MUTATION',
    });

    const SOLVE = 'mutation($c: ID!, $d: Date) { recordProblemSolved(contactCode: $c, solvedOn: $d) { solved solvedOn } }';
    const solved = await gql(SOLVE, { c: contact.code, d: env.today }, DEPT);
    expect(solved.data).toEqual({ recordProblemSolved: { solved: true, solvedOn: env.today } });
    expect(errorOf(await gql(SOLVE, { c: contact.code }, DEPT)).code).toBe('CONFLICT');

    // a year after the report, the 2025 problems solved are "last year"
    const year = Number(env.today.slice(0, 4));
    const figure = await gql(
      `query($r: [_Any!]!, $y: Int!) { _entities(representations: $r) { ... on Region {
      partyBuilding { instructorProblemsSolved(year: $y) { value previousYear } } } } }`,
      { r: [{ __typename: 'Region', code: '410106' }], y: year },
    );
    expect(figure.data._entities[0].partyBuilding.instructorProblemsSolved).toEqual({
      value: 1,
      previousYear: year === 2026 ? expected.figures['party.instructorProblemsSolved'].value : 0,
    });
  });

  test('a contact is refused with the field to fix: bad credit code, a problem without its category, a future day', async () => {
    expect(errorOf(await gql(CONTACT, { input: { ...input(), creditCode: '91410106000000000X' } }, DEPT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
    });
    expect(errorOf(await gql(CONTACT, { input: { ...input(), problemCategory: null } }, DEPT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'problemCategory',
    });
    expect(errorOf(await gql(CONTACT, { input: { ...input(), date: '2099-01-01' } }, DEPT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    expect(errorOf(await gql(CONTACT, { input: { ...input(), instructorCode: 'ZDY999' } }, DEPT))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'instructorCode',
    });
  });

  test('another department, or a street office elsewhere, may not record; the refusal is audited', async () => {
    expect(errorOf(await gql(CONTACT, { input: input() }, OTHER_DEPT)).code).toBe('FORBIDDEN');
    const elsewhere = STREETS.find((s) => s !== org['所属街道代码'])!;
    expect(errorOf(await gql(CONTACT, { input: input() }, testCallers.street(elsewhere))).code).toBe('FORBIDDEN');
    const own = await gql(
      CONTACT,
      { input: { ...input(), problemFound: null, problemCategory: null } },
      testCallers.street(org['所属街道代码']),
    );
    expect(own.errors).toBeUndefined();
    const audit = await auditRows('recordInstructorContact');
    expect(audit.find((a) => a.subject === OTHER_DEPT.subject)).toMatchObject({ outcome: 'FORBIDDEN', target: null });
  });
});

const STREETS = ['410106001000', '410106002000', '410106003000', '410106004000', '410106005000', '410106100000'];

const COVERAGE = `query($c: ID!) { twoNewOrganization(creditCode: $c) { formation unbuilt
  instructor { code } coverage { status covered instructor { code } partyOrganization { name } }
  assignments { instructor { code } assignedOn withdrawnOn active } partyOrganization { id name type unitCount } } }`;

test('assigning an instructor gives work coverage; withdrawing ends it', async () => {
  const code = bare[1]['统一社会信用代码'];
  expect((await gql(COVERAGE, { c: code })).data.twoNewOrganization.coverage).toMatchObject({ status: 'NONE', covered: false });
  const ASSIGN =
    'mutation($c: ID!, $i: ID!, $d: Date!) { assignInstructor(creditCode: $c, instructorCode: $i, assignedOn: $d) { instructor { code } coverage { status } } }';
  const assigned = await gql(ASSIGN, { c: code, i: 'ZDY002', d: env.today }, DEPT);
  expect(assigned.data).toEqual({ assignInstructor: { instructor: { code: 'ZDY002' }, coverage: { status: 'WORK' } } });
  expect(errorOf(await gql(ASSIGN, { c: code, i: 'ZDY002', d: env.today }, DEPT)).code).toBe('CONFLICT');
  expect(errorOf(await gql(ASSIGN, { c: code, i: 'ZDY003', d: '1999-01-01' }, DEPT))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'assignedOn',
  });

  const WITHDRAW =
    'mutation($c: ID!, $d: Date!) { withdrawInstructor(creditCode: $c, withdrawnOn: $d) { instructor { code } coverage { status } assignments { active } } }';
  const withdrawn = await gql(WITHDRAW, { c: code, d: env.today }, DEPT);
  expect(withdrawn.data).toEqual({
    withdrawInstructor: { instructor: null, coverage: { status: 'NONE' }, assignments: [{ active: false }] },
  });
  expect(errorOf(await gql(WITHDRAW, { c: code, d: env.today }, DEPT))).toEqual({ code: 'BAD_USER_INPUT', field: 'creditCode' });
  expect((await auditRows('withdrawInstructor')).map((a) => a.outcome)).toEqual(['BAD_USER_INPUT', 'OK']);
  expect((await auditRows('withdrawInstructor'))[1].target).toBe(`TwoNewOrganization:${code}`);
});

describe('Party organisations', () => {
  const REGISTER = `mutation($input: RegisterPartyOrganizationInput!) { registerPartyOrganization(input: $input) {
    id name type foundedOn unitCount exceedsUnitLimit units { creditCode coverage { status } } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdatePartyOrganizationInput!) { updatePartyOrganization(id: $id, input: $input) {
    id unitCount exceedsUnitLimit units { creditCode } } }`;
  const six = bare.slice(2, 8).map((o) => o['统一社会信用代码']);
  const founded = `${todayInChina().slice(0, 4)}-01-02`;

  test('a joint organisation over five units is registered and flagged; leaving one unit clears the flag', async () => {
    const res = await gql(
      REGISTER,
      { input: { name: '上街区测试联合党支部', type: 'JOINT', foundedOn: founded, unitCreditCodes: six } },
      DEPT,
    );
    expect(res.errors).toBeUndefined();
    const p = res.data.registerPartyOrganization;
    expect(p).toMatchObject({ type: 'JOINT', unitCount: 6, exceedsUnitLimit: true, foundedOn: founded });
    expect(p.units.map((u: { coverage: { status: string } }) => u.coverage.status)).toEqual(Array(6).fill('ORGANISATIONAL'));
    const flagged = await gql('{ partyOrganizations(filter: { exceedsUnitLimit: true }) { totalCount nodes { id } } }');
    expect(flagged.data.partyOrganizations).toEqual({ totalCount: 1, nodes: [{ id: p.id }] });

    const updated = await gql(UPDATE, { id: p.id, input: { removeUnitCreditCodes: [six[5]] } }, DEPT);
    expect(updated.data.updatePartyOrganization).toMatchObject({ unitCount: 5, exceedsUnitLimit: false });
    expect((await gql(COVERAGE, { c: six[5] })).data.twoNewOrganization.coverage.status).toBe('NONE');
    expect((await auditRows('updatePartyOrganization'))[0]).toMatchObject({ target: `PartyOrganization:${p.id}`, outcome: 'OK' });
  });

  test('registration is refused when the type and units disagree, or a unit is covered already', async () => {
    const two = bare.slice(8, 10).map((o) => o['统一社会信用代码']);
    expect(
      errorOf(await gql(REGISTER, { input: { name: '某党支部', type: 'SINGLE', foundedOn: founded, unitCreditCodes: two } }, DEPT)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'unitCreditCodes' });
    expect(
      errorOf(
        await gql(
          REGISTER,
          { input: { name: '某联合党支部', type: 'JOINT', foundedOn: founded, unitCreditCodes: [two[0], six[0]] } },
          DEPT,
        ),
      ).code,
    ).toBe('CONFLICT');
    expect(
      errorOf(
        await gql(REGISTER, { input: { name: '某党支部', type: 'SINGLE', foundedOn: founded, unitCreditCodes: [two[0]] } }, OTHER_DEPT),
      ).code,
    ).toBe('FORBIDDEN');
  });

  test('a unit with 3 or more Party members whose organisation is dissolved is listed as 应建未建', async () => {
    const unit = orgs.find((o) => o['党组织组建方式'] === '单独组建' && Number(o['党员人数']) >= 3)!;
    const code = unit['统一社会信用代码'];
    const before = await gql(COVERAGE, { c: code });
    expect(before.data.twoNewOrganization).toMatchObject({
      formation: 'SINGLE',
      unbuilt: false,
      partyOrganization: { type: 'SINGLE', unitCount: 1 },
    });
    expect(
      errorOf(
        await gql(
          UPDATE,
          { id: before.data.twoNewOrganization.partyOrganization.id, input: { addUnitCreditCodes: [bare[10]['统一社会信用代码']] } },
          DEPT,
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'addUnitCreditCodes' });
    await gql(UPDATE, { id: before.data.twoNewOrganization.partyOrganization.id, input: { removeUnitCreditCodes: [code] } }, DEPT);
    const after = await gql(COVERAGE, { c: code });
    expect(after.data.twoNewOrganization).toMatchObject({ formation: 'NONE', unbuilt: true, partyOrganization: null });
    const list = await gql('{ partyUnbuiltOrganizations { totalCount nodes { creditCode partyMembers } } }');
    expect(list.data.partyUnbuiltOrganizations).toEqual({
      totalCount: 1,
      nodes: [{ creditCode: code, partyMembers: Number(unit['党员人数']) }],
    });
  });

  test("the ledger's joint organisations list the units they cover", async () => {
    const res = await gql(
      '{ partyOrganizations(filter: { type: JOINT }, sort: { field: NAME }, first: 100) { totalCount nodes { name unitCount units { creditCode } } } }',
    );
    const ledgerJoint = new Map<string, string[]>();
    for (const o of orgs.filter((x) => x['党组织组建方式'] === '联合组建'))
      ledgerJoint.set(o['党组织名称'], [...(ledgerJoint.get(o['党组织名称']) ?? []), o['统一社会信用代码']]);
    for (const [name, units] of ledgerJoint) {
      const node = res.data.partyOrganizations.nodes.find((n: { name: string }) => n.name === name);
      expect(node.units.map((u: { creditCode: string }) => u.creditCode).sort()).toEqual(units.sort());
    }
  });
});

describe('instructors', () => {
  const first = instructors[0];

  test('names, ID numbers and phones are masked for an analyst and shown to the department, which is audited', async () => {
    const Q = 'query($c: ID!) { partyInstructor(code: $c) { code name idNumber phone source dispatchedOn } }';
    const masked = await gql(Q, { c: first['指导员编号'] }, testCallers.analyst);
    const id = first['身份证号'];
    const phone = first['手机号码'];
    expect(masked.data.partyInstructor).toMatchObject({
      name: `${[...first['姓名']][0]}${'*'.repeat([...first['姓名']].length - 1)}`,
      idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    const plain = await gql(Q, { c: first['指导员编号'] }, DEPT);
    expect(plain.data.partyInstructor).toMatchObject({ name: first['姓名'], idNumber: id, phone, dispatchedOn: first['派驻日期'] });
    const reads = await auditRows('PartyInstructor.idNumber');
    expect(reads[0]).toMatchObject({ kind: 'PERSONAL_READ', target: `PartyInstructor:${first['指导员编号']}`, subject: DEPT.subject });
  });

  test('a full year asks 51 whole weeks, 12 months and 4 quarters of an instructor dispatched before it', async () => {
    const early = instructors.find((i) => i['派驻日期'] < '2025-01-01')!;
    const res = await gql(
      'query($c: ID!) { partyInstructor(code: $c) { rhythm(from: "2025-01-01", to: "2025-12-31") { weeksDue monthsDue quartersDue behind } } }',
      { c: early['指导员编号'] },
    );
    expect(res.data.partyInstructor.rhythm).toMatchObject({ weeksDue: 51, monthsDue: 12, quartersDue: 4 });
  });

  test('instructors without a contact in a whole week are listed as behind', async () => {
    // the week of Monday 3 March 2025: due for every instructor dispatched by then
    const visits = ledgerRows('party/instructor_visits.csv');
    const contacted = new Set(
      visits.filter((v) => v['走访日期'] >= '2025-03-03' && v['走访日期'] <= '2025-03-09').map((v) => v['指导员编号']),
    );
    const behind = instructors
      .filter((i) => i['派驻日期'] <= '2025-03-03' && !contacted.has(i['指导员编号']))
      .map((i) => i['指导员编号'])
      .sort();
    const res = await gql(
      '{ partyInstructorsBehind(from: "2025-03-03", to: "2025-03-09", first: 200) { totalCount nodes { instructor { code } weeksDue weeksMet monthsDue } } }',
    );
    expect(res.data.partyInstructorsBehind.totalCount).toBe(behind.length);
    expect(res.data.partyInstructorsBehind.nodes.map((n: { instructor: { code: string } }) => n.instructor.code)).toEqual(behind);
    expect(res.data.partyInstructorsBehind.nodes[0]).toMatchObject({ weeksDue: 1, weeksMet: 0, monthsDue: 0 });
  });
});

describe('entities, scope and lists', () => {
  test('organisations resolve by credit code; a registered organisation gains its coverage here, or null', async () => {
    const civil = orgs.find((o) => o['统一社会信用代码'].startsWith('5') && o['党组织组建方式'] === '联合组建')!;
    const social = ledgerRows('social/organizations.csv')
      .map((o) => o['统一社会信用代码'])
      .filter(Boolean);
    const notHere = social.find((c) => !orgs.some((o) => o['统一社会信用代码'] === c))!;
    const res = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on TwoNewOrganization { creditCode name registeredOrganization { creditCode } }
      ... on RegisteredOrganization { creditCode partyCoverage { status covered partyOrganization { type } } } } }`,
      {
        r: [
          { __typename: 'TwoNewOrganization', creditCode: civil['统一社会信用代码'] },
          { __typename: 'RegisteredOrganization', creditCode: civil['统一社会信用代码'] },
          { __typename: 'RegisteredOrganization', creditCode: notHere },
        ],
      },
    );
    expect(res.data._entities).toEqual([
      {
        creditCode: civil['统一社会信用代码'],
        name: civil['组织名称'].trim(),
        registeredOrganization: { creditCode: civil['统一社会信用代码'] },
      },
      {
        creditCode: civil['统一社会信用代码'],
        partyCoverage: { status: 'ORGANISATIONAL', covered: true, partyOrganization: { type: 'JOINT' } },
      },
      { creditCode: notHere, partyCoverage: null },
    ]);
  });

  test('a street office lists only its own organisations and resolves none of another street', async () => {
    const street = '410106002000';
    const caller = testCallers.street(street);
    const list = await gql('{ twoNewOrganizations(first: 1) { totalCount } }', {}, caller);
    expect(list.data.twoNewOrganizations.totalCount).toBe(orgs.filter((o) => o['所属街道代码'] === street).length);
    const elsewhere = orgs.find((o) => o['所属街道代码'] !== street)!;
    const res = await gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on TwoNewOrganization { creditCode } } }',
      { r: [{ __typename: 'TwoNewOrganization', creditCode: elsewhere['统一社会信用代码'] }] },
      caller,
    );
    expect(res.data._entities).toEqual([null]);
  });

  test('lists filter and sort: key enterprises by Party members, most first', async () => {
    const key = orgs.filter((o) => o['组织类别'] === '非公企业' && o['是否重点'] === '是');
    const res =
      await gql(`{ twoNewOrganizations(filter: { category: ENTERPRISE, keyOnly: true }, sort: { field: PARTY_MEMBERS, direction: DESC }, first: 3) {
      totalCount nodes { partyMembers } pageInfo { hasNextPage } } }`);
    expect(res.data.twoNewOrganizations.totalCount).toBe(key.length);
    expect(res.data.twoNewOrganizations.nodes.map((n: { partyMembers: number }) => n.partyMembers)).toEqual(
      key
        .map((o) => Number(o['党员人数']))
        .sort((a, b) => b - a)
        .slice(0, 3),
    );
    expect(res.data.twoNewOrganizations.pageInfo.hasNextPage).toBe(true);
  });

  test('a list of 100 organisations with nested fields costs the same statements as a list of one', async () => {
    const list = (n: number) => `{ twoNewOrganizations(first: ${n}) { nodes { creditCode formation unbuilt partyOrganizationSince
      partyOrganization { name unitCount partyMembers exceedsUnitLimit units { creditCode } } instructor { code }
      coverage { status instructor { code } partyOrganization { id } } contacts { code instructor { code } organization { creditCode } }
      assignments { instructor { code } organization { creditCode } } registeredOrganization { creditCode } region { code } } } }`;
    const one = await env.sg.countStatements(() => gql(list(1)));
    const many = await env.sg.countStatements(() => gql(list(100)));
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data.twoNewOrganizations.nodes).toHaveLength(100);
    expect(many.statements).toBe(one.statements);

    const instructorList = (n: number) => `{ partyInstructors(first: ${n}) { nodes { code assignments { organization { name } }
      contacts(from: "2025-01-01", to: "2025-12-31") { code } rhythm(from: "2025-01-01", to: "2025-12-31") { behind instructor { code } } } } }`;
    const i1 = await env.sg.countStatements(() => gql(instructorList(1)));
    const i64 = await env.sg.countStatements(() => gql(instructorList(100)));
    expect(i64.result.data.partyInstructors.nodes).toHaveLength(instructors.length);
    expect(i64.statements).toBe(i1.statements);

    const regions = (codes: string[]) =>
      gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
      twoNewOrganizations(first: 5) { totalCount nodes { name partyOrganization { name } } } } } }`,
        { r: codes.map((code) => ({ __typename: 'Region', code })) },
      );
    const r1 = await env.sg.countStatements(() => regions(['410106']));
    const r7 = await env.sg.countStatements(() => regions(['410106', ...STREETS]));
    const totals = r7.result.data._entities.map((e: { twoNewOrganizations: { totalCount: number } }) => e.twoNewOrganizations.totalCount);
    expect(totals[0]).toBe(orgs.length);
    expect(totals.slice(1).reduce((a: number, b: number) => a + b, 0)).toBe(orgs.length);
    expect(r7.statements).toBe(r1.statements);
  });
});
