import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller } from '@district/common';
import { startTestStack, type TestStack } from '../kit/stack';

/**
 * The analysts' questions of the issue, each answered by one query through the gateway as an
 * analyst would ask it (the `ask` below is the one request). What the test does around it is only
 * there to check the answer against the figures and lists the graph gives one by one.
 */
const analyst: Caller = { subject: 'ten-questions-analyst', roles: ['ANALYST'] };
const DISTRICT = '410106';
const YEAR = 2025;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RATE_LIMIT_PER_MINUTE: '5000' }, { shangjie: true });
}, 300_000);

afterAll(() => stack?.stop());

/** The one query a question takes: no errors, a 200. */
async function ask<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await stack.query<T>(query, variables, analyst);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data!;
}

const childrenOf = async (code: string) =>
  (await ask<{ region: { children: { code: string }[] } }>(`{ region(code: "${code}") { children { code } } }`)).region.children.map(
    (c) => c.code,
  );

test('1. certified holders by street, with last year: every street once, each as its own figure says', async () => {
  const { region } = await ask(`{ region(code: "${DISTRICT}") { workforce {
    ranking(figure: CERTIFIED_HOLDERS, year: ${YEAR}) { rank region { code name } count { value previousYear change growthPct } } } } }`);
  const rows = region.workforce.ranking;
  expect(rows.map((r: any) => r.region.code).sort()).toEqual((await childrenOf(DISTRICT)).sort());
  expect(rows[0].region.name).toBeTruthy();
  for (const row of rows) {
    const own = await ask(
      `{ region(code: "${row.region.code}") { workforce { certifiedHolders(year: ${YEAR}) { value previousYear change growthPct } } } }`,
    );
    expect(row.count).toEqual(own.region.workforce.certifiedHolders);
  }
});

test('2. volunteer hours by community, top 10: the ten largest, largest first', async () => {
  const { region } = await ask(`{ region(code: "${DISTRICT}") { volunteer {
    ranking(figure: SERVICE_HOURS, year: ${YEAR}, level: COMMUNITY, first: 10) { rank region { code name } value } } } }`);
  const top = region.volunteer.ranking;
  expect(top).toHaveLength(10);
  const all = (
    await ask(`{ region(code: "${DISTRICT}") { volunteer { ranking(figure: SERVICE_HOURS, year: ${YEAR}, level: COMMUNITY) { value } } } }`)
  ).region.volunteer.ranking;
  const largest = all.map((r: any) => r.value).sort((a: number, b: number) => b - a);
  expect(top.map((r: any) => r.value)).toEqual(largest.slice(0, 10));
  expect(top[0].rank).toBe(1);
  const own = await ask(`{ region(code: "${top[0].region.code}") { volunteer { serviceHours(year: ${YEAR}) { value } } } }`);
  expect(top[0].value).toBe(own.region.volunteer.serviceHours.value);
});

test('3. key-enterprise coverage by street: the streets add up to the district', async () => {
  const { region } = await ask(`{ region(code: "${DISTRICT}") { partyBuilding {
    coverage(year: ${YEAR}) { keyEnterprise { pct numerator denominator } }
    ranking(figure: COVERAGE_KEY_ENTERPRISE, year: ${YEAR}) { rank region { code name } value rate { pct numerator denominator previousYear { pct } } } } } }`);
  const { coverage, ranking } = region.partyBuilding;
  expect(ranking.length).toBe((await childrenOf(DISTRICT)).length);
  expect(ranking.reduce((s: number, r: any) => s + r.rate.numerator, 0)).toBe(coverage.keyEnterprise.numerator);
  expect(ranking.reduce((s: number, r: any) => s + r.rate.denominator, 0)).toBe(coverage.keyEnterprise.denominator);
  const ranked = ranking.filter((r: any) => r.value !== null).map((r: any) => r.value);
  expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
});

