import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerImportError } from '@district/common';
import { organizationsLedger } from '../src/modules/organizations/organizations.ledger';
import { DATASETS, DISTRICT, EXPECTED, regionReps, startSocialGraph, type SocialGraph } from './kit';

let g: SocialGraph;

beforeAll(async () => {
  g = await startSocialGraph();
}, 180_000);

afterAll(() => g?.close());

const REPORT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

/** The report fragment on Region entities, as the gateway resolves `region { social: socialOrganizations { ... } }`. */
async function report(codes: string[], year = 2025) {
  const res = await g.query(
    `${REPORT}
    query($codes: [_Any!]!, $year: Int!) { _entities(representations: $codes) { ... on Region { code social: socialOrganizations { ...SocialOrganizationsReport } } } }`,
    { codes: regionReps(codes), year },
  );
  expect(res.errors).toBeUndefined();
  return res.data._entities as { code: string; social: Record<string, { value: number }> }[];
}

test('imports every Shangjie social ledger with the rows the dataset lists', () => {
  expect(g.summaries.map((s) => [s.file, s.read, s.inserted])).toEqual([
    ['social/organizations.csv', 833, 833],
    ['social/annual_inspections.csv', 108, 108],
    ['social/mediation_cases.csv', 1352, 1352],
    ['social/service_projects.csv', 47, 47],
  ]);
});

test('the report fragment yields every social.* figure of expected.json for the district in 2025', async () => {
  const [district] = await report(['410106']);
  const expected = Object.entries(EXPECTED.figures).filter(([k]) => k.startsWith('social.'));
  expect(expected).toHaveLength(6);
  for (const [key, { value }] of expected) expect([key, district.social[key.slice('social.'.length)].value]).toEqual([key, value]);
});

const FIGURES = `query($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code socialOrganizations {
  community: organizations(year: 2025, type: COMMUNITY) { value previousYear }
  mediation: mediationOrganizations(year: 2025) { value previousYear }
  mediationNew: newMediationOrganizations(year: 2025) { value previousYear }
  resolved: disputesResolved(year: 2025) { value previousYear }
  received: disputesReceived(year: 2025) { value previousYear }
  property: disputesResolved(year: 2025, disputeType: PROPERTY_MANAGEMENT) { value }
  partner: serviceProjects(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  partnerCommunities: serviceProjectCommunities(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  funding: serviceProjectFunding(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  registered: organizations(year: 2025, registered: true) { value }
  deregistered: deregisteredOrganizations(year: 2025) { value }
  founded: newOrganizations(year: 2025) { value }
  inspected: inspections(year: 2024) { value }
  failed: inspections(year: 2024, result: UNQUALIFIED) { value }
  passRate: inspectionPassRate(year: 2024) { pct numerator denominator }
  graded: gradedOrganizations(year: 2025) { value }
  expiring: gradesExpiring(year: 2025, withinMonths: 12) { value }
} } } }`;

// Counted from the ledger files by hand (a separate script over the CSVs), not with this code.
test('figures with last year at the district, a street and a community', async () => {
  const res = await g.query(FIGURES, { codes: regionReps(['410106', '410106003000', '410106001005']) });
  expect(res.errors).toBeUndefined();
  const [district, street, community] = res.data._entities.map((e: { socialOrganizations: unknown }) => e.socialOrganizations);
  expect(district).toMatchObject({
    community: { value: 688, previousYear: 639 },
    mediation: { value: 43, previousYear: 16 },
    mediationNew: { value: 27, previousYear: 2 },
    resolved: { value: 1064, previousYear: 211 },
    received: { value: 1141, previousYear: 211 },
    property: { value: 194 },
    partner: { value: 33 },
    partnerCommunities: { value: 21 },
    funding: { value: 3213904 },
    registered: { value: 124 },
    deregistered: { value: 21 },
    founded: { value: 78 },
    inspected: { value: 108 },
    failed: { value: 20 },
    passRate: { pct: 46.3, numerator: 50, denominator: 108 },
    graded: { value: 40 },
    expiring: { value: 8 },
  });
  expect(street).toMatchObject({ community: { value: 124, previousYear: 118 }, mediation: { value: 13 }, resolved: { value: 307 } });
  expect(community).toMatchObject({ community: { value: 17 }, resolved: { value: 54 } });
});

