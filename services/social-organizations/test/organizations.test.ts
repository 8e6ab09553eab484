import { testCallers } from '../../common/src/testing';
import { startSocialGraph, type SocialGraph } from './kit';

let g: SocialGraph;

beforeAll(async () => {
  g = await startSocialGraph();
}, 180_000);

afterAll(() => g?.close());

const department = testCallers.department('social-organizations');

const ORG = `query($code: ID!) { socialOrganization(code: $code) {
  __typename code name type field foundedOn regionCode legalRepresentative status deregisteredOn
  street { code } community { code } isMediationOrganization
  ... on RegisteredOrganization { creditCode supervisingUnit grade { level label year validUntil } inspections { year result } }
  ... on CommunityOrganization { filingNumber }
} }`;

describe('reading organisations', () => {
  test('a registered organisation with its grade and inspection, as the ledger has it', async () => {
    const res = await g.query(ORG, { code: '51410106325796027J' });
    expect(res.errors).toBeUndefined();
    expect(res.data.socialOrganization).toEqual({
      __typename: 'RegisteredOrganization',
      code: '51410106325796027J',
      creditCode: '51410106325796027J',
      name: '上街区益家促进会',
      type: 'SOCIAL_GROUP',
      field: 'EDUCATION',
      foundedOn: '2008-09-19',
      regionCode: '410106003000',
      legalRepresentative: '潘强',
      status: 'ACTIVE',
      deregisteredOn: null,
      street: { code: '410106003000' },
      community: null,
      isMediationOrganization: false,
      supervisingUnit: '区委社会工作部',
      grade: { level: 'GRADE_3A', label: '3A', year: 2023, validUntil: '2028-12-31' },
      inspections: [{ year: 2024, result: 'NOT_INSPECTED' }],
    });
  });

  test('a filed community organisation, trimmed, with its history after deregistration', async () => {
    const res = await g.query(ORG, { code: 'BA4101060030168' });
    expect(res.data.socialOrganization).toMatchObject({
      __typename: 'CommunityOrganization',
      filingNumber: 'BA4101060030168',
      name: '龙城社区童心文体队',
      type: 'COMMUNITY',
      community: { code: '410106003007' },
      status: 'DEREGISTERED',
      deregisteredOn: '2025-01-01',
    });
    const before = await g.query(`{ socialOrganization(code: "BA4101060030168") { status(asOf: "2024-12-31") } }`);
    expect(before.data.socialOrganization.status).toBe('ACTIVE');
  });

  test('the legal representative is masked for an analyst and shown, with an audit row, to the department', async () => {
    const analyst = await g.query(ORG, { code: '51410106325796027J' }, testCallers.analyst);
    expect(analyst.data.socialOrganization.legalRepresentative).toBe('潘*');
    const dept = await g.query(ORG, { code: '51410106325796027J' }, department);
    expect(dept.data.socialOrganization.legalRepresentative).toBe('潘强');
    const trail = await g.query(`{ socialOrganizationsAuditTrail(first: 5) { kind operation target subject } }`);
    expect(trail.data.socialOrganizationsAuditTrail).toContainEqual({
      kind: 'PERSONAL_READ',
      operation: 'RegisteredOrganization.legalRepresentative',
      target: 'RegisteredOrganization:51410106325796027J',
      subject: department.subject,
    });
  });

  test('entities resolve by credit code and filing number; out of scope they are null', async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on RegisteredOrganization { creditCode name } ... on CommunityOrganization { filingNumber name } } }`;
    const r = [
      { __typename: 'RegisteredOrganization', creditCode: '51410106325796027J' },
      { __typename: 'CommunityOrganization', filingNumber: 'BA4101060050129' },
    ];
    const res = await g.query(q, { r });
    expect(res.data._entities).toEqual([
      { creditCode: '51410106325796027J', name: '上街区益家促进会' },
      { filingNumber: 'BA4101060050129', name: '南街社区春风互助会' },
    ]);
    const street = await g.query(q, { r }, testCallers.street('410106003000'));
    expect(street.data._entities).toEqual([{ creditCode: '51410106325796027J', name: '上街区益家促进会' }, null]);
    const wrongKind = await g.query(q, { r: [{ __typename: 'RegisteredOrganization', creditCode: 'BA4101060050129' }] });
    expect(wrongKind.data._entities).toEqual([null]);
  });

  test('lists filter, sort and page, and a scoped caller sees only its own street', async () => {
    const q = `query($f: SocialOrganizationFilter, $after: String) { socialOrganizations(filter: $f, sort: { field: FOUNDED_ON, direction: DESC }, first: 2, after: $after) {
      totalCount nodes { code foundedOn } pageInfo { hasNextPage endCursor } } }`;
    const mediation = await g.query(q, { f: { field: 'MEDIATION', status: 'ACTIVE', asOf: '2025-12-31' } });
    expect(mediation.data.socialOrganizations.totalCount).toBe(43);
    const [a, b] = mediation.data.socialOrganizations.nodes;
    expect(a.foundedOn >= b.foundedOn).toBe(true);
    const next = await g.query(q, {
      f: { field: 'MEDIATION', status: 'ACTIVE', asOf: '2025-12-31' },
      after: mediation.data.socialOrganizations.pageInfo.endCursor,
    });
    expect(next.data.socialOrganizations.nodes[0].foundedOn <= b.foundedOn).toBe(true);
    const scoped = await g.query(q, { f: { type: 'COMMUNITY', status: 'ACTIVE', asOf: '2025-12-31' } }, testCallers.street('410106003000'));
    expect(scoped.data.socialOrganizations.totalCount).toBe(124);
    const named = await g.query(q, { f: { nameContains: '枫林社区' } });
    expect(named.data.socialOrganizations.nodes.every((n: { code: string }) => n.code.startsWith('BA410106003'))).toBe(true);
  });

  test('inspection results and cases are listed by year, result and place', async () => {
    const failed = await g.query(
      `{ annualInspections(filter: { year: 2024, result: UNQUALIFIED }, first: 50) { totalCount nodes { year result organization { code } } } }`,
    );
    expect(failed.data.annualInspections.totalCount).toBe(20);
    expect(failed.data.annualInspections.nodes.every((n: { result: string }) => n.result === 'UNQUALIFIED')).toBe(true);
    const cases =
      await g.query(`{ mediationCases(filter: { regionCode: "410106001005", result: RESOLVED, closedFrom: "2025-01-01", closedTo: "2025-12-31" }, sort: { field: CLOSED_ON, direction: DESC }, first: 1) {
      totalCount nodes { regionCode closedOn } } }`);
    // before this suite's own case is closed: the ledger's 54 for this community
    expect(cases.data.mediationCases.totalCount).toBe(54);
    expect(cases.data.mediationCases.nodes[0].regionCode).toBe('410106001005');
  });

  test('a list of 100 organisations with nested fields costs the same statements as one', async () => {
    const q = `query($n: Int) { socialOrganizations(filter: { registered: true }, first: $n) { nodes { code street { code } mediation(year: 2025) { received resolved }
      serviceProjects { code organization { code } } ... on RegisteredOrganization { grade { label } inspections { result organization { name } } evaluationEligibility(year: 2025) { eligible } } } } }`;
    const one = await g.sg.countStatements(() => g.query(q, { n: 1 }));
    const many = await g.sg.countStatements(() => g.query(q, { n: 100 }));
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data.socialOrganizations.nodes).toHaveLength(100);
    expect(many.statements).toBe(one.statements);
    const cases = `query($n: Int) { mediationCases(first: $n) { nodes { caseNumber regionCode organization { name mediation(year: 2025) { resolved } } } } }`;
    const c1 = await g.sg.countStatements(() => g.query(cases, { n: 1 }));
    const c100 = await g.sg.countStatements(() => g.query(cases, { n: 100 }));
    expect(c100.statements).toBe(c1.statements);
  });
});

describe('evaluation grades and eligibility', () => {
  const ELIGIBILITY = `query($code: ID!, $year: Int!) { registeredOrganization(creditCode: $code) { evaluationEligibility(year: $year) { eligible reasons { rule } } } }`;
  const rules = async (code: string, year = 2025) => {
    const res = await g.query(ELIGIBILITY, { code, year });
    expect(res.errors).toBeUndefined();
    return res.data.registeredOrganization.evaluationEligibility;
  };

  test('follows the national rules on the ledger organisations', async () => {
    // 2024 合格, no grade, founded 2019
    expect(await rules('51410106835331975J')).toEqual({ eligible: true, reasons: [] });
    // 2024 不合格
    expect(await rules('514101065231942469')).toEqual({ eligible: false, reasons: [{ rule: 'FAILED_LAST_INSPECTION' }] });
    // 2024 未参检, and a 2023 grade still valid
    expect(await rules('51410106325796027J')).toEqual({
      eligible: false,
      reasons: [{ rule: 'MISSED_LAST_INSPECTION' }, { rule: 'GRADE_STILL_VALID' }],
    });
    // founded 2022-07-24: two full years (2023, 2024) before 2025, not before 2024
    expect((await rules('5141010684986043X4')).eligible).toBe(true);
    expect(await rules('5141010684986043X4', 2024)).toEqual({ eligible: false, reasons: [{ rule: 'REGISTERED_UNDER_TWO_YEARS' }] });
    // deregistered in 2025
    expect((await rules('52410106622793578X', 2026)).reasons).toContainEqual({ rule: 'DEREGISTERED' });
  });

  test('基本合格 two years running bars evaluation', async () => {
    // 51410106345582165G: 2024 基本合格 in the ledger
    const rec = await g.query(
      `mutation { recordInspection(creditCode: "51410106345582165G", year: 2023, result: BASICALLY_QUALIFIED) { year result organization { creditCode } } }`,
      {},
      department,
    );
    expect(rec.data.recordInspection).toEqual({
      year: 2023,
      result: 'BASICALLY_QUALIFIED',
      organization: { creditCode: '51410106345582165G' },
    });
    expect(await rules('51410106345582165G')).toEqual({ eligible: false, reasons: [{ rule: 'BASICALLY_QUALIFIED_TWICE' }] });
  });

  test('a grade is valid five years: the 2021 grades expire within 12 months of the end of 2025', async () => {
    const res = await g.query(
      `{ socialGradesExpiring(withinMonths: 12, asOf: "2025-12-31") { totalCount nodes { creditCode grade { year validUntil valid(asOf: "2026-12-31") } } } }`,
    );
    expect(res.data.socialGradesExpiring.totalCount).toBe(8);
    for (const n of res.data.socialGradesExpiring.nodes) expect(n.grade).toEqual({ year: 2021, validUntil: '2026-12-31', valid: true });
    const later = await g.query(`{ registeredOrganization(creditCode: "514101069785937537") { grade { valid(asOf: "2027-01-01") } } }`);
    expect(later.data.registeredOrganization.grade.valid).toBe(false);
  });

  test('recordGrade replaces the grade and refuses a filed organisation or a year before founding', async () => {
    const ok = await g.query(
      `mutation { recordGrade(creditCode: "51410106835331975J", level: GRADE_4A, year: 2025) { grade { label year validUntil } } }`,
      {},
      department,
    );
    expect(ok.data.recordGrade.grade).toEqual({ label: '4A', year: 2025, validUntil: '2030-12-31' });
    const filed = await g.query(
      `mutation { recordGrade(creditCode: "BA4101060050129", level: GRADE_3A, year: 2025) { code } }`,
      {},
      department,
    );
    expect(filed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    const early = await g.query(
      `mutation { recordGrade(creditCode: "52410106117307436Y", level: GRADE_3A, year: 2024) { code } }`,
      {},
      department,
    );
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});

describe('daily work', () => {
  const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { creditCode name type regionCode status } }`;
  // 51 (civil affairs, social group) + 410106 + organisation code 12345678-8 + GB 32100 check character
  const input = {
    creditCode: '51410106123456788R',
    name: ' 上街区新时代协会 ',
    type: 'SOCIAL_GROUP',
    field: 'VOLUNTEERING',
    foundedOn: '2025-06-01',
    streetCode: '410106002000',
    legalRepresentative: '王五',
  };

  test('registers an organisation, counted from its founding, with an audit row', async () => {
    const before = await g.query(
      `{ _entities(representations: [{ __typename: "Region", code: "410106002000" }]) { ... on Region { socialOrganizations { newOrganizations(year: 2025, registered: true) { value } } } } }`,
    );
    const res = await g.query(REGISTER, { input }, department);
    expect(res.errors).toBeUndefined();
    expect(res.data.registerOrganization).toEqual({
      creditCode: '51410106123456788R',
      name: '上街区新时代协会',
      type: 'SOCIAL_GROUP',
      regionCode: '410106002000',
      status: 'ACTIVE',
    });
    const after = await g.query(
      `{ _entities(representations: [{ __typename: "Region", code: "410106002000" }]) { ... on Region { socialOrganizations { newOrganizations(year: 2025, registered: true) { value } } } } }`,
    );
    const count = (r: typeof after) => r.data._entities[0].socialOrganizations.newOrganizations.value;
    expect(count(after)).toBe(count(before) + 1);
    const trail = await g.query(`{ socialOrganizationsAuditTrail(operation: "registerOrganization") { subject target outcome args } }`);
    expect(trail.data.socialOrganizationsAuditTrail[0]).toMatchObject({
      subject: department.subject,
      target: 'RegisteredOrganization:51410106123456788R',
      outcome: 'OK',
    });
    expect(trail.data.socialOrganizationsAuditTrail[0].args).not.toContain('王五');
    const again = await g.query(REGISTER, { input }, department);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  test('refuses a wrong credit code, a credit code of another type and a community outside the street', async () => {
    const bad = await g.query(REGISTER, { input: { ...input, creditCode: '51410106123456788Q' } }, department);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'creditCode' } });
    expect(bad.errors?.[0].message).toMatch(/统一社会信用代码无效.* \/ invalid/);
    const type = await g.query(REGISTER, { input: { ...input, type: 'FOUNDATION' } }, department);
    expect(type.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    const community = await g.query(REGISTER, { input: { ...input, communityCode: '410106003001' } }, department);
    expect(community.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'communityCode' });
    const future = await g.query(REGISTER, { input: { ...input, foundedOn: '2099-01-01' } }, department);
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'foundedOn' });
  });

  test('another department may not write; a street office only inside its street', async () => {
    const other = await g.query(REGISTER, { input }, testCallers.department('volunteer-stations'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const trail = await g.query(`{ socialOrganizationsAuditTrail(operation: "registerOrganization") { subject outcome } }`);
    expect(trail.data.socialOrganizationsAuditTrail[0]).toEqual({ subject: 'volunteer-stations@test', outcome: 'FORBIDDEN' });
    const file = `mutation($i: FileCommunityOrganizationInput!) { fileCommunityOrganization(input: $i) { filingNumber regionCode } }`;
    const filing = {
      filingNumber: 'BA4101060030999',
      name: '枫林社区读书会',
      field: 'CULTURE_SPORTS',
      foundedOn: '2025-03-01',
      communityCode: '410106003001',
      legalRepresentative: '赵六',
    };
    const elsewhere = await g.query(file, { i: filing }, testCallers.street('410106001000'));
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await g.query(file, { i: filing }, testCallers.street('410106003000'));
    expect(own.data.fileCommunityOrganization).toEqual({ filingNumber: 'BA4101060030999', regionCode: '410106003001' });
    const wrongStreet = await g.query(file, { i: { ...filing, filingNumber: 'BA4101060010999' } }, department);
    expect(wrongStreet.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filingNumber' });
  });

  test('deregistering keeps the organisation and moves it between the counts', async () => {
    const q = `{ _entities(representations: [{ __typename: "Region", code: "410106003001" }]) { ... on Region { socialOrganizations {
      active: organizations(year: 2025, asOf: "2025-10-01", type: COMMUNITY) { value } gone: deregisteredOrganizations(year: 2025, type: COMMUNITY) { value } } } } }`;
    const before = (await g.query(q)).data._entities[0].socialOrganizations;
    const res = await g.query(
      `mutation { deregisterOrganization(code: "BA4101060030999", deregisteredOn: "2025-09-30", reason: "自行解散") { status deregisteredOn deregistrationReason } }`,
      {},
      department,
    );
    expect(res.data.deregisterOrganization).toEqual({
      status: 'DEREGISTERED',
      deregisteredOn: '2025-09-30',
      deregistrationReason: '自行解散',
    });
    const after = (await g.query(q)).data._entities[0].socialOrganizations;
    expect(after).toEqual({ active: { value: before.active.value - 1 }, gone: { value: before.gone.value + 1 } });
    const twice = await g.query(
      `mutation { deregisterOrganization(code: "BA4101060030999", deregisteredOn: "2025-10-30") { code } }`,
      {},
      department,
    );
    expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  test('opens and closes a mediation case; a resolved case counts when closed', async () => {
    const resolved = `{ _entities(representations: [{ __typename: "Region", code: "410106001005" }]) { ... on Region { socialOrganizations { disputesResolved(year: 2025) { value } } } } }`;
    const before = (await g.query(resolved)).data._entities[0].socialOrganizations.disputesResolved.value;
    const open = await g.query(
      `mutation { openMediationCase(input: { caseNumber: "TJ202509999", organizationCode: "BA4101060010155", receivedOn: "2025-11-02", disputeType: FAMILY }) {
      caseNumber result closedOn regionCode organization { code } } }`,
      {},
      department,
    );
    expect(open.data.openMediationCase).toEqual({
      caseNumber: 'TJ202509999',
      result: 'IN_PROGRESS',
      closedOn: null,
      regionCode: '410106001005',
      organization: { code: 'BA4101060010155' },
    });
    const early = await g.query(
      `mutation { closeMediationCase(caseNumber: "TJ202509999", result: RESOLVED, closedOn: "2025-11-01") { caseNumber } }`,
      {},
      department,
    );
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedOn' });
    const close = await g.query(
      `mutation { closeMediationCase(caseNumber: "TJ202509999", result: RESOLVED, closedOn: "2025-11-20") { result closedOn } }`,
      {},
      department,
    );
    expect(close.data.closeMediationCase).toEqual({ result: 'RESOLVED', closedOn: '2025-11-20' });
    expect((await g.query(resolved)).data._entities[0].socialOrganizations.disputesResolved.value).toBe(before + 1);
    const notMediation = await g.query(
      `mutation { openMediationCase(input: { caseNumber: "TJ202509998", organizationCode: "51410106325796027J", receivedOn: "2025-11-02", disputeType: FAMILY }) { caseNumber } }`,
      {},
      department,
    );
    expect(notMediation.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationCode' });
  });

  test('registers a service project in a community', async () => {
    const res = await g.query(
      `mutation { registerServiceProject(input: { code: "XM2025999", name: "助老餐桌", organizationCode: "52410106324391407F",
      communityCode: "410106001005", mode: CROWDFUNDING_PARTNER, funding: 50000.5, approvedOn: "2025-10-01" }) {
      code funding status community { code } organization { code } } }`,
      {},
      department,
    );
    expect(res.data.registerServiceProject).toEqual({
      code: 'XM2025999',
      funding: 50000.5,
      status: 'IN_PROGRESS',
      community: { code: '410106001005' },
      organization: { code: '52410106324391407F' },
    });
    const list = await g.query(
      `{ socialServiceProjects(filter: { regionCode: "410106001005", mode: CROWDFUNDING_PARTNER }, sort: { field: FUNDING, direction: DESC }) { totalCount nodes { code } } }`,
    );
    expect(list.data.socialServiceProjects.nodes.map((n: { code: string }) => n.code)).toContain('XM2025999');
    const negative = await g.query(
      `mutation { registerServiceProject(input: { code: "XM2025998", name: "x", organizationCode: "52410106324391407F",
      communityCode: "410106001005", mode: GOVERNMENT_PURCHASE, funding: -1, approvedOn: "2025-10-01" }) { code } }`,
      {},
      department,
    );
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'funding' });
  });
});