test('4. compounds without rider code: every compound of the district but those opened', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const data = await ask(`{
    gigCompoundsWithoutRiderCode(regionCode: "${DISTRICT}", first: 1000) { totalCount nodes { id name community { name } } }
    region(code: "${DISTRICT}") { compoundCount gigCare { riderCodeCompounds(year: ${today.slice(0, 4)}, asOf: "${today}") { value } } } }`);
  const without = data.gigCompoundsWithoutRiderCode;
  expect(without.totalCount).toBe(data.region.compoundCount - data.region.gigCare.riderCodeCompounds.value);
  expect(without.nodes).toHaveLength(without.totalCount);
  expect(without.nodes[0]).toMatchObject({
    id: expect.stringMatching(/^410106:/),
    name: expect.any(String),
    community: { name: expect.any(String) },
  });
  const opened = await ask<{ gigRiderCodeCompounds: { nodes: { id: string }[] } }>(
    '{ gigRiderCodeCompounds(first: 1000) { nodes { id } } }',
  );
  const openedIds = new Set(opened.gigRiderCodeCompounds.nodes.map((n) => n.id));
  expect(without.nodes.some((n: { id: string }) => openedIds.has(n.id))).toBe(false);
});

test('5. needs open for more than 30 days: a status set and an age, in one page of any size', async () => {
  const { volunteerNeeds } =
    await ask(`{ volunteerNeeds(filter: { statusIn: [RAISED, CLAIMED, SERVED], olderThanDays: 30, ageOn: "${YEAR}-12-31" }, first: 1000) {
    totalCount nodes { code status raisedOn grid { code } } } }`);
  const every = await ask(`{ volunteerNeeds(first: 1000) { totalCount nodes { code status raisedOn } } }`);
  const expected = every.volunteerNeeds.nodes.filter((n: any) => n.status !== 'CLOSED' && n.raisedOn < `${YEAR}-12-01`);
  expect(volunteerNeeds.totalCount).toBe(expected.length);
  expect(volunteerNeeds.totalCount).toBeGreaterThan(0);
  expect(volunteerNeeds.nodes.map((n: any) => n.code).sort()).toEqual(expected.map((n: any) => n.code).sort());
});

test('6. stations missing 六有 items: which, and what each lacks', async () => {
  const { volunteerStations } = await ask(`{ volunteerStations(filter: { standardized: false }, first: 1000) {
    totalCount nodes { code name community { name } missingStandardItems } } }`);
  expect(volunteerStations.totalCount).toBeGreaterThan(0);
  for (const s of volunteerStations.nodes) expect(s.missingStandardItems.length).toBeGreaterThan(0);
  const either = await ask(`{ volunteerStations(filter: { missingAnyOf: [SITE, SIGN] }, first: 1000) { nodes { missingStandardItems } } }`);
  for (const s of either.volunteerStations.nodes)
    expect(s.missingStandardItems.some((i: string) => i === 'SITE' || i === 'SIGN')).toBe(true);
});

test('7. overdue gig-worker issues: open and past the 72-hour deadline', async () => {
  const { gigIssues } = await ask(
    `{ gigIssues(filter: { overdue: true }, first: 1000) { totalCount nodes { code status overdue reportedAt community { name } } } }`,
  );
  expect(gigIssues.totalCount).toBeGreaterThan(0);
  for (const i of gigIssues.nodes) expect(i).toMatchObject({ overdue: true, status: expect.stringMatching(/^(REPORTED|DISPATCHED)$/) });
  const open = await ask(`{ gigIssues(filter: { statusIn: [REPORTED, DISPATCHED] }, first: 1000) { nodes { overdue } } }`);
  expect(open.gigIssues.nodes.filter((i: any) => i.overdue)).toHaveLength(gigIssues.totalCount);
});

test('8. grades expiring next year: the organisations, as many as the figure counts', async () => {
  const data = await ask(`{
    socialGradesExpiring(withinMonths: 12, asOf: "${YEAR}-12-31", first: 1000) { totalCount nodes { creditCode name grade { label validUntil } } }
    region(code: "${DISTRICT}") { socialOrganizations { gradesExpiring(year: ${YEAR}, withinMonths: 12) { value } } } }`);
  expect(data.socialGradesExpiring.totalCount).toBe(data.region.socialOrganizations.gradesExpiring.value);
  for (const o of data.socialGradesExpiring.nodes)
    expect(o.grade.validUntil >= `${YEAR}-12-31` && o.grade.validUntil <= `${YEAR + 1}-12-31`).toBe(true);
});

