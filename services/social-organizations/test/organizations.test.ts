import { testCallers } from '@district/testkit';
import { codeOf, department, startSocialGraph, type SocialGraph } from './kit';

/**
 * Reading the Shangjie organisations, inspections, cases and projects: lookups, lists, personal data,
 * evaluation rules, and the caller's scope on every path to a record.
 */
let g: SocialGraph;

beforeAll(async () => {
  // statement counts below compare cold computations: no figure cache
  g = await startSocialGraph({ figureCache: false });
});

afterAll(() => g?.close());

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
    expect(res.data!.socialOrganization).toEqual({
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

  test('a filed community organisation, found as typed, with its history after deregistration', async () => {
    const res = await g.query(ORG, { code: ' ba4101060030168 ' });
    expect(res.data!.socialOrganization).toMatchObject({
      __typename: 'CommunityOrganization',
      filingNumber: 'BA4101060030168',
      name: '龙城社区童心文体队',
      type: 'COMMUNITY',
      community: { code: '410106003007' },
      status: 'DEREGISTERED',
      deregisteredOn: '2025-01-01',
    });
    const before = await g.query(`{ socialOrganization(code: "BA4101060030168") { status(asOf: "2024-12-31") } }`);
    expect(before.data!.socialOrganization.status).toBe('ACTIVE');
  });

  test('the legal representative is masked for an analyst and shown, with an audit row, to the department', async () => {
    const analyst = await g.query(ORG, { code: '51410106325796027J' }, testCallers.analyst);
    expect(analyst.data!.socialOrganization.legalRepresentative).toBe('潘*');
    const dept = await g.query(ORG, { code: '51410106325796027J' }, department);
    expect(dept.data!.socialOrganization.legalRepresentative).toBe('潘强');
    const trail = await g.query(`{ socialOrganizationsAuditTrail(first: 5) { kind operation target subject } }`);
    expect(trail.data!.socialOrganizationsAuditTrail).toContainEqual({
      kind: 'PERSONAL_READ',
      operation: 'RegisteredOrganization.legalRepresentative',
      target: 'RegisteredOrganization:51410106325796027J',
      subject: department.subject,
    });
  });

  test('lookups look only inside the caller’s scope: elsewhere an organisation looks missing', async () => {
    const street = testCallers.street('410106003000');
    expect((await g.query(ORG, { code: '51410106325796027J' }, street)).data!.socialOrganization.code).toBe('51410106325796027J');
    const elsewhere = await g.query(ORG, { code: 'BA4101060050129' }, street);
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.socialOrganization).toBeNull();
    const kinds = await g.query(
      `{ r: registeredOrganization(creditCode: "BA4101060050129") { code } c: communityOrganization(filingNumber: "BA4101060050129") { code } }`,
    );
    expect(kinds.data).toEqual({ r: null, c: { code: 'BA4101060050129' } });
  });
});

