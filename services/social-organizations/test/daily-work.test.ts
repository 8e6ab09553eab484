import { testCallers } from '@district/testkit';
import { codeOf, department, figure, startSocialGraph, testCreditCode, type SocialGraph } from './kit';

/**
 * Daily work on top of the Shangjie ledgers, dated 2026 so the 2025 figures stay as reported. Each
 * test makes the records it needs (its own credit codes, filing numbers and case numbers), so any
 * one of them runs alone (`npx jest -t NAME`).
 */
let g: SocialGraph;

beforeAll(async () => {
  g = await startSocialGraph();
});

afterAll(() => g?.close());

async function trail(operation: string) {
  const res = await g.query(
    `query($o: String) { socialOrganizationsAuditTrail(operation: $o, first: 10) { subject target args outcome } }`,
    { o: operation },
  );
  return res.data!.socialOrganizationsAuditTrail as { subject: string; target: string | null; args: string; outcome: string }[];
}

const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerSocialOrganization(input: $input) { creditCode name type regionCode status } }`;
const registration = (seq: number, over: Record<string, unknown> = {}) => ({
  creditCode: testCreditCode(seq),
  name: ' 上街区新时代协会 ',
  type: 'SOCIAL_GROUP',
  field: 'VOLUNTEERING',
  foundedOn: '2026-06-01',
  streetCode: '410106002000',
  legalRepresentative: '王五',
  ...over,
});

const FILE = `mutation($i: FileCommunityOrganizationInput!) { fileCommunityOrganization(input: $i) { filingNumber regionCode status } }`;
const filing = (filingNumber: string, communityCode: string, over: Record<string, unknown> = {}) => ({
  filingNumber,
  name: '社区读书会',
  field: 'CULTURE_SPORTS',
  foundedOn: '2026-01-10',
  communityCode,
  legalRepresentative: '赵六',
  ...over,
});

describe('registering, filing and deregistering organisations', () => {
  test('registers an organisation, counted from its founding, with an audit row', async () => {
    const input = registration(1);
    const newOnes = () => figure(g, '410106002000', 'newOrganizations(year: 2026, registered: true)');
    const before = await newOnes();
    const res = await g.query(REGISTER, { input }, department);
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerSocialOrganization).toEqual({
      creditCode: input.creditCode,
      name: '上街区新时代协会',
      type: 'SOCIAL_GROUP',
      regionCode: '410106002000',
      status: 'ACTIVE',
    });
    expect(await newOnes()).toBe(before + 1);
    const entry = (await trail('registerSocialOrganization')).find((e) => e.target === `RegisteredOrganization:${input.creditCode}`)!;
    expect(entry).toMatchObject({ subject: department.subject, outcome: 'OK' });
    expect(entry.args).not.toContain('王五');
    const again = await g.query(REGISTER, { input }, department);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
  });

  test('refuses a wrong credit code, one of another type, a community outside the street, a future day, control characters', async () => {
    const input = registration(2);
    const wrongCheck = `${input.creditCode.slice(0, 17)}${input.creditCode[17] === '0' ? '1' : '0'}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ creditCode: wrongCheck }, 'creditCode'],
      [{ type: 'FOUNDATION' }, 'creditCode'],
      [{ type: 'COMMUNITY' }, 'type'],
      [{ streetCode: '410106002001' }, 'streetCode'],
      [{ communityCode: '410106003001' }, 'communityCode'],
      [{ communityCode: '410106002099' }, 'communityCode'],
      [{ foundedOn: '2099-01-01' }, 'foundedOn'],
      [{ name: '协会\u0000' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
    ];
    for (const [over, field] of cases) {
      const res = await g.query(REGISTER, { input: { ...input, ...over } }, department);
      expect({ over, code: codeOf(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ over, code: 'BAD_USER_INPUT', field });
      expect(res.errors![0].message).toMatch(/[\u4e00-\u9fa5].* \/ [a-z]/i); // Chinese, then English
    }
  });

  test('another department may not write; a street office only inside its street', async () => {
    const other = await g.query(REGISTER, { input: registration(3) }, testCallers.department('volunteer-stations'));
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect((await trail('registerSocialOrganization'))[0]).toMatchObject({ subject: 'volunteer-stations@test', outcome: 'FORBIDDEN' });
    const i = filing('BA4101060039001', '410106003001');
    const elsewhere = await g.query(FILE, { i }, testCallers.street('410106001000'));
    expect(codeOf(elsewhere)).toBe('FORBIDDEN');
    const own = await g.query(FILE, { i }, testCallers.street('410106003000'));
    expect(own.data!.fileCommunityOrganization).toEqual({ filingNumber: 'BA4101060039001', regionCode: '410106003001', status: 'ACTIVE' });
    const wrongStreet = await g.query(FILE, { i: { ...i, filingNumber: 'BA4101060019001' } }, department);
    expect(wrongStreet.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filingNumber' });
  });

  test('deregistering keeps the organisation and moves it between the counts, once', async () => {
    const created = await g.query(FILE, { i: filing('BA4101060039002', '410106003002') }, department);
    expect(created.errors).toBeUndefined();
    const active = () => figure(g, '410106003002', 'organizations(year: 2026, asOf: "2026-10-01", type: COMMUNITY)');
    const gone = () => figure(g, '410106003002', 'deregisteredOrganizations(year: 2026, type: COMMUNITY)');
    const [a0, g0] = [await active(), await gone()];
    const res = await g.query(
      `mutation { deregisterSocialOrganization(code: "ba4101060039002", deregisteredOn: "2026-09-30", reason: "自行解散") { status deregisteredOn deregistrationReason } }`,
      {},
      department,
    );
    expect(res.data!.deregisterSocialOrganization).toEqual({
      status: 'DEREGISTERED',
      deregisteredOn: '2026-09-30',
      deregistrationReason: '自行解散',
    });
    expect([await active(), await gone()]).toEqual([a0 - 1, g0 + 1]);
    const before = await g.query(`{ socialOrganization(code: "BA4101060039002") { status(asOf: "2026-09-29") } }`);
    expect(before.data!.socialOrganization.status).toBe('ACTIVE');
    const twice = await g.query(
      `mutation { deregisterSocialOrganization(code: "BA4101060039002", deregisteredOn: "2026-10-30") { code } }`,
      {},
      department,
    );
    expect(codeOf(twice)).toBe('CONFLICT');
    const missing = await g.query(
      `mutation { deregisterSocialOrganization(code: "BA4101060039999", deregisteredOn: "2026-10-30") { code } }`,
      {},
      department,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  test('recordEvaluationGrade refuses what evaluationEligibility refuses, a filed organisation or a year before founding', async () => {
    const code = testCreditCode(5);
    expect((await g.query(REGISTER, { input: registration(5, { foundedOn: '2020-03-01' }) }, department)).errors).toBeUndefined();
    const GRADE = `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_4A, year: 2026) { code } }`;
    // no 2025 inspection: the schema's own evaluationEligibility says it may not apply, so the grade is refused
    const eligibility = await g.query(
      `query($c: ID!) { registeredOrganization(creditCode: $c) { evaluationEligibility(year: 2026) { eligible } } }`,
      { c: code },
      department,
    );
    expect(eligibility.data!.registeredOrganization.evaluationEligibility.eligible).toBe(false);
    expect((await g.query(GRADE, { c: code }, department)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'creditCode' });
    await g.query(
      `mutation($c: ID!) { recordAnnualInspection(creditCode: $c, year: 2025, result: QUALIFIED) { year } }`,
      { c: code },
      department,
    );
    const ok = await g.query(
      `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_4A, year: 2026) { grade { label year validUntil } } }`,
      { c: code },
      department,
    );
    expect(ok.data!.recordEvaluationGrade.grade).toEqual({ label: '4A', year: 2026, validUntil: '2031-12-31' });
    const earlier = await g.query(
      `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_3A, year: 2025) { code } }`,
      { c: code },
      department,
    );
    expect(codeOf(earlier)).toBe('CONFLICT');
    const filed = await g.query(
      `mutation { recordEvaluationGrade(creditCode: "BA4101060050129", level: GRADE_3A, year: 2025) { code } }`,
      {},
      department,
    );
    expect(filed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    const early = await g.query(
      `mutation($c: ID!) { recordEvaluationGrade(creditCode: $c, level: GRADE_3A, year: 2019) { code } }`,
      { c: code },
      department,
    );
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});

describe('mediation cases', () => {
  const OPEN = `mutation($i: OpenMediationCaseInput!) { openMediationCase(input: $i) { id caseNumber result closedOn regionCode disputeType organization { code } } }`;
  const CLOSE = `mutation($c: ID!, $on: Date!) { closeMediationCase(caseNumber: $c, result: RESOLVED, closedOn: $on) { result closedOn } }`;

  test('opens a case numbered for its year, closes it once; a resolved case counts when closed', async () => {
    const resolved = () => figure(g, '410106001005', 'disputesResolved(year: 2026)');
    const before = await resolved();
    const open = await g.query(
      OPEN,
      { i: { organizationCode: 'BA4101060010155', receivedOn: '2026-03-02', disputeType: 'NEIGHBOURHOOD' } },
      department,
    );
    expect(open.errors).toBeUndefined();
    const c = open.data!.openMediationCase;
    expect(c).toMatchObject({
      result: 'IN_PROGRESS',
      closedOn: null,
      regionCode: '410106001005',
      disputeType: 'NEIGHBORHOOD', // the deprecated spelling is read as the American one
      organization: { code: 'BA4101060010155' },
    });
    expect(c.caseNumber).toMatch(/^TJ2026\d{5}$/);
    expect(c.id).toBe(`410106:${c.caseNumber}`);
    const early = await g.query(CLOSE, { c: c.caseNumber, on: '2026-03-01' }, department);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedOn' });
    const close = await g.query(CLOSE, { c: c.id, on: '2026-03-20' }, department);
    expect(close.data!.closeMediationCase).toEqual({ result: 'RESOLVED', closedOn: '2026-03-20' });
    expect(await resolved()).toBe(before + 1);
    expect(codeOf(await g.query(CLOSE, { c: c.id, on: '2026-03-21' }, department))).toBe('CONFLICT'); // a step out of order
    const trailEntry = (await trail('closeMediationCase')).find((e) => e.outcome === 'OK');
    expect(trailEntry).toMatchObject({ target: `MediationCase:${c.id}` });
  });

  test('refuses an organisation of another field, a number in use, a case unknown, and a street office elsewhere', async () => {
    const notMediation = await g.query(
      OPEN,
      { i: { organizationCode: '51410106325796027J', receivedOn: '2026-03-02', disputeType: 'FAMILY' } },
      department,
    );
    expect(notMediation.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationCode' });
    const taken = await g.query(
      OPEN,
      { i: { caseNumber: 'TJ202500902', organizationCode: 'BA4101060010155', receivedOn: '2026-03-02', disputeType: 'FAMILY' } },
      department,
    );
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'caseNumber' });
    expect(codeOf(await g.query(CLOSE, { c: 'TJ209900001', on: '2026-03-20' }, department))).toBe('NOT_FOUND');
    const own = await g.query(
      OPEN,
      { i: { caseNumber: 'TJ-T-0001', organizationCode: 'BA4101060010155', receivedOn: '2026-04-02', disputeType: 'LABOR' } },
      department,
    );
    expect(own.data!.openMediationCase).toMatchObject({ id: '410106:TJ-T-0001', disputeType: 'LABOR' });
    // another street's organisation is answered as a missing one, before its name or field is told
    const opened = (code: string) =>
      g.query(OPEN, { i: { organizationCode: code, receivedOn: '2026-04-03', disputeType: 'LABOR' } }, testCallers.street('410106002000'));
    const outside = await opened('BA4101060010155');
    const missing = await opened('BA4101069999999');
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'organizationCode' });
    expect(outside.errors![0].message.replaceAll('BA4101060010155', '…')).toBe(
      missing.errors![0].message.replaceAll('BA4101069999999', '…'),
    );
    // another street's case is answered as a missing one: the refusal tells nothing of records the street may not see
    expect(codeOf(await g.query(CLOSE, { c: 'TJ-T-0001', on: '2026-04-20' }, testCallers.street('410106002000')))).toBe('NOT_FOUND');
    expect((await g.query(CLOSE, { c: 'TJ-T-0001', on: '2026-04-20' }, testCallers.street('410106001000'))).errors).toBeUndefined();
  });

  test('cases opened at once get numbers of their own', async () => {
    const open = () =>
      g.query(OPEN, { i: { organizationCode: 'BA4101060010155', receivedOn: '2026-05-06', disputeType: 'CONSUMER' } }, department);
    const results = await Promise.all(Array.from({ length: 6 }, open));
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(results.map((r) => r.data!.openMediationCase.caseNumber)).size).toBe(6);
  });
});

describe('service projects', () => {
  const PROJECT = `mutation($i: RegisterServiceProjectInput!) { registerServiceProject(input: $i) {
    id code funding status community { code } organization { code } } }`;
  const project = (over: Record<string, unknown> = {}) => ({
    name: '助老餐桌',
    organizationCode: '52410106324391407F',
    communityCode: '410106001005',
    mode: 'CROWDFUNDING_PARTNER',
    funding: 50000.5,
    approvedOn: '2026-05-01',
    ...over,
  });

  test('registers a project in a community, numbered for its year, and counts it', async () => {
    const count = () => figure(g, '410106001005', 'serviceProjects(year: 2026, mode: CROWDFUNDING_PARTNER)');
    const before = await count();
    const res = await g.query(PROJECT, { i: project() }, department);
    expect(res.errors).toBeUndefined();
    const p = res.data!.registerServiceProject;
    expect(p).toMatchObject({
      funding: 50000.5,
      status: 'IN_PROGRESS',
      community: { code: '410106001005' },
      organization: { code: '52410106324391407F' },
    });
    expect(p.code).toMatch(/^XM2026\d{3}$/);
    expect(p.id).toBe(`410106:${p.code}`);
    expect(await count()).toBe(before + 1);
    const list = await g.query(
      `{ socialServiceProjects(filter: { regionCode: "410106001005", mode: CROWDFUNDING_PARTNER }, sort: { field: FUNDING, direction: DESC }) { nodes { id } } }`,
    );
    expect(list.data!.socialServiceProjects.nodes.map((n: { id: string }) => n.id)).toContain(p.id);
    for (const [over, field, code] of [
      [{ funding: -1 }, 'funding', 'BAD_USER_INPUT'],
      [{ funding: 1.005 }, 'funding', 'BAD_USER_INPUT'],
      [{ organizationCode: '51410106999999999X' }, 'organizationCode', 'BAD_USER_INPUT'],
      [{ communityCode: '410106001000' }, 'communityCode', 'BAD_USER_INPUT'],
      [{ code: 'XM2025001' }, 'code', 'CONFLICT'],
    ] as const) {
      const bad = await g.query(PROJECT, { i: project(over) }, department);
      expect({ over, ...bad.errors?.[0].extensions }).toMatchObject({ over, code, field });
    }
  });

  test('a community office registers a project whose organisation it cannot see: kept, the organisation null with FORBIDDEN', async () => {
    // 524101062310327127 is registered in 矿山街道 (410106005000); the project serves 410106001008
    const res = await g.query(
      PROJECT,
      { i: project({ code: 'XM-T-0001', organizationCode: '524101062310327127', communityCode: '410106001008' }) },
      testCallers.community('410106001008'),
    );
    expect(res.data!.registerServiceProject).toMatchObject({
      id: '410106:XM-T-0001',
      community: { code: '410106001008' },
      organization: null,
    });
    expect(res.errors?.[0]).toMatchObject({ path: ['registerServiceProject', 'organization'], extensions: { code: 'FORBIDDEN' } });
  });
});

describe('corrections, withdrawals and history', () => {
  const GRADE = `mutation($c: ID!, $l: EvaluationLevel!, $y: Int!) { recordEvaluationGrade(creditCode: $c, level: $l, year: $y) { grade { label } } }`;
  const INSPECT = `mutation($c: ID!, $y: Int!, $r: AnnualInspectionResult!) { recordAnnualInspection(creditCode: $c, year: $y, result: $r) { result history { field oldValue newValue } } }`;

  test('a new grade joins the grade history; the list on a day and the figure of that day agree, grade by grade', async () => {
    const code = testCreditCode(41);
    expect(
      (await g.query(REGISTER, { input: registration(41, { foundedOn: '2015-03-01', streetCode: '410106003000' }) }, department)).errors,
    ).toBeUndefined();
    for (const y of [2019, 2025]) await g.query(INSPECT, { c: code, y, r: 'QUALIFIED' }, department);
    expect((await g.query(GRADE, { c: code, l: 'GRADE_3A', y: 2020 }, department)).errors).toBeUndefined();
    expect((await g.query(GRADE, { c: code, l: 'GRADE_4A', y: 2026 }, department)).errors).toBeUndefined();
    const grades = await g.query(
      `query($c: ID!) { registeredOrganization(creditCode: $c) { grade { label } grades { label validFrom validTo } } }`,
      { c: code },
      department,
    );
    expect(grades.data!.registeredOrganization).toEqual({
      grade: { label: '4A' },
      grades: [
        { label: '3A', validFrom: '2020-01-01', validTo: '2026-01-01' },
        { label: '4A', validFrom: '2026-01-01', validTo: '2032-01-01' },
      ],
    });
    for (const [day, level] of [
      ['2025-06-30', 'GRADE_3A'],
      ['2026-06-30', 'GRADE_4A'],
      ['2026-06-30', 'GRADE_3A'],
    ] as const) {
      const counted = await figure(g, '410106003000', `gradedOrganizations(year: ${day.slice(0, 4)}, asOf: "${day}", level: ${level})`);
      const listed = await g.query(
        `query { socialOrganizations(filter: { regionCode: "410106003000", status: ACTIVE, gradeLevel: ${level}, asOf: "${day}" }, first: 200) { totalCount nodes { code } } }`,
        {},
        department,
      );
      expect({ day, level, listed: listed.data!.socialOrganizations.totalCount }).toEqual({ day, level, listed: counted });
      const held = listed.data!.socialOrganizations.nodes.some((n: { code: string }) => n.code === code);
      expect({ day, level, held }).toEqual({ day, level, held: level === (day < '2026' ? 'GRADE_3A' : 'GRADE_4A') });
    }
    const w = await g.query(
      `mutation($c: ID!) { withdrawEvaluationGrade(creditCode: $c, year: 2026, reason: "等级录错年度") { id } }`,
      { c: code },
      department,
    );
    expect(w.data!.withdrawEvaluationGrade.id).toBe(`${code}:2026`);
    const after = await g.query(
      `query($c: ID!) { registeredOrganization(creditCode: $c) { grade { label validTo } grades { label } } }`,
      { c: code },
      department,
    );
    expect(after.data!.registeredOrganization).toEqual({ grade: { label: '3A', validTo: '2026-01-01' }, grades: [{ label: '3A' }] });
  });

  test('an inspection recorded again is corrected with its history; withdrawn, it can be recorded again', async () => {
    const code = testCreditCode(42);
    await g.query(REGISTER, { input: registration(42, { foundedOn: '2020-03-01' }) }, department);
    await g.query(INSPECT, { c: code, y: 2025, r: 'QUALIFIED' }, department);
    const again = await g.query(INSPECT, { c: code, y: 2025, r: 'UNQUALIFIED' }, department);
    expect(again.data!.recordAnnualInspection).toEqual({
      result: 'UNQUALIFIED',
      history: [{ field: 'result', oldValue: 'QUALIFIED', newValue: 'UNQUALIFIED' }],
    });
    const w = await g.query(
      `mutation($c: ID!) { withdrawAnnualInspection(creditCode: $c, year: 2025, reason: "误录") { id } }`,
      { c: code },
      department,
    );
    expect(w.errors).toBeUndefined();
    const inspections = await g.query(
      `query($c: ID!) { registeredOrganization(creditCode: $c) { inspections { year } } }`,
      { c: code },
      department,
    );
    expect(inspections.data!.registeredOrganization.inspections).toEqual([]);
    expect((await g.query(INSPECT, { c: code, y: 2025, r: 'QUALIFIED' }, department)).errors).toBeUndefined();
  });

  test('an organisation is renamed and its representative changed, the earlier values kept (the name of a person masked)', async () => {
    const code = testCreditCode(43);
    await g.query(REGISTER, { input: registration(43, { foundedOn: '2026-02-01' }) }, department);
    const CORRECT = `mutation($c: ID!, $i: CorrectSocialOrganizationInput!) { correctSocialOrganization(code: $c, input: $i, reason: "换届") {
      name field legalRepresentative history { field oldValue newValue reason } } }`;
    const res = await g.query(
      CORRECT,
      { c: code, i: { name: '上街区新风协会', legalRepresentative: '李四', field: 'ELDERLY_CARE' } },
      department,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.correctSocialOrganization).toEqual({
      name: '上街区新风协会',
      field: 'ELDERLY_CARE',
      legalRepresentative: '李四',
      history: [
        { field: 'name', oldValue: '上街区新时代协会', newValue: '上街区新风协会', reason: '换届' },
        { field: 'field', oldValue: 'VOLUNTEERING', newValue: 'ELDERLY_CARE', reason: '换届' },
        { field: 'legalRepresentative', oldValue: '王五', newValue: '李四', reason: '换届' },
      ],
    });
    const masked = await g.query(
      `query($c: ID!) { registeredOrganization(creditCode: $c) { history { field oldValue } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(masked.data!.registeredOrganization.history[2]).toEqual({ field: 'legalRepresentative', oldValue: '王*' });
    expect(codeOf(await g.query(CORRECT, { c: code, i: { foundedOn: '2030-01-01' } }, department))).toBe('BAD_USER_INPUT');
  });

  test('a project approved before its organisation was founded is refused; one completes on its own day; withdrawn, it leaves the figures', async () => {
    const code = testCreditCode(44);
    await g.query(
      REGISTER,
      { input: registration(44, { foundedOn: '2026-03-01', streetCode: '410106001000', communityCode: '410106001002' }) },
      department,
    );
    const REG = `mutation($i: RegisterServiceProjectInput!) { registerServiceProject(input: $i) { code status } }`;
    const project = {
      code: 'XM2026944',
      name: '助老服务',
      organizationCode: code,
      communityCode: '410106001002',
      mode: 'GOVERNMENT_PURCHASE',
      funding: 5000,
    };
    const early = await g.query(REG, { i: { ...project, approvedOn: '2026-02-28' } }, department);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedOn' });
    const projects = () => figure(g, '410106001002', 'serviceProjects(year: 2026)');
    const before = await projects();
    expect((await g.query(REG, { i: { ...project, approvedOn: '2026-03-02' } }, department)).errors).toBeUndefined();
    expect(await projects()).toBe(before + 1);
    const COMPLETE = `mutation($on: Date) { completeServiceProject(code: "XM2026944", completedOn: $on) { status completedOn } }`;
    expect((await g.query(COMPLETE, { on: '2026-03-01' }, department)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'completedOn',
    });
    expect((await g.query(COMPLETE, { on: '2026-09-30' }, department)).data!.completeServiceProject).toEqual({
      status: 'COMPLETED',
      completedOn: '2026-09-30',
    });
    expect(codeOf(await g.query(COMPLETE, { on: '2026-10-01' }, department))).toBe('CONFLICT');
    // the completion and funding corrected, the earlier values kept; not approved before the organisation was founded
    const CORRECT = `mutation($i: CorrectServiceProjectInput!) { correctServiceProject(code: "XM2026944", input: $i, reason: "核对结项报告") {
      status completedOn funding history { field oldValue newValue reason } } }`;
    expect((await g.query(CORRECT, { i: { approvedOn: '2026-02-28' } }, department)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'approvedOn',
    });
    expect((await g.query(CORRECT, { i: { status: 'IN_PROGRESS' } }, department)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'completedOn',
    });
    const fixed = await g.query(CORRECT, { i: { completedOn: '2026-09-29', funding: 5200 } }, department);
    expect(fixed.data!.correctServiceProject).toEqual({
      status: 'COMPLETED',
      completedOn: '2026-09-29',
      funding: 5200,
      history: [
        { field: 'funding', oldValue: '5000.00', newValue: '5200.00', reason: '核对结项报告' },
        { field: 'completedOn', oldValue: '2026-09-30', newValue: '2026-09-29', reason: '核对结项报告' },
      ],
    });
    const reopened = await g.query(CORRECT, { i: { status: 'IN_PROGRESS', completedOn: null } }, department);
    expect(reopened.data!.correctServiceProject).toMatchObject({ status: 'IN_PROGRESS', completedOn: null });
    const refused = await g.query(
      `mutation($c: ID!) { withdrawSocialOrganization(code: $c, reason: "误录") { id } }`,
      { c: code },
      department,
    );
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(
      (await g.query(`mutation { withdrawServiceProject(code: "XM2026944", reason: "重复立项") { id } }`, {}, department)).errors,
    ).toBeUndefined();
    expect(await projects()).toBe(before);
    expect(
      (await g.query(`mutation($c: ID!) { withdrawSocialOrganization(code: $c, reason: "误录") { id } }`, { c: code }, department)).errors,
    ).toBeUndefined();
    expect(
      (await g.query(`query($c: ID!) { socialOrganization(code: $c) { code } }`, { c: code }, department)).data!.socialOrganization,
    ).toBeNull();
    expect(codeOf(await g.query(REGISTER, { input: registration(44) }, department))).toBe('CONFLICT');
  });

  test('a mediation case is corrected and withdrawn', async () => {
    const open = await g.query(
      `mutation { openMediationCase(input: { organizationCode: "BA4101060010155", receivedOn: "2026-04-02", disputeType: FAMILY }) { caseNumber } }`,
      {},
      department,
    );
    const caseNumber = open.data!.openMediationCase.caseNumber;
    const fix = await g.query(
      `mutation($n: ID!) { correctMediationCase(caseNumber: $n, input: { disputeType: LABOR }) { disputeType history { field oldValue newValue } } }`,
      { n: caseNumber },
      department,
    );
    expect(fix.data!.correctMediationCase).toEqual({
      disputeType: 'LABOR',
      history: [{ field: 'disputeType', oldValue: 'FAMILY', newValue: 'LABOR' }],
    });
    const bad = await g.query(
      `mutation($n: ID!) { correctMediationCase(caseNumber: $n, input: { closedOn: "2026-04-03" }) { id } }`,
      { n: caseNumber },
      department,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedOn' });
    const w = await g.query(
      `mutation($n: ID!) { withdrawMediationCase(caseNumber: $n, reason: "重复受理") { type } }`,
      { n: caseNumber },
      department,
    );
    expect(w.data!.withdrawMediationCase.type).toBe('MediationCase');
    expect(
      (await g.query(`query($n: ID!) { mediationCase(caseNumber: $n) { id } }`, { n: caseNumber }, department)).data!.mediationCase,
    ).toBeNull();
  });
});