test('9. five figures over five years: one query of five series, under the alias limit', async () => {
  const dashboard = readFileSync(join(__dirname, '..', '..', 'schema', 'operations', 'dashboard-trends.graphql'), 'utf8');
  const { region } = await ask(dashboard, { code: DISTRICT, fromYear: YEAR - 4, toYear: YEAR, year: YEAR });
  const series = [
    region.workforce.certifiedHolders,
    region.partyBuilding.keyEnterpriseCoverage,
    region.socialOrganizations.organizations,
    region.volunteer.serviceHours,
    region.gigCare.riderCodeCompounds,
  ];
  for (const s of series) expect(s.map((p: any) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  const one =
    await ask(`{ region(code: "${DISTRICT}") { workforce { y2025: certifiedHolders(year: 2025) { value } y2023: certifiedHolders(year: 2023) { value } }
    volunteer { serviceHours(year: 2025) { value } } } }`);
  expect(series[0][4].value).toBe(one.region.workforce.y2025.value);
  expect(series[0][2].value).toBe(one.region.workforce.y2023.value);
  expect(series[3][4].value).toBe(one.region.volunteer.serviceHours.value);
  // the same five series as an ad-hoc query: 5 aliases where 25 were needed
  const adHoc = await stack.query(
    `{ region(code: "${DISTRICT}") { workforce { a: series(figure: CERTIFIED_HOLDERS, fromYear: 2021, toYear: 2025) { value } }
      partyBuilding { b: series(figure: COVERAGE_KEY_ENTERPRISE, fromYear: 2021, toYear: 2025) { value } }
      socialOrganizations { c: series(figure: ORGANIZATIONS, fromYear: 2021, toYear: 2025) { value } }
      volunteer { d: series(figure: SERVICE_HOURS, fromYear: 2021, toYear: 2025) { value } }
      gigCare { e: series(figure: RIDER_CODE_COMPOUNDS, fromYear: 2021, toYear: 2025) { value } } } }`,
    {},
    analyst,
  );
  expect(adHoc.errors).toBeUndefined();
});

test('10. a monthly trend of activities: twelve months that add up to the year', async () => {
  const { region } = await ask(`{ region(code: "${DISTRICT}") { volunteer {
    activities(year: ${YEAR}) { value }
    series(figure: ACTIVITIES, fromYear: ${YEAR}, byMonth: true) { month from to value count { previousYear } } } } }`);
  const months = region.volunteer.series;
  expect(months.map((m: any) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(months.reduce((s: number, m: any) => s + m.value, 0)).toBe(region.volunteer.activities.value);
  expect(months[11]).toMatchObject({ from: `${YEAR}-12-01`, to: `${YEAR}-12-31` });
});

test('client caches: entity types that had only codes, or no key, answer a stable id', async () => {
  const data = await ask(`{
    region(code: "${DISTRICT}") { id code grids(first: 1) { nodes { id code } } }
    socialOrganizations(first: 2) { nodes { id code } }
    twoNewOrganizations(first: 1) { nodes { id creditCode } }
    volunteerPilots(first: 1) { nodes { id communityCode } }
    annualInspections(first: 1) { nodes { id year organization { creditCode } } } }`);
  expect(data.region.id).toBe(data.region.code);
  expect(data.region.grids.nodes[0].id).toBe(data.region.grids.nodes[0].code);
  for (const o of data.socialOrganizations.nodes) expect(o.id).toBe(o.code);
  expect(data.twoNewOrganizations.nodes[0].id).toBe(data.twoNewOrganizations.nodes[0].creditCode);
  expect(data.volunteerPilots.nodes[0].id).toBe(data.volunteerPilots.nodes[0].communityCode);
  const inspection = data.annualInspections.nodes[0];
  expect(inspection.id).toBe(`${inspection.organization.creditCode}:${inspection.year}`);
});