describe('entities for the gateway', () => {
  const q = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on RegisteredOrganization { creditCode name } ... on CommunityOrganization { filingNumber name } } }`;
  const r = [
    { __typename: 'RegisteredOrganization', creditCode: '51410106325796027J' },
    { __typename: 'CommunityOrganization', filingNumber: 'BA4101060050129' },
  ];

  test('resolve by credit code and filing number, and not as the other kind', async () => {
    const res = await g.query(q, { r });
    expect(res.data!._entities).toEqual([
      { creditCode: '51410106325796027J', name: '上街区益家促进会' },
      { filingNumber: 'BA4101060050129', name: '南街社区春风互助会' },
    ]);
    const wrongKind = await g.query(q, { r: [{ __typename: 'RegisteredOrganization', creditCode: 'BA4101060050129' }] });
    expect(wrongKind.data!._entities).toEqual([null]);
  });

  test('one outside the caller’s scope is null with a FORBIDDEN error, the others answered', async () => {
    const res = await g.query(q, { r }, testCallers.street('410106003000'));
    expect(res.data!._entities).toEqual([{ creditCode: '51410106325796027J', name: '上街区益家促进会' }, null]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'FORBIDDEN' } });
  });
});

describe('lists', () => {
  test('organisations filter, sort and page; a scoped caller sees only its own street', async () => {
    const q = `query($f: SocialOrganizationFilter, $after: String) { socialOrganizations(filter: $f, sort: { field: FOUNDED_ON, direction: DESC }, first: 2, after: $after) {
      totalCount nodes { code foundedOn } pageInfo { hasNextPage endCursor } } }`;
    const f = { field: 'MEDIATION', status: 'ACTIVE', asOf: '2025-12-31' };
    const mediation = await g.query(q, { f });
    expect(mediation.data!.socialOrganizations.totalCount).toBe(43);
    const [a, b] = mediation.data!.socialOrganizations.nodes;
    expect(a.foundedOn >= b.foundedOn).toBe(true);
    const next = await g.query(q, { f, after: mediation.data!.socialOrganizations.pageInfo.endCursor });
    expect(next.data!.socialOrganizations.nodes[0].foundedOn <= b.foundedOn).toBe(true);
    const scoped = await g.query(q, { f: { type: 'COMMUNITY', status: 'ACTIVE', asOf: '2025-12-31' } }, testCallers.street('410106003000'));
    expect(scoped.data!.socialOrganizations.totalCount).toBe(124);
    const named = await g.query(q, { f: { nameContains: '枫林社区' } });
    expect(named.data!.socialOrganizations.totalCount).toBeGreaterThan(0);
    expect(named.data!.socialOrganizations.nodes.every((n: { code: string }) => n.code.startsWith('BA410106003'))).toBe(true);
    const literal = await g.query(q, { f: { nameContains: '%' } });
    expect(literal.data!.socialOrganizations.totalCount).toBe(0);
    const elsewhere = await g.query(q, { f: { regionCode: '410106001000' } }, testCallers.street('410106003000'));
    expect(codeOf(elsewhere)).toBe('FORBIDDEN');
  });

  test('inspection results and cases are listed by year, result and place', async () => {
    const failed = await g.query(
      `{ annualInspections(filter: { year: 2024, result: UNQUALIFIED }, first: 50) { totalCount nodes { year result organization { code } } } }`,
    );
    expect(failed.data!.annualInspections.totalCount).toBe(20);
    expect(failed.data!.annualInspections.nodes.every((n: { result: string }) => n.result === 'UNQUALIFIED')).toBe(true);
    const cases =
      await g.query(`{ mediationCases(filter: { regionCode: "410106001005", result: RESOLVED, closedFrom: "2025-01-01", closedTo: "2025-12-31" },
      sort: { field: CLOSED_ON, direction: DESC }, first: 1) { totalCount nodes { id caseNumber regionCode closedOn } } }`);
    expect(cases.data!.mediationCases.totalCount).toBe(54);
    const [c] = cases.data!.mediationCases.nodes;
    expect(c.regionCode).toBe('410106001005');
    expect(c.id).toBe(`410106:${c.caseNumber}`);
    const scoped = await g.query(
      `{ mediationCases(filter: { closedFrom: "2025-01-01", closedTo: "2025-12-31", result: RESOLVED }) { totalCount } }`,
      {},
      testCallers.street('410106003000'),
    );
    expect(scoped.data!.mediationCases.totalCount).toBe(307);
  });

  test('a list of 100 organisations with nested fields costs the same statements as one', async () => {
    const q = `query($n: Int) { socialOrganizations(filter: { registered: true }, first: $n) { nodes { code street { code } mediation(year: 2025) { received resolved }
      serviceProjects { code organization { code } } ... on RegisteredOrganization { grade { label } inspections { result organization { name } } evaluationEligibility(year: 2025) { eligible } } } } }`;
    const one = await g.sg.countStatements(() => g.query(q, { n: 1 }));
    const many = await g.sg.countStatements(() => g.query(q, { n: 100 }));
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data!.socialOrganizations.nodes).toHaveLength(100);
    expect(many.statements).toBe(one.statements);
    const cases = `query($n: Int) { mediationCases(first: $n) { nodes { id caseNumber regionCode organization { name mediation(year: 2025) { resolved } } } } }`;
    const c1 = await g.sg.countStatements(() => g.query(cases, { n: 1 }));
    const c100 = await g.sg.countStatements(() => g.query(cases, { n: 100 }));
    expect(c100.result.data!.mediationCases.nodes).toHaveLength(100);
    expect(c100.statements).toBe(c1.statements);
    const projects = `query($n: Int) { socialServiceProjects(first: $n) { nodes { id code community { code } organization { code inspections: serviceProjects { id } } } } }`;
    const p1 = await g.sg.countStatements(() => g.query(projects, { n: 1 }));
    const p47 = await g.sg.countStatements(() => g.query(projects, { n: 100 }));
    expect(p47.result.data!.socialServiceProjects.nodes).toHaveLength(47);
    expect(p47.statements).toBe(p1.statements);
  });
});

describe('scope on every path', () => {
  const street = testCallers.street('410106001000');

  test('a project’s organisation registered in another street is null with FORBIDDEN; the rest of the answer stays', async () => {
    // XM2025001 (蓝天社区 410106001005) is carried out by an organisation of this street; XM2025002
    // (410106001008) by one registered in 矿山街道 (410106005000)
    const res = await g.query(`{ socialServiceProjects(first: 2) { nodes { code organization { code street { code } } } } }`, {}, street);
    expect(res.data).toEqual({
      socialServiceProjects: {
        nodes: [
          { code: 'XM2025001', organization: { code: '52410106324391407F', street: { code: '410106001000' } } },
          { code: 'XM2025002', organization: null },
        ],
      },
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      path: ['socialServiceProjects', 'nodes', 1, 'organization'],
      extensions: { code: 'FORBIDDEN' },
    });
    // the district sees both
    const all = await g.query(`{ socialServiceProjects(first: 2) { nodes { organization { code } } } }`);
    expect(all.errors).toBeUndefined();
  });

  test('an organisation lists only the projects in the caller’s scope', async () => {
    // 52410106324391407F (济源路街道) runs XM2025001 in 410106001005 and XM2025037 in 410106005004
    const q = `{ registeredOrganization(creditCode: "52410106324391407F") { serviceProjects { code community { code } } } }`;
    expect((await g.query(q)).data!.registeredOrganization.serviceProjects.map((p: { code: string }) => p.code)).toEqual([
      'XM2025001',
      'XM2025037',
    ]);
    expect((await g.query(q, {}, street)).data!.registeredOrganization.serviceProjects).toEqual([
      { code: 'XM2025001', community: { code: '410106001005' } },
    ]);
  });

  test('cases and projects by global id or by number in the caller’s district; out of scope they look missing', async () => {
    const q = `query($c: ID!, $p: ID!) { mediationCase(caseNumber: $c) { id caseNumber regionCode } socialServiceProject(code: $p) { id code } }`;
    const bare = await g.query(q, { c: 'TJ202500902', p: 'XM2025001' });
    expect(bare.data).toEqual({
      mediationCase: { id: '410106:TJ202500902', caseNumber: 'TJ202500902', regionCode: expect.stringMatching(/^410106100/) },
      socialServiceProject: { id: '410106:XM2025001', code: 'XM2025001' },
    });
    const global = await g.query(q, { c: '410106:TJ202500902', p: '410106:XM2025001' }, street);
    expect(global.data).toEqual({ mediationCase: null, socialServiceProject: { id: '410106:XM2025001', code: 'XM2025001' } });
    const otherDistrict = await g.query(q, { c: '410122:TJ202500902', p: '410122:XM2025001' });
    expect(otherDistrict.data).toEqual({ mediationCase: null, socialServiceProject: null });
  });

  test('lists and figures of a node outside the caller’s scope are refused', async () => {
    const res = await g.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code socialOrganizationList(first: 1) { totalCount } } } }`,
      { r: [{ __typename: 'Region', code: '410106002000' }] },
      street,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    for (const list of ['annualInspections', 'mediationCases', 'socialServiceProjects']) {
      const refused = await g.query(`{ ${list}(filter: { regionCode: "410106002000" }) { totalCount } }`, {}, street);
      expect([list, codeOf(refused)]).toEqual([list, 'FORBIDDEN']);
    }
  });
});

