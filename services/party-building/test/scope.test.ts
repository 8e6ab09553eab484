import type { Caller } from '@district/common';
import { subgraphRequest, testCallers, type GraphQLResult, type Subgraph } from '@district/testkit';
import { DISTRICT, ledgerRows, startParty, STREETS } from './kit';

/**
 * Lists, entities and the caller's scope on every path to a record, on a copy of the Shangjie
 * template. Read-only: nothing here changes the data. The figure cache is off: the statement counts
 * compare cold computations.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let sg: Subgraph;

beforeAll(async () => {
  env = await startParty({ shangjie: true, figureCache: false });
  sg = env.sg;
});

afterAll(() => env?.close());

const gql = <T = any>(query: string, variables: Record<string, unknown> = {}, caller: Caller = testCallers.admin) =>
  subgraphRequest<T>(sg.url, query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;

const orgs = ledgerRows('party/two_new_orgs.csv');
const instructors = ledgerRows('party/instructors.csv');
const visits = ledgerRows('party/instructor_visits.csv');
const STREET = '410106001000';
const inStreet = new Set(orgs.filter((o) => o['所属街道代码'] === STREET).map((o) => o['统一社会信用代码']));
const elsewhere = orgs.find((o) => o['所属街道代码'] !== STREET)!;
const street = testCallers.street(STREET);

describe('a street office sees its own street on every path', () => {
  test("an instructor's rhythm counts the contacts the street may see, as its contact list does", async () => {
    const Q = `{ partyInstructors(first: 200) { nodes { code contacts(from: "2025-01-01", to: "2025-12-31") { kind problemFound }
      rhythm(from: "2025-01-01", to: "2025-12-31") { weeklyContacts monthlyVisits quarterlyReports problemsFound } } } }`;
    type Node = { code: string; contacts: { kind: string; problemFound: string | null }[]; rhythm: Record<string, number> };
    const counted = (n: Node) => ({
      weeklyContacts: n.contacts.filter((c) => c.kind === 'WEEKLY_CONTACT').length,
      monthlyVisits: n.contacts.filter((c) => c.kind === 'MONTHLY_VISIT').length,
      quarterlyReports: n.contacts.filter((c) => c.kind === 'QUARTERLY_REPORT').length,
      problemsFound: n.contacts.filter((c) => c.problemFound).length,
    });
    const seen = await gql(Q, {}, street);
    expect(seen.errors).toBeUndefined();
    const nodes: Node[] = seen.data!.partyInstructors.nodes;
    for (const n of nodes) expect({ code: n.code, ...n.rhythm }).toEqual({ code: n.code, ...counted(n) });
    // the district sees more of some of these instructors' work: the street's figures are not the whole
    const all = await gql(Q);
    const whole = new Map((all.data!.partyInstructors.nodes as Node[]).map((n) => [n.code, n.rhythm.weeklyContacts]));
    expect(nodes.some((n) => whole.get(n.code)! > n.rhythm.weeklyContacts)).toBe(true);
  });

  test("instructors' contacts name only its own organizations and problems", async () => {
    const Q = `{ partyInstructors(first: 200) { totalCount nodes { code contacts(from: "2024-01-01", to: "2025-12-31") {
      regionCode problemFound organization { creditCode name partyMembers } instructor { code } } } } }`;
    const all = await gql(Q);
    const seen = await gql(Q, {}, street);
    expect(seen.errors).toBeUndefined();
    const contacts = seen.data!.partyInstructors.nodes.flatMap((n: { contacts: any[] }) => n.contacts);
    const wanted = visits.filter(
      (v) => inStreet.has(v['统一社会信用代码']) && v['走访日期'] >= '2024-01-01' && v['走访日期'] <= '2025-12-31',
    );
    expect(contacts).toHaveLength(wanted.length);
    for (const c of contacts) {
      expect(c.regionCode.startsWith(STREET.slice(0, 9))).toBe(true);
      expect(inStreet.has(c.organization.creditCode)).toBe(true);
    }
    // the instructors it sees are those who worked in the street, fewer than the district's
    const workedHere = new Set(wanted.map((v) => v['指导员编号']));
    for (const o of orgs.filter((x) => inStreet.has(x['统一社会信用代码']) && x['党建工作指导员编号']))
      workedHere.add(o['党建工作指导员编号']);
    expect(seen.data!.partyInstructors.totalCount).toBe(workedHere.size);
    expect(all.data!.partyInstructors.totalCount).toBe(instructors.length);
    expect(seen.data!.partyInstructors.totalCount).toBeLessThan(instructors.length);
  });

  test("instructors' assignments, an organization's coverage and a Party organization's units stay within the street", async () => {
    const res = await gql(
      `{ partyInstructors(first: 200) { nodes { assignments { organization { creditCode } instructor { code } } } }
         partyOrganizations(filter: { type: JOINT }, first: 200) { nodes { id unitCount units { creditCode regionCode } } }
         twoNewOrganizations(first: 200) { totalCount nodes { creditCode coverage { organization { creditCode } partyOrganization { id } instructor { code } } } } }`,
      {},
      street,
    );
    expect(res.errors).toBeUndefined();
    const assigned = res.data!.partyInstructors.nodes.flatMap(
      (n: { assignments: { organization: { creditCode: string } }[] }) => n.assignments,
    );
    expect(assigned.length).toBeGreaterThan(0);
    for (const a of assigned) expect(inStreet.has(a.organization.creditCode)).toBe(true);
    const units = res.data!.partyOrganizations.nodes.flatMap((p: { units: { creditCode: string }[] }) => p.units);
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(inStreet.has(u.creditCode)).toBe(true);
    expect(res.data!.twoNewOrganizations.totalCount).toBe(inStreet.size);
  });

  test('lookups of another street resolve to nothing, its entities to an error at their path; the contact log and rhythm list keep to the street', async () => {
    const joint = orgs.find((o) => o['所属街道代码'] !== STREET && o['党组织组建方式'] === '单独组建')!;
    const all = await gql(`query($c: ID!) { twoNewOrganization(creditCode: $c) { partyOrganization { id } } }`, {
      c: joint['统一社会信用代码'],
    });
    const partyOrgId = all.data!.twoNewOrganization.partyOrganization.id;
    const res = await gql(
      `query($c: ID!, $p: ID!, $r: [_Any!]!) {
        org: twoNewOrganization(creditCode: $c) { creditCode }
        party: partyOrganization(id: $p) { id }
        contacts: partyInstructorContacts(first: 200) { totalCount nodes { regionCode organization { creditCode } } }
        behind: partyInstructorsBehind(from: "2025-03-03", to: "2025-03-09", first: 200) { nodes { instructor { code } } }
        _entities(representations: $r) { ... on TwoNewOrganization { creditCode } ... on RegisteredOrganization { creditCode partyCoverage { status } } } }`,
      {
        c: elsewhere['统一社会信用代码'],
        p: partyOrgId,
        r: [
          { __typename: 'TwoNewOrganization', creditCode: elsewhere['统一社会信用代码'] },
          { __typename: 'RegisteredOrganization', creditCode: elsewhere['统一社会信用代码'] },
        ],
      },
      street,
    );
    // lookups by key make another street's records look missing; an entity another subgraph's record
    // named is an error at its path instead (the client would otherwise lose it without a word)
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0], 'NOT_FOUND']]);
    expect(res.data!.org).toBeNull();
    expect(res.data!.party).toBeNull();
    expect(res.data!._entities).toEqual([null, { creditCode: elsewhere['统一社会信用代码'], partyCoverage: null }]);
    expect(res.data!.contacts.totalCount).toBe(visits.filter((v) => inStreet.has(v['统一社会信用代码'])).length);
    for (const c of res.data!.contacts.nodes) expect(inStreet.has(c.organization.creditCode)).toBe(true);
    const seen = await gql(`{ partyInstructors(first: 200) { nodes { code } } }`, {}, street);
    const seenCodes = new Set(seen.data!.partyInstructors.nodes.map((n: { code: string }) => n.code));
    for (const n of res.data!.behind.nodes) expect(seenCodes.has(n.instructor.code)).toBe(true);
  });

  test('an instructor who never worked in the street is not found by it; one who did is, with personal data masked', async () => {
    const worked = new Set(visits.filter((v) => inStreet.has(v['统一社会信用代码'])).map((v) => v['指导员编号']));
    for (const o of orgs.filter((x) => inStreet.has(x['统一社会信用代码']) && x['党建工作指导员编号'])) worked.add(o['党建工作指导员编号']);
    const stranger = instructors.find((i) => !worked.has(i['指导员编号']))!;
    const known = instructors.find((i) => worked.has(i['指导员编号']))!;
    const Q = `query($c: ID!) { partyInstructor(code: $c) { id code idNumber } }`;
    expect((await gql(Q, { c: stranger['指导员编号'] }, street)).data!.partyInstructor).toBeNull();
    const found = await gql(Q, { c: `410106:${known['指导员编号']}` }, street);
    expect(found.data!.partyInstructor).toEqual({
      id: `410106:${known['指导员编号']}`,
      code: known['指导员编号'],
      idNumber: `${known['身份证号'].slice(0, 6)}********${known['身份证号'].slice(-4)}`,
    });
  });

  test('a list under a node outside the scope is refused', async () => {
    const res = await gql(`{ twoNewOrganizations(filter: { regionCode: "410106002000" }) { totalCount } }`, {}, street);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('entities and lists', () => {
  test('organizations resolve by credit code; a registered organization gains its coverage here, or null', async () => {
    const civil = orgs.find((o) => o['统一社会信用代码'].startsWith('5') && o['党组织组建方式'] === '联合组建')!;
    const notHere = '51410106MJ0000001X';
    const res = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on TwoNewOrganization { creditCode districtCode name registeredOrganization { creditCode } }
      ... on RegisteredOrganization { creditCode partyCoverage { status covered partyOrganization { type districtCode } } } } }`,
      {
        r: [
          { __typename: 'TwoNewOrganization', creditCode: civil['统一社会信用代码'] },
          { __typename: 'RegisteredOrganization', creditCode: civil['统一社会信用代码'] },
          { __typename: 'RegisteredOrganization', creditCode: notHere },
        ],
      },
    );
    expect(res.data!._entities).toEqual([
      {
        creditCode: civil['统一社会信用代码'],
        districtCode: '410106',
        name: civil['组织名称'].trim(),
        registeredOrganization: { creditCode: civil['统一社会信用代码'] },
      },
      {
        creditCode: civil['统一社会信用代码'],
        partyCoverage: { status: 'ORGANISATIONAL', covered: true, partyOrganization: { type: 'JOINT', districtCode: '410106' } },
      },
      { creditCode: notHere, partyCoverage: null },
    ]);
  });

  test("the ledger's joint organizations list the units they cover, and are found by global id or number", async () => {
    const res = await gql(
      '{ partyOrganizations(filter: { type: JOINT }, sort: { field: NAME }, first: 100) { totalCount nodes { id name unitCount units { creditCode } } } }',
    );
    const ledgerJoint = new Map<string, string[]>();
    for (const o of orgs.filter((x) => x['党组织组建方式'] === '联合组建'))
      ledgerJoint.set(o['党组织名称'], [...(ledgerJoint.get(o['党组织名称']) ?? []), o['统一社会信用代码']]);
    expect(res.data!.partyOrganizations.totalCount).toBe(ledgerJoint.size);
    for (const [name, units] of ledgerJoint) {
      const node = res.data!.partyOrganizations.nodes.find((n: { name: string }) => n.name === name);
      expect(node.units.map((u: { creditCode: string }) => u.creditCode).sort()).toEqual(units.sort());
    }
    const first = res.data!.partyOrganizations.nodes[0];
    expect(first.id).toMatch(/^410106:\d+$/);
    const byNumber = await gql('query($id: ID!) { partyOrganization(id: $id) { id name } }', { id: first.id.split(':')[1] });
    expect(byNumber.data!.partyOrganization).toEqual({ id: first.id, name: first.name });
  });

  test('lists filter and sort: key enterprises by Party members, most first', async () => {
    const key = orgs.filter((o) => o['组织类别'] === '非公企业' && o['是否重点'] === '是');
    const res =
      await gql(`{ twoNewOrganizations(filter: { category: ENTERPRISE, keyOnly: true }, sort: { field: PARTY_MEMBERS, direction: DESC }, first: 3) {
      totalCount nodes { partyMembers } pageInfo { hasNextPage } } }`);
    expect(res.data!.twoNewOrganizations.totalCount).toBe(key.length);
    expect(res.data!.twoNewOrganizations.nodes.map((n: { partyMembers: number }) => n.partyMembers)).toEqual(
      key
        .map((o) => Number(o['党员人数']))
        .sort((a, b) => b - a)
        .slice(0, 3),
    );
    expect(res.data!.twoNewOrganizations.pageInfo.hasNextPage).toBe(true);
  });

  test("an instructor's organizations by the instructor's number; the ledger's own 应建未建 list is empty", async () => {
    const assigned = orgs.filter((o) => o['党建工作指导员编号'] === orgs.find((x) => x['党建工作指导员编号'])!['党建工作指导员编号']);
    const code = assigned[0]['党建工作指导员编号'];
    const res = await gql(
      `query($c: ID!) { twoNewOrganizations(filter: { instructorCode: $c }) { totalCount }
      partyUnbuiltOrganizations { totalCount } }`,
      { c: code },
    );
    expect(res.data!.twoNewOrganizations.totalCount).toBe(assigned.length);
    expect(res.data!.partyUnbuiltOrganizations.totalCount).toBe(
      orgs.filter((o) => o['党组织组建方式'] === '未组建' && Number(o['党员人数']) >= 3).length,
    );
  });

  test('a full year asks 51 whole weeks, 12 months and 4 quarters of an instructor dispatched before it', async () => {
    const early = instructors.find((i) => i['派驻日期'] < '2025-01-01')!;
    const res = await gql(
      'query($c: ID!) { partyInstructor(code: $c) { rhythm(from: "2025-01-01", to: "2025-12-31") { weeksDue monthsDue quartersDue } } }',
      { c: early['指导员编号'] },
    );
    expect(res.data!.partyInstructor.rhythm).toEqual({ weeksDue: 51, monthsDue: 12, quartersDue: 4 });
  });

  test('instructors without a contact in a whole week are listed as behind', async () => {
    // the week of Monday 3 March 2025: due for every instructor dispatched by then
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
    expect(res.data!.partyInstructorsBehind.totalCount).toBe(behind.length);
    expect(res.data!.partyInstructorsBehind.nodes.map((n: { instructor: { code: string } }) => n.instructor.code)).toEqual(behind);
    expect(res.data!.partyInstructorsBehind.nodes[0]).toMatchObject({ weeksDue: 1, weeksMet: 0, monthsDue: 0 });
  });
});

describe('100 parents cost the statements of 1', () => {
  test('organizations with every nested field', async () => {
    const list = (n: number) => `{ twoNewOrganizations(first: ${n}) { nodes { creditCode formation unbuilt partyOrganizationSince
      partyOrganization { id name unitCount partyMembers exceedsUnitLimit units { creditCode } } instructor { code }
      coverage { status instructor { code } partyOrganization { id } } contacts { code instructor { code } organization { creditCode } }
      assignments { instructor { code } organization { creditCode } } registeredOrganization { creditCode } region { code } } } }`;
    for (const caller of [testCallers.admin, street]) {
      const one = await sg.countStatements(() => gql(list(1), {}, caller));
      const many = await sg.countStatements(() => gql(list(100), {}, caller));
      expect(many.result.errors).toBeUndefined();
      expect(many.result.data!.twoNewOrganizations.nodes.length).toBeGreaterThan(1);
      expect(many.statements).toBe(one.statements);
    }
  });

  test('instructors with their assignments, contacts and rhythm', async () => {
    const list = (n: number) => `{ partyInstructors(first: ${n}) { nodes { code assignments { organization { name } instructor { code } }
      contacts(from: "2025-01-01", to: "2025-12-31") { code instructor { code } organization { creditCode } }
      rhythm(from: "2025-01-01", to: "2025-12-31") { behind instructor { code } } } } }`;
    for (const caller of [testCallers.admin, street]) {
      const one = await sg.countStatements(() => gql(list(1), {}, caller));
      const many = await sg.countStatements(() => gql(list(100), {}, caller));
      expect(many.result.errors).toBeUndefined();
      expect(many.result.data!.partyInstructors.nodes.length).toBeGreaterThan(1);
      expect(many.statements).toBe(one.statements);
    }
  });

  test('regions with their organizations and figures', async () => {
    const regions = (codes: string[]) =>
      gql(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region {
        twoNewOrganizations(first: 5) { totalCount nodes { name partyOrganization { name } } }
        partyBuilding { coverage(year: 2025) { overall { pct } } instructorContacts(year: 2025) { value } } } } }`,
        { r: codes.map((code) => ({ __typename: 'Region', code })) },
      );
    const r1 = await sg.countStatements(() => regions([DISTRICT]));
    const r7 = await sg.countStatements(() => regions([DISTRICT, ...STREETS]));
    const totals = r7.result.data!._entities.map((e: { twoNewOrganizations: { totalCount: number } }) => e.twoNewOrganizations.totalCount);
    expect(totals[0]).toBe(orgs.length);
    expect(totals.slice(1).reduce((a: number, b: number) => a + b, 0)).toBe(orgs.length);
    expect(r7.statements).toBe(r1.statements);
  });
});
