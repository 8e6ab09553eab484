import { expected, flatten, testCallers } from '@district/testkit';
import { REPORT_FRAGMENT, regionReps, startSocialGraph, type SocialGraph } from './kit';

/**
 * The Shangjie ledgers (a copy of the template the test setup imported), read through GraphQL as the
 * gateway asks for Region entities. Figures come from expected.json; the street and community figures
 * below were counted from the CSV files by hand (a separate script), not by this subgraph's code.
 */
let g: SocialGraph;

beforeAll(async () => {
  // statement counts below compare cold computations: no figure cache
  g = await startSocialGraph({ figureCache: false });
});

afterAll(() => g?.close());

/** The report fragment on Region entities, as the gateway resolves `region { ...SocialOrganizationsReport }`. */
async function report(codes: string[], year = 2025) {
  const res = await g.query(
    `query($codes: [_Any!]!, $year: Int!) { _entities(representations: $codes) { ... on Region { code ...SocialOrganizationsReport } } }
    ${REPORT_FRAGMENT}`,
    { codes: regionReps(codes), year },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities as { code: string; social: Record<string, { value: number }> }[];
}

test('the report fragment yields every social.* figure of expected.json for the district in 2025', async () => {
  const [district] = await report(['410106']);
  const want = Object.fromEntries(
    Object.entries(expected.figures)
      .filter(([k]) => k.startsWith('social.'))
      .map(([k, v]) => [k, v.value]),
  );
  expect(Object.keys(want)).toHaveLength(6);
  expect(flatten({ social: district.social })).toEqual(want);
});

const FIGURES = `query($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code socialOrganizations {
  community: organizations(year: 2025, type: COMMUNITY) { value previousYear }
  mediation: mediationOrganizations(year: 2025) { value previousYear }
  mediationNew: newMediationOrganizations(year: 2025) { value previousYear }
  resolved: disputesResolved(year: 2025) { value previousYear }
  received: disputesReceived(year: 2025) { value previousYear }
  property: disputesResolved(year: 2025, disputeType: PROPERTY_MANAGEMENT) { value }
  neighbors: disputesReceived(year: 2025, disputeType: NEIGHBORHOOD) { value }
  neighboursOld: disputesReceived(year: 2025, disputeType: NEIGHBOURHOOD) { value }
  rate: disputeResolutionRate(year: 2025) { pct numerator denominator }
  partner: serviceProjects(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  partnerCommunities: serviceProjectCommunities(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  funding: serviceProjectFunding(year: 2025, mode: CROWDFUNDING_PARTNER) { value }
  registered: organizations(year: 2025, registered: true) { value }
  everFounded: organizations(year: 2025, status: null) { value }
  gone: organizations(year: 2025, status: DEREGISTERED) { value }
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
  const res = await g.query(FIGURES, { codes: regionReps(['410106', '410106003000', '410106001005']) }, testCallers.analyst);
  expect(res.errors).toBeUndefined();
  const [district, street, community] = res.data!._entities.map((e: { socialOrganizations: unknown }) => e.socialOrganizations);
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
  // the deprecated British spelling asks for the same value; every organisation founded is active or gone
  expect(district.neighboursOld).toEqual(district.neighbors);
  expect(district.everFounded.value).toBe(district.community.value + district.registered.value + district.gone.value);
  expect(district.rate.numerator).toBe(1064);
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

test('figures of 100 regions cost the same statements as one', async () => {
  const q = `query($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code socialOrganizations {
    organizations(year: 2025) { value } disputesResolved(year: 2025) { value } inspectionPassRate(year: 2024) { pct }
    serviceProjectFunding(year: 2025) { value } gradesExpiring(year: 2025) { value }
  } socialOrganizationList(first: 3) { totalCount nodes { code name } } } } }`;
  const many = Array.from(
    { length: 100 },
    (_, i) => `410106${String(Math.floor(i / 10) + 1).padStart(3, '0')}${String((i % 10) + 1).padStart(3, '0')}`,
  );
  const one = await g.sg.countStatements(() => g.query(q, { codes: regionReps(['410106001001']) }));
  const hundred = await g.sg.countStatements(() => g.query(q, { codes: regionReps(many) }));
  expect(one.result.errors).toBeUndefined();
  expect(hundred.result.errors).toBeUndefined();
  expect(hundred.result.data!._entities).toHaveLength(100);
  expect(hundred.statements).toBe(one.statements);
});

test('a street office has its own figures; another street and the district above it are refused, costing only that field', async () => {
  const caller = testCallers.street('410106003000');
  const q = `query($c: [_Any!]!) { _entities(representations: $c) { ... on Region { code socialOrganizations { organizations(year: 2025, type: COMMUNITY) { value } } } } }`;
  const own = await g.query(q, { c: regionReps(['410106003000']) }, caller);
  expect(own.errors).toBeUndefined();
  expect(own.data!._entities[0].socialOrganizations.organizations.value).toBe(124);
  for (const code of ['410106001000', '410106000000']) {
    const refused = await g.query(q, { c: regionReps([code]) }, caller);
    expect(refused.data!._entities).toEqual([{ code, socialOrganizations: null }]);
    expect(refused.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'socialOrganizations'], extensions: { code: 'FORBIDDEN' } });
  }
});