test('a district figure is the sum of its streets', async () => {
  const streets = ['001', '002', '003', '004', '005', '100'].map((s) => `410106${s}000`);
  const all = await report(['410106', ...streets]);
  for (const key of ['communitySocialOrgs', 'mediationOrgs', 'disputesResolved', 'partnerProjects']) {
    const sum = all.slice(1).reduce((n, r) => n + r.social[key].value, 0);
    expect([key, sum]).toEqual([key, all[0].social[key].value]);
  }
});

test('importing the same ledgers again changes nothing', async () => {
  const again = await g.importAll();
  expect(again.map((s) => [s.inserted, s.updated])).toEqual([
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ]);
});

async function snapshot() {
  const rows = await g.sg.orm.em
    .fork()
    .getConnection()
    .execute(
      `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY code)) FROM social_organization t) AS orgs,
            (SELECT count(*) FROM social_organization) AS n`,
    );
  return rows[0];
}

test('the dirty organisations ledger reports exactly its listed defects and changes nothing', async () => {
  const listed = (
    JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')).defects as {
      file: string;
      row: number;
      column: string;
      kind: string;
    }[]
  ).filter((d) => d.file === 'social/organizations.csv');
  const before = await snapshot();
  const error = await g.importFile(organizationsLedger, join(DATASETS, 'dirty', 'social', 'organizations.csv')).catch((e) => e);
  expect(error).toBeInstanceOf(LedgerImportError);
  const found = (error as LedgerImportError).defects.map((d) => ({ file: d.file, row: d.row, column: d.column, kind: d.kind }));
  const order = (a: { row: number }, b: { row: number }) => a.row - b.row;
  expect(found.sort(order)).toEqual(listed.map(({ file, row, column, kind }) => ({ file, row, column, kind })).sort(order));
  for (const d of (error as LedgerImportError).defects) expect(d.reason).toMatch(/ \/ /); // Chinese / English
  expect(await snapshot()).toEqual(before);
});

test('figures of 100 regions cost the same statements as one', async () => {
  const q = `query($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code socialOrganizations {
    organizations(year: 2025) { value } disputesResolved(year: 2025) { value } inspectionPassRate(year: 2024) { pct }
  } socialOrganizationList(first: 3) { totalCount nodes { code name } } } } }`;
  const codes = ['410106001001'];
  const many = Array.from(
    { length: 100 },
    (_, i) => `410106${String(Math.floor(i / 10) + 1).padStart(3, '0')}${String((i % 10) + 1).padStart(3, '0')}`,
  );
  const one = await g.sg.countStatements(() => g.query(q, { codes: regionReps(codes) }));
  const hundred = await g.sg.countStatements(() => g.query(q, { codes: regionReps(many) }));
  expect(one.result.errors).toBeUndefined();
  expect(hundred.result.errors).toBeUndefined();
  expect(hundred.result.data._entities).toHaveLength(100);
  expect(hundred.statements).toBe(one.statements);
});

test('a street office cannot ask for another street, and the district narrows to its own', async () => {
  const caller = { subject: 'street', roles: ['STREET' as const], regionScope: '410106003000' };
  const other = await g.query(
    `query($c: [_Any!]!) { _entities(representations: $c) { ... on Region { socialOrganizations { organizations(year: 2025, type: COMMUNITY) { value } } } } }`,
    { c: regionReps(['410106001000']) },
    caller,
  );
  expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const district = await g.query(
    `query($c: [_Any!]!) { _entities(representations: $c) { ... on Region { socialOrganizations { organizations(year: 2025, type: COMMUNITY) { value } } } } }`,
    { c: regionReps([DISTRICT]) },
    caller,
  );
  expect(district.data._entities[0].socialOrganizations.organizations.value).toBe(124);
});