describe('evaluation grades and eligibility', () => {
  const ELIGIBILITY = `query($code: ID!, $year: Int!) { registeredOrganization(creditCode: $code) { evaluationEligibility(year: $year) { eligible reasons { rule } } } }`;
  const rules = async (code: string, year = 2025) => {
    const res = await g.query(ELIGIBILITY, { code, year });
    expect(res.errors).toBeUndefined();
    return res.data!.registeredOrganization.evaluationEligibility;
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
    // 51410106345582165G: 2024 基本合格 in the ledger; this test records its 2023 result
    const rec = await g.query(
      `mutation { recordAnnualInspection(creditCode: "51410106345582165G", year: 2023, result: BASICALLY_QUALIFIED) { year result organization { creditCode } } }`,
      {},
      department,
    );
    expect(rec.data!.recordAnnualInspection).toEqual({
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
    expect(res.data!.socialGradesExpiring.totalCount).toBe(8);
    for (const n of res.data!.socialGradesExpiring.nodes) expect(n.grade).toEqual({ year: 2021, validUntil: '2026-12-31', valid: true });
    const later = await g.query(`{ registeredOrganization(creditCode: "514101069785937537") { grade { valid(asOf: "2027-01-01") } } }`);
    expect(later.data!.registeredOrganization.grade.valid).toBe(false);
    const tooFar = await g.query(`{ socialGradesExpiring(withinMonths: 121) { totalCount } }`);
    expect(tooFar.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'withinMonths' });
  });
});
