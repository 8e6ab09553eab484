import type { Caller } from '@district/common';
import { subgraphRequest, testCallers, testCreditCode, testIdNumber, type GraphQLResult, type Subgraph } from '@district/testkit';
import { DISTRICT, ledgerRows, startParty, STREETS } from './kit';

/**
 * Daily work on a copy of the Shangjie template, dated 2026 so the 2025 figures stay as reported.
 * Each test makes or picks records of its own (its own organizations of the ledger, instructors,
 * names), so any one of them runs alone (`npx jest -t NAME`). Figures are compared before and after.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let sg: Subgraph;

beforeAll(async () => {
  env = await startParty({ shangjie: true });
  sg = env.sg;
});

afterAll(() => env?.close());

const DEPT = testCallers.department('party-building');
const OTHER_DEPT = testCallers.department('workforce');

const orgs = ledgerRows('party/two_new_orgs.csv');
const instructors = ledgerRows('party/instructors.csv');
/** units with neither a Party organization nor an instructor: each test takes its own */
const bare = orgs.filter((o) => o['党组织组建方式'] === '未组建' && !o['党建工作指导员编号']);
const creditOf = (o: Record<string, string>) => o['统一社会信用代码'];

const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, caller: Caller = DEPT) =>
  subgraphRequest<T>(sg.url, query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;

const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

async function trail(operation: string) {
  const res = await gql(
    'query($op: String) { partyBuildingAuditTrail(first: 50, operation: $op) { operation target outcome subject kind args } }',
    { op: operation },
    testCallers.admin,
  );
  return res.data!.partyBuildingAuditTrail as {
    operation: string;
    target: string | null;
    outcome: string;
    subject: string;
    kind: string;
    args: string;
  }[];
}

async function figure(code: string, field: string): Promise<number> {
  const res = await gql(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { partyBuilding { f: ${field} { value } } } } }`,
    {
      r: [{ __typename: 'Region', code }],
    },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].partyBuilding.f.value;
}

const CONTACT = `mutation($input: RecordInstructorContactInput!) { recordPartyInstructorContact(input: $input) {
  id code date kind problemFound problemCategory solved solvedOn regionCode instructor { id code } organization { creditCode } } }`;
const SOLVE = 'mutation($c: ID!, $d: Date) { recordPartyInstructorProblemSolved(contactCode: $c, solvedOn: $d) { id solved solvedOn } }';
const contactInput = (org: Record<string, string>, over: Record<string, unknown> = {}) => ({
  instructorCode: 'ZDY001',
  creditCode: creditOf(org),
  date: '2026-03-02',
  kind: 'MONTHLY_VISIT',
  problemFound: '缺少活动场地',
  problemCategory: 'OTHER',
  ...over,
});

describe('the contact log', () => {
  // a contact is made with an organization assigned to the instructor: the units these tests use get ZDY001
  beforeAll(async () => {
    for (const org of bare.slice(0, 4)) {
      const res = await gql(
        `mutation($c: ID!) { assignPartyInstructor(creditCode: $c, instructorCode: "ZDY001", assignedOn: "2026-01-02") { creditCode } }`,
        {
          c: creditOf(org),
        },
      );
      expect(res.errors).toBeUndefined();
    }
  });

  test('a contact takes the next record number of its year, its problem is solved once, and the year counts it', async () => {
    const org = bare[0];
    const street = org['所属街道代码'];
    const [found, solved] = [
      await figure(street, 'instructorProblemsFound(year: 2026)'),
      await figure(street, 'instructorProblemsSolved(year: 2026)'),
    ];
    const res = await gql(CONTACT, { input: contactInput(org) });
    expect(res.errors).toBeUndefined();
    const contact = res.data!.recordPartyInstructorContact;
    expect(contact).toMatchObject({
      date: '2026-03-02',
      kind: 'MONTHLY_VISIT',
      solved: false,
      solvedOn: null,
      regionCode: street,
      instructor: { id: '410106:ZDY001', code: 'ZDY001' },
      organization: { creditCode: creditOf(org) },
    });
    expect(contact.code).toMatch(/^ZF2026\d{5}$/);
    expect(contact.id).toBe(`410106:${contact.code}`);
    expect(await figure(street, 'instructorProblemsFound(year: 2026)')).toBe(found + 1);
    expect((await trail('recordPartyInstructorContact')).find((a) => a.target === `PartyInstructorContact:${contact.id}`)).toMatchObject({
      outcome: 'OK',
      subject: DEPT.subject,
      kind: 'MUTATION',
    });

    expect(errorOf(await gql(SOLVE, { c: contact.code, d: '2026-03-01' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'solvedOn' }); // before it was found
    const done = await gql(SOLVE, { c: contact.code, d: '2026-03-20' }); // by the record number, in the caller's district
    expect(done.data!.recordPartyInstructorProblemSolved).toEqual({ id: contact.id, solved: true, solvedOn: '2026-03-20' });
    expect(errorOf(await gql(SOLVE, { c: contact.id })).code).toBe('CONFLICT'); // solved already: a step the loop does not allow
    expect(await figure(street, 'instructorProblemsSolved(year: 2026)')).toBe(solved + 1);
  });

  test('eight contacts recorded at once all succeed, with distinct consecutive numbers', async () => {
    const org = bare[1];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gql(CONTACT, { input: contactInput(org, { date: '2026-04-01', problemFound: `问题${i}` }) })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    const numbers = results.map((r) => Number(r.data!.recordPartyInstructorContact.code.slice(6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers[7] - numbers[0]).toBe(7);
    const [row] = await sg.sql<{ n: string }>(
      `SELECT count(*) AS n FROM instructor_contact WHERE credit_code = ? AND contacted_on = '2026-04-01'`,
      [creditOf(org)],
    );
    expect(Number(row.n)).toBe(8);
  });

  test('a contact is refused with the field to fix', async () => {
    const org = bare[2];
    const cases: [Record<string, unknown>, string][] = [
      [{ creditCode: '91410106000000000X' }, 'creditCode'],
      [{ creditCode: '91410106MA00000000' }, 'creditCode'],
      [{ problemCategory: null }, 'problemCategory'],
      [{ problemFound: null }, 'problemFound'],
      [{ problemFound: '场地\u0000不足' }, 'problemFound'],
      [{ problemFound: '长'.repeat(2001) }, 'problemFound'],
      [{ date: '2099-01-01' }, 'date'],
      [{ instructorCode: 'ZDY999' }, 'instructorCode'],
      [{ instructorCode: '410122:ZDY001' }, 'instructorCode'],
    ];
    for (const [over, field] of cases) {
      const res = await gql(CONTACT, { input: contactInput(org, over) });
      expect({ over, ...errorOf(res) }).toEqual({ over, code: 'BAD_USER_INPUT', field });
      expect(res.errors![0].message).toMatch(/[\u4e00-\u9fa5].* \/ [a-z]/i); // Chinese, then English
    }
  });

  test('another department, or a street office elsewhere, may not record; the refusal is audited', async () => {
    const org = bare[3];
    expect(errorOf(await gql(CONTACT, { input: contactInput(org) }, OTHER_DEPT)).code).toBe('FORBIDDEN');
    const elsewhere = STREETS.find((s) => s !== org['所属街道代码'])!;
    // another street's organization is answered as one the ledger lacks, word for word: the refusal tells nothing of it
    const outside = await gql(CONTACT, { input: contactInput(org) }, testCallers.street(elsewhere));
    const missing = await gql(
      CONTACT,
      { input: { ...contactInput(org), creditCode: testCreditCode(997, '1', '9') } },
      testCallers.street(elsewhere),
    );
    expect(errorOf(outside)).toEqual({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    expect(outside.errors![0].message).toBe(missing.errors![0].message);
    const own = await gql(
      CONTACT,
      { input: contactInput(org, { problemFound: null, problemCategory: null }) },
      testCallers.street(org['所属街道代码']),
    );
    expect(own.errors).toBeUndefined();
    expect(errorOf(await gql(SOLVE, { c: own.data!.recordPartyInstructorContact.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'contactCode',
    }); // no problem to solve
    expect((await trail('recordPartyInstructorContact')).find((a) => a.subject === OTHER_DEPT.subject)).toMatchObject({
      outcome: 'FORBIDDEN',
      target: null,
    });
  });
});

const COVERAGE = `query($c: ID!) { twoNewOrganization(creditCode: $c) { formation unbuilt partyOrganizationSince
  instructor { code } coverage { status covered instructor { code } partyOrganization { name } }
  assignments { instructor { code } assignedOn withdrawnOn active } partyOrganization { id name type unitCount } } }`;

test('assigning an instructor gives work coverage; withdrawing ends it, and only once', async () => {
  const code = creditOf(bare[4]);
  expect((await gql(COVERAGE, { c: code })).data!.twoNewOrganization.coverage).toMatchObject({ status: 'NONE', covered: false });
  const ASSIGN = `mutation($c: ID!, $i: ID!, $d: Date!) { assignPartyInstructor(creditCode: $c, instructorCode: $i, assignedOn: $d) {
    instructor { code } coverage { status instructor { code } } } }`;
  const assigned = await gql(ASSIGN, { c: code, i: 'ZDY002', d: '2026-05-06' });
  expect(assigned.data).toEqual({
    assignPartyInstructor: { instructor: { code: 'ZDY002' }, coverage: { status: 'WORK', instructor: { code: 'ZDY002' } } },
  });
  expect(errorOf(await gql(ASSIGN, { c: code, i: '410106:ZDY002', d: '2026-05-07' })).code).toBe('CONFLICT');
  expect(errorOf(await gql(ASSIGN, { c: code, i: 'ZDY003', d: '1999-01-01' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'assignedOn' });
  const before = (await gql(COVERAGE, { c: code })).data!.twoNewOrganization;
  expect(before.assignments).toEqual([{ instructor: { code: 'ZDY002' }, assignedOn: '2026-05-06', withdrawnOn: null, active: true }]);

  const WITHDRAW = `mutation($c: ID!, $d: Date!) { recallPartyInstructor(creditCode: $c, withdrawnOn: $d) {
    instructor { code } coverage { status } assignments { active } } }`;
  const withdrawn = await gql(WITHDRAW, { c: code, d: '2026-05-20' });
  expect(withdrawn.data).toEqual({
    recallPartyInstructor: { instructor: null, coverage: { status: 'NONE' }, assignments: [{ active: false }] },
  });
  expect(errorOf(await gql(WITHDRAW, { c: code, d: '2026-05-21' })).code).toBe('CONFLICT');
  const outcomes = (await trail('recallPartyInstructor')).filter((a) => a.args.includes(code)).map((a) => a.outcome);
  expect(outcomes).toEqual(['CONFLICT', 'OK']);
  const asOf = await gql(`query($c: ID!) { twoNewOrganization(creditCode: $c) { coverage(asOf: "2026-05-10") { status } } }`, { c: code });
  expect(asOf.data!.twoNewOrganization.coverage.status).toBe('WORK');
});

describe('Party organizations', () => {
  const REGISTER = `mutation($input: RegisterPartyOrganizationInput!) { registerPartyOrganization(input: $input) {
    id districtCode name type foundedOn regionCode unitCount exceedsUnitLimit units { creditCode coverage { status } } } }`;
  const UPDATE = `mutation($id: ID!, $input: UpdatePartyOrganizationInput!) { updatePartyOrganization(id: $id, input: $input) {
    id unitCount exceedsUnitLimit units { creditCode } } }`;

  test('a joint organization over five units is registered and flagged; one unit leaving clears the flag', async () => {
    const six = bare.slice(10, 16).map(creditOf);
    const res = await gql(REGISTER, {
      input: { name: '上街区测试联合党支部（甲）', type: 'JOINT', foundedOn: '2026-01-02', unitCreditCodes: six },
    });
    expect(res.errors).toBeUndefined();
    const p = res.data!.registerPartyOrganization;
    expect(p).toMatchObject({ districtCode: '410106', type: 'JOINT', unitCount: 6, exceedsUnitLimit: true, foundedOn: '2026-01-02' });
    expect(p.id).toMatch(/^410106:\d+$/);
    expect(p.units.map((u: { coverage: { status: string } }) => u.coverage.status)).toEqual(Array(6).fill('ORGANISATIONAL'));
    const flagged = await gql(
      '{ partyOrganizations(filter: { exceedsUnitLimit: true, nameContains: "（甲）" }) { totalCount nodes { id } } }',
    );
    expect(flagged.data!.partyOrganizations).toEqual({ totalCount: 1, nodes: [{ id: p.id }] });
    expect(
      errorOf(
        await gql(REGISTER, {
          input: {
            name: '上街区测试联合党支部（甲）',
            type: 'JOINT',
            foundedOn: '2026-01-02',
            unitCreditCodes: bare.slice(16, 18).map(creditOf),
          },
        }),
      ).code,
    ).toBe('CONFLICT'); // the name is taken in the district

    const updated = await gql(UPDATE, { id: p.id, input: { removeUnitCreditCodes: [six[5]], unitsChangedOn: '2026-06-01' } });
    expect(updated.data!.updatePartyOrganization).toMatchObject({ unitCount: 5, exceedsUnitLimit: false });
    const left = (await gql(COVERAGE, { c: six[5] })).data!.twoNewOrganization;
    expect(left).toMatchObject({ formation: 'NONE', partyOrganization: null, coverage: { status: 'NONE' } });
    expect((await trail('updatePartyOrganization')).find((a) => a.target === `PartyOrganization:${p.id}`)).toMatchObject({ outcome: 'OK' });
    const before = await gql(
      `query($c: ID!) { twoNewOrganization(creditCode: $c) { coverage(asOf: "2026-05-31") { status partyOrganization { id } } } }`,
      { c: six[5] },
    );
    expect(before.data!.twoNewOrganization.coverage).toEqual({ status: 'ORGANISATIONAL', partyOrganization: { id: p.id } });
  });

  test('registration is refused when the type and units disagree, a unit is covered already, or the caller may not', async () => {
    const two = bare.slice(20, 22).map(creditOf);
    const covered = creditOf(orgs.find((o) => o['党组织组建方式'] === '单独组建')!);
    const input = (over: Record<string, unknown>) => ({
      input: { name: '某党支部', type: 'SINGLE', foundedOn: '2026-02-01', unitCreditCodes: [two[0]], ...over },
    });
    expect(errorOf(await gql(REGISTER, input({ unitCreditCodes: two })))).toEqual({ code: 'BAD_USER_INPUT', field: 'unitCreditCodes' });
    expect(errorOf(await gql(REGISTER, input({ type: 'JOINT', unitCreditCodes: [two[0], two[0]] })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'unitCreditCodes',
    });
    expect(errorOf(await gql(REGISTER, input({ name: '  ' })))).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(errorOf(await gql(REGISTER, input({ type: 'JOINT', name: '某联合党支部', unitCreditCodes: [two[1], covered] }))).code).toBe(
      'CONFLICT',
    );
    expect(errorOf(await gql(REGISTER, input({}), OTHER_DEPT)).code).toBe('FORBIDDEN');
    expect(errorOf(await gql(UPDATE, { id: '410106:999999', input: { name: 'x' } })).code).toBe('NOT_FOUND');
  });

  test('a unit with 3 or more Party members whose organization is dissolved is listed as 应建未建', async () => {
    const unit = orgs.filter((o) => o['党组织组建方式'] === '单独组建' && Number(o['党员人数']) >= 3)[5];
    const code = creditOf(unit);
    const before = (await gql(COVERAGE, { c: code })).data!.twoNewOrganization;
    expect(before).toMatchObject({ formation: 'SINGLE', unbuilt: false, partyOrganization: { type: 'SINGLE', unitCount: 1 } });
    const number = before.partyOrganization.id.split(':')[1]; // a bare number is read in the caller's district
    expect(errorOf(await gql(UPDATE, { id: number, input: { addUnitCreditCodes: [creditOf(bare[23])] } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'addUnitCreditCodes',
    });
    const removed = await gql(UPDATE, { id: number, input: { removeUnitCreditCodes: [code], unitsChangedOn: '2026-07-01' } });
    expect(removed.errors).toBeUndefined();
    const after = (await gql(COVERAGE, { c: code })).data!.twoNewOrganization;
    expect(after).toMatchObject({ formation: 'NONE', unbuilt: true, partyOrganization: null, partyOrganizationSince: null });
    const list = await gql('{ partyUnbuiltOrganizations(first: 200) { nodes { creditCode partyMembers } } }');
    expect(list.data!.partyUnbuiltOrganizations.nodes).toContainEqual({ creditCode: code, partyMembers: Number(unit['党员人数']) });
  });
});

describe('district-wide records', () => {
  const DISPATCH = `mutation($input: DispatchPartyInstructorInput!) { dispatchPartyInstructor(input: $input) {
    id code districtCode regionCode name idNumber source dispatchedOn } }`;
  const dispatch = (n: number, over: Record<string, unknown> = {}) => ({
    input: {
      name: '测试指导员',
      idNumber: testIdNumber(n),
      phone: '13800138000',
      source: 'PARTY_WORKER',
      dispatchedOn: '2026-02-10',
      ...over,
    },
  });

  test('an instructor is dispatched to the district node, numbered after the ledger, in the only district of the deployment or the one named', async () => {
    const before = await figure(DISTRICT, 'instructors(year: 2026)');
    const res = await gql(DISPATCH, dispatch(601));
    expect(res.errors).toBeUndefined();
    const i = res.data!.dispatchPartyInstructor;
    expect(i).toMatchObject({
      districtCode: '410106',
      regionCode: DISTRICT,
      name: '测试指导员',
      idNumber: testIdNumber(601),
      dispatchedOn: '2026-02-10',
    });
    expect(i.code).toMatch(/^ZDY\d{3}$/);
    expect(Number(i.code.slice(3))).toBeGreaterThan(instructors.length);
    expect(i.id).toBe(`410106:${i.code}`);
    expect(await figure(DISTRICT, 'instructors(year: 2026)')).toBe(before + 1);
    const entry = (await trail('dispatchPartyInstructor')).find((a) => a.target === `PartyInstructor:${i.id}`)!;
    expect(entry.outcome).toBe('OK');
    expect(entry.args).not.toContain(testIdNumber(601)); // an ID number never reaches the audit trail unmasked
    const named = await gql(DISPATCH, dispatch(602, { districtCode: '410106', code: 'T602' }));
    expect(named.data!.dispatchPartyInstructor).toMatchObject({ id: '410106:T602', code: 'T602' });
    expect(errorOf(await gql(DISPATCH, dispatch(603, { code: 'T602' })))).toEqual({ code: 'CONFLICT', field: 'code' });
    expect(errorOf(await gql(DISPATCH, dispatch(604, { districtCode: '410199' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'districtCode',
    });
    expect(errorOf(await gql(DISPATCH, dispatch(605, { idNumber: '410106199001010000' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'idNumber',
    });
    expect(errorOf(await gql(DISPATCH, dispatch(606), testCallers.street('410106001000'))).code).toBe('FORBIDDEN'); // the district node is above a street
  });

  test('a training is recorded with the next number of its year and counts its person-times at the district only', async () => {
    const RECORD = `mutation($input: RecordPartyTrainingInput!) { recordPartyTraining(input: $input) { id code districtCode heldOn personTimes } }`;
    const before = await figure(DISTRICT, 'trainingPersonTimes(year: 2026)');
    const res = await gql(RECORD, {
      input: { name: '党组织书记培训', heldOn: '2026-06-18', participantCategory: '党组织书记', personTimes: 37 },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordPartyTraining).toMatchObject({ districtCode: '410106', heldOn: '2026-06-18', personTimes: 37 });
    expect(res.data!.recordPartyTraining.code).toMatch(/^DJPX2026\d{2}$/);
    expect(await figure(DISTRICT, 'trainingPersonTimes(year: 2026)')).toBe(before + 37);
    expect(await figure('410106001000', 'trainingPersonTimes(year: 2026)')).toBe(0);
    expect(errorOf(await gql(RECORD, { input: { name: 'x', heldOn: '2026-06-18', participantCategory: 'x', personTimes: -1 } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'personTimes',
    });
  });

  test('a member unit joins and leaves the working committee, once; an industry committee is founded once per name', async () => {
    const ADD = `mutation($input: AddPartyCommitteeMemberUnitInput!) { addPartyCommitteeMemberUnit(input: $input) { id districtCode name joinedOn leftOn } }`;
    const REMOVE = `mutation($id: ID!, $d: Date!) { removePartyCommitteeMemberUnit(id: $id, leftOn: $d) { id leftOn } }`;
    const members = (asOf: string) => figure(DISTRICT, `workingCommitteeMembers(year: 2026, asOf: "${asOf}")`);
    const [march, september] = [await members('2026-03-31'), await members('2026-09-30')];
    const added = await gql(ADD, { input: { name: '区测试局', joinedOn: '2026-03-01' } });
    expect(added.data!.addPartyCommitteeMemberUnit).toEqual({
      id: '410106:区测试局',
      districtCode: '410106',
      name: '区测试局',
      joinedOn: '2026-03-01',
      leftOn: null,
    });
    expect(errorOf(await gql(ADD, { input: { name: '区测试局', joinedOn: '2026-03-02' } })).code).toBe('CONFLICT');
    expect((await gql(REMOVE, { id: '410106:区测试局', d: '2026-09-01' })).data!.removePartyCommitteeMemberUnit).toEqual({
      id: '410106:区测试局',
      leftOn: '2026-09-01',
    });
    expect(errorOf(await gql(REMOVE, { id: '410106:区测试局', d: '2026-09-02' })).code).toBe('CONFLICT');
    expect([await members('2026-03-31'), await members('2026-09-30')]).toEqual([march + 1, september]);

    const FOUND = `mutation($input: FoundPartyIndustryCommitteeInput!) { foundPartyIndustryCommittee(input: $input) { id industry foundedOn } }`;
    const newBefore = await figure(DISTRICT, 'industryCommitteesNew(year: 2026)');
    const founded = await gql(FOUND, {
      input: { name: '上街区测试行业党委', industry: '测试', foundedOn: '2026-04-08', districtCode: '410106000000' },
    });
    expect(founded.data!.foundPartyIndustryCommittee).toEqual({
      id: '410106:上街区测试行业党委',
      industry: '测试',
      foundedOn: '2026-04-08',
    });
    expect(errorOf(await gql(FOUND, { input: { name: '上街区测试行业党委', industry: '测试', foundedOn: '2026-04-09' } })).code).toBe(
      'CONFLICT',
    );
    expect(await figure(DISTRICT, 'industryCommitteesNew(year: 2026)')).toBe(newBefore + 1);
  });

  test('names, ID numbers and phones are masked for an analyst and shown to the department, which is audited', async () => {
    const first = instructors[0];
    const Q = 'query($c: ID!) { partyInstructor(code: $c) { code name idNumber phone source dispatchedOn } }';
    const id = first['身份证号'];
    const phone = first['手机号码'];
    const masked = await gql(Q, { c: first['指导员编号'] }, testCallers.analyst);
    expect(masked.data!.partyInstructor).toMatchObject({
      name: `${[...first['姓名']][0]}${'*'.repeat([...first['姓名']].length - 1)}`,
      idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`,
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    const plain = await gql(Q, { c: first['指导员编号'] });
    expect(plain.data!.partyInstructor).toMatchObject({ name: first['姓名'], idNumber: id, phone, dispatchedOn: first['派驻日期'] });
    const reads = await trail('PartyInstructor.idNumber');
    expect(reads[0]).toMatchObject({
      kind: 'PERSONAL_READ',
      target: `PartyInstructor:410106:${first['指导员编号']}`,
      subject: DEPT.subject,
    });
  });
});
