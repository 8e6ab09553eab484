import { PersonKey, type Caller } from '@district/common';
import {
  subgraphRequest,
  testCallers,
  testCreditCode,
  testIdNumber,
  TEST_PERSON_KEY,
  type GraphQLResult,
  type Subgraph,
} from '@district/testkit';
import { startParty } from './kit';

/**
 * Every party-building record created, corrected and withdrawn through the API; contacts refused
 * when implausible; memberships on a day listed as they are counted; the person behind an instructor.
 * Dated 2026 on top of the Shangjie ledgers; each test makes its own records.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let sg: Subgraph;

beforeAll(async () => {
  env = await startParty({ shangjie: true });
  sg = env.sg;
});

afterAll(() => env?.close());

const DEPT = testCallers.department('party-building');
const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, caller: Caller = DEPT) =>
  subgraphRequest<T>(sg.url, query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;
const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

async function figure(code: string, field: string): Promise<number> {
  const res = await gql(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { partyBuilding { f: ${field} { value } } } } }`,
    { r: [{ __typename: 'Region', code }] },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].partyBuilding.f.value;
}

const CREATE = `mutation($i: CreateTwoNewOrganizationInput!) { createTwoNewOrganization(input: $i) { creditCode formation coverage { status } } }`;
const DISPATCH = `mutation($i: DispatchPartyInstructorInput!) { dispatchPartyInstructor(input: $i) { id code person { id } } }`;
const ASSIGN = `mutation($c: ID!, $i: ID!, $on: Date!) { assignInstructor(creditCode: $c, instructorCode: $i, assignedOn: $on) { creditCode } }`;
const CONTACT = `mutation($i: RecordInstructorContactInput!) { recordInstructorContact(input: $i) { id code } }`;

describe('organizations of the "two new" ledger', () => {
  test('an organization is added, covered by a Party organization, and counted; withdrawing the Party organization uncovers it', async () => {
    const creditCode = testCreditCode(601, '1', '9');
    const street = '410106003000';
    const enterprise = await gql(CREATE, {
      i: { creditCode, name: '测试科技有限公司', category: 'ENTERPRISE', regionCode: street, partyMembers: 4 },
    });
    expect(errorOf(enterprise)).toEqual({ code: 'BAD_USER_INPUT', field: 'isKey' });
    const made = await gql(CREATE, {
      i: { creditCode, name: '测试科技有限公司', category: 'ENTERPRISE', isKey: true, regionCode: street, partyMembers: 4 },
    });
    expect(made.data!.createTwoNewOrganization).toEqual({ creditCode, formation: 'NONE', coverage: { status: 'NONE' } });
    expect(errorOf(await gql(CREATE, { i: { creditCode, name: 'x', category: 'PARK', regionCode: street, partyMembers: 0 } })).code).toBe(
      'CONFLICT',
    );
    const covered = () => figure(street, 'organizationallyCovered(year: 2026, asOf: "2026-06-30")');
    const before = await covered();
    const party = await gql(
      `mutation($c: ID!) { registerPartyOrganization(input: { name: "测试科技党支部", type: SINGLE, foundedOn: "2026-03-01", unitCreditCodes: [$c] }) { id } }`,
      { c: creditCode },
    );
    expect(party.errors).toBeUndefined();
    expect(await covered()).toBe(before + 1);
    // the list of organizations covered on a day and the figure of that day agree
    for (const day of ['2026-02-28', '2026-06-30']) {
      const counted = await figure(street, `organizationallyCovered(year: 2026, asOf: "${day}")`);
      const listed = await gql(
        `query { twoNewOrganizations(filter: { regionCode: "${street}", coverage: ORGANISATIONAL, coverageAsOf: "${day}" }, first: 1) { totalCount } }`,
      );
      expect({ day, listed: listed.data!.twoNewOrganizations.totalCount }).toEqual({ day, listed: counted });
    }
    const fix = await gql(
      `mutation($c: ID!) { correctTwoNewOrganization(creditCode: $c, input: { partyMembers: 6 }, reason: "核对") { partyMembers history { field oldValue newValue } } }`,
      { c: creditCode },
    );
    expect(fix.data!.correctTwoNewOrganization).toEqual({
      partyMembers: 6,
      history: [{ field: 'partyMembers', oldValue: '4', newValue: '6' }],
    });
    // a Party organization renamed and its founding day corrected keeps both earlier values
    const renamed = await gql(
      `mutation($p: ID!) { updatePartyOrganization(id: $p, input: { name: "测试科技有限公司党支部", foundedOn: "2026-02-20" }, reason: "按批复更正") {
        name foundedOn history { field oldValue newValue reason } } }`,
      { p: party.data!.registerPartyOrganization.id },
    );
    expect(renamed.data!.updatePartyOrganization).toEqual({
      name: '测试科技有限公司党支部',
      foundedOn: '2026-02-20',
      history: [
        { field: 'name', oldValue: '测试科技党支部', newValue: '测试科技有限公司党支部', reason: '按批复更正' },
        { field: 'foundedOn', oldValue: '2026-03-01', newValue: '2026-02-20', reason: '按批复更正' },
      ],
    });
    const gone = await gql(`mutation($p: ID!) { withdrawPartyOrganization(id: $p, reason: "重复登记") { type } }`, {
      p: party.data!.registerPartyOrganization.id,
    });
    expect(gone.data!.withdrawPartyOrganization.type).toBe('PartyOrganization');
    const again = await gql(`mutation($p: ID!) { updatePartyOrganization(id: $p, input: { name: "再改名" }) { id } }`, {
      p: party.data!.registerPartyOrganization.id,
    });
    expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(await covered()).toBe(before);
    expect(
      (await gql(`query($c: ID!) { twoNewOrganization(creditCode: $c) { formation } }`, { c: creditCode })).data!.twoNewOrganization
        .formation,
    ).toBe('NONE');
    expect(
      (await gql(`mutation($c: ID!) { withdrawTwoNewOrganization(creditCode: $c, reason: "不属于两新组织") { id } }`, { c: creditCode }))
        .errors,
    ).toBeUndefined();
    expect(
      (await gql(`query($c: ID!) { twoNewOrganization(creditCode: $c) { name } }`, { c: creditCode })).data!.twoNewOrganization,
    ).toBeNull();
  });
});

describe('instructors and their contacts', () => {
  test('a contact before the instructor was dispatched, or with an organization not assigned to them, is refused', async () => {
    const idNumber = testIdNumber(611, '19760606');
    const d = await gql(DISPATCH, {
      i: { code: 'ZDY611', name: '指导员甲', idNumber, source: 'PARTY_WORKER', dispatchedOn: '2026-03-01' },
    });
    expect(d.data!.dispatchPartyInstructor.person).toEqual({ id: new PersonKey(TEST_PERSON_KEY).hash(idNumber) });
    const creditCode = testCreditCode(611, '1', '9');
    await gql(CREATE, {
      i: { creditCode, name: '测试商贸有限公司', category: 'ENTERPRISE', isKey: false, regionCode: '410106002000', partyMembers: 1 },
    });
    const input = { instructorCode: 'ZDY611', creditCode, date: '2026-03-10', kind: 'WEEKLY_CONTACT' };
    expect(errorOf(await gql(CONTACT, { i: input }))).toEqual({ code: 'CONFLICT', field: 'creditCode' });
    expect((await gql(ASSIGN, { c: creditCode, i: 'ZDY611', on: '2026-03-05' })).errors).toBeUndefined();
    expect(errorOf(await gql(CONTACT, { i: { ...input, date: '2026-03-04' } }))).toEqual({ code: 'CONFLICT', field: 'creditCode' });
    expect(errorOf(await gql(CONTACT, { i: { ...input, date: '2026-02-27' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
    const ok = await gql(CONTACT, { i: input });
    expect(ok.errors).toBeUndefined();
    const code = ok.data!.recordInstructorContact.code;
    const fixed = await gql(
      `mutation($c: ID!) { correctInstructorContact(contactCode: $c, input: { kind: MONTHLY_VISIT }) { kind history { field oldValue newValue } } }`,
      { c: code },
    );
    expect(fixed.data!.correctInstructorContact).toEqual({
      kind: 'MONTHLY_VISIT',
      history: [{ field: 'kind', oldValue: 'WEEKLY_CONTACT', newValue: 'MONTHLY_VISIT' }],
    });
    expect(errorOf(await gql(`mutation { withdrawPartyInstructor(code: "ZDY611", reason: "误录") { id } }`)).code).toBe('CONFLICT');
    const contacts = () => figure('410106002000', 'instructorContacts(year: 2026)');
    const before = await contacts();
    expect(
      (await gql(`mutation($c: ID!) { withdrawInstructorContact(contactCode: $c, reason: "录重") { id } }`, { c: code })).errors,
    ).toBeUndefined();
    expect(await contacts()).toBe(before - 1);
    const person = await gql(`query($p: _Any!) { _entities(representations: [$p]) { ... on Person { partyInstructors { code } } } }`, {
      p: { __typename: 'Person', id: new PersonKey(TEST_PERSON_KEY).hash(idNumber) },
    });
    expect(person.data!._entities[0].partyInstructors).toEqual([{ code: 'ZDY611' }]);
  });

  test('an instructor entered by mistake is corrected, then withdrawn', async () => {
    await gql(DISPATCH, {
      i: { code: 'ZDY612', name: '指导员乙', idNumber: testIdNumber(612, '19760606'), source: 'PARTY_WORKER', dispatchedOn: '2026-03-01' },
    });
    const fixed = await gql(
      `mutation { correctPartyInstructor(code: "ZDY612", input: { source: RETIRED_CADRE, name: "指导员丙" }) { source history { field oldValue newValue } } }`,
    );
    expect(fixed.data!.correctPartyInstructor.history).toEqual([
      { field: 'name', oldValue: '指导员乙', newValue: '指导员丙' },
      { field: 'source', oldValue: 'PARTY_WORKER', newValue: 'RETIRED_CADRE' },
    ]);
    const masked = await gql(`query { partyInstructor(code: "ZDY612") { history { oldValue } } }`, {}, testCallers.analyst);
    expect(masked.data!.partyInstructor.history[0].oldValue).toMatch(/^指\*+$/);
    const instructors = () => figure('410106000000', 'instructors(year: 2026)');
    const before = await instructors();
    expect((await gql(`mutation { withdrawPartyInstructor(code: "ZDY612", reason: "误录") { id } }`)).errors).toBeUndefined();
    expect(await instructors()).toBe(before - 1);
  });
});

describe('district-wide records', () => {
  test('member units on a day: the list and the figure agree; units, committees and trainings are corrected and withdrawn', async () => {
    const add = await gql(`mutation { addPartyCommitteeMemberUnit(input: { name: "测试成员单位621", joinedOn: "2026-02-01" }) { id } }`);
    const id = add.data!.addPartyCommitteeMemberUnit.id;
    await gql(`mutation($id: ID!) { removePartyCommitteeMemberUnit(id: $id, leftOn: "2026-05-01") { leftOn } }`, { id });
    for (const day of ['2026-01-31', '2026-03-01', '2026-06-01']) {
      const counted = await figure('410106000000', `workingCommitteeMembers(year: 2026, asOf: "${day}")`);
      const listed = await gql(`query { partyCommitteeMemberUnits(asOf: "${day}", first: 1) { totalCount } }`);
      expect({ day, listed: listed.data!.partyCommitteeMemberUnits.totalCount }).toEqual({ day, listed: counted });
    }
    const fixed = await gql(`mutation($id: ID!) { correctPartyCommitteeMemberUnit(id: $id, input: { leftOn: null }) { leftOn } }`, { id });
    expect(fixed.data!.correctPartyCommitteeMemberUnit.leftOn).toBeNull();
    expect(
      errorOf(
        await gql(`mutation($id: ID!) { correctPartyCommitteeMemberUnit(id: $id, input: { leftOn: "2026-01-01" }) { leftOn } }`, { id }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'leftOn',
    });
    expect(
      (await gql(`mutation($id: ID!) { withdrawPartyCommitteeMemberUnit(id: $id, reason: "误录") { id } }`, { id })).errors,
    ).toBeUndefined();

    const committee = await gql(
      `mutation { foundPartyIndustryCommittee(input: { name: "测试行业党委622", industry: "物流", foundedOn: "2026-02-01" }) { id } }`,
    );
    const cid = committee.data!.foundPartyIndustryCommittee.id;
    expect(
      (await gql(`mutation($id: ID!) { correctPartyIndustryCommittee(id: $id, input: { industry: "快递" }) { industry } }`, { id: cid }))
        .data!.correctPartyIndustryCommittee.industry,
    ).toBe('快递');
    expect(
      (await gql(`mutation($id: ID!) { withdrawPartyIndustryCommittee(id: $id, reason: "误录") { id } }`, { id: cid })).errors,
    ).toBeUndefined();

    const training = await gql(
      `mutation { recordPartyTraining(input: { name: "测试培训623", heldOn: "2026-03-01", participantCategory: "指导员", personTimes: 30 }) { id } }`,
    );
    const tid = training.data!.recordPartyTraining.id;
    const times = () => figure('410106000000', 'trainingPersonTimes(year: 2026)');
    const before = await times();
    expect(
      (await gql(`mutation($id: ID!) { correctPartyTraining(id: $id, input: { personTimes: 35 }) { personTimes } }`, { id: tid })).data!
        .correctPartyTraining.personTimes,
    ).toBe(35);
    expect(await times()).toBe(before + 5);
    expect((await gql(`mutation($id: ID!) { withdrawPartyTraining(id: $id, reason: "误录") { id } }`, { id: tid })).errors).toBeUndefined();
    expect(await times()).toBe(before - 30);
  });
});
