import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';

/**
 * Residents' suggestions (群众建议征集, seeds/003): collected, closed, adopted, by category, from the
 * generated Shangjie ledger; figures at district, street and community against counts made from the
 * fixture rows; the seed's sentence from one query; daily work.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/suggestions.csv']));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  collected: suggestionsCollected(year: 2025) { value previousYear }
  closed: suggestionsClosed(year: 2025) { value previousYear }
  adopted: suggestionsAdopted(year: 2025) { value }
  charging: suggestionsCollected(year: 2025, category: CHARGING) { value }
  rate: suggestionAdoptionRate(year: 2025) { numerator denominator }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows['workforce/suggestions.csv'].filter((s) => cs.has(String(s.community)));
  const y = (v: unknown, year: string) => String(v ?? '').startsWith(year);
  const count = (keep: (s: (typeof rows)[number]) => boolean) => rows.filter(keep).length;
  const adopted = count((s) => y(s.closedOn, '2025') && s.adopted === '是');
  const closed = count((s) => y(s.closedOn, '2025'));
  return {
    collected: { value: count((s) => y(s.collectedOn, '2025')), previousYear: count((s) => y(s.collectedOn, '2024')) },
    closed: { value: closed, previousYear: count((s) => y(s.closedOn, '2024')) },
    adopted: { value: adopted },
    charging: { value: count((s) => y(s.collectedOn, '2025') && s.category === '充电设施') },
    rate: { numerator: adopted, denominator: closed },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106005000', fx.communities[3].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: “收集增设充电桩等建议69条，办结35条、采纳28条” (seeds/003)', async () => {
  const res = await sg.query(
    `{ region(code: "410106") { governance {
      collected: suggestionsCollected(year: 2025) { value }
      closed: suggestionsClosed(year: 2025) { value }
      adopted: suggestionsAdopted(year: 2025) { value }
    }
    residentSuggestions(filter: { category: CHARGING, collectedFrom: "2025-01-01", collectedTo: "2025-12-31" }, first: 1) { nodes { content } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  expect(
    `收集${r.residentSuggestions.nodes[0].content.slice(0, 2)}充电桩等建议${g.collected.value}条，办结${g.closed.value}条、采纳${g.adopted.value}条`,
  ).toBe('收集增设充电桩等建议69条，办结35条、采纳28条');
});

test('daily work: collected, closed with its outcome on its day, corrected and withdrawn; errors name their field', async () => {
  const community = '410106002005';
  const office = testCallers.community(community);
  const made = await sg.query(
    `mutation($c: ID!) { collectResidentSuggestion(input: { communityCode: $c, category: PARKING, content: "夜间错时停车", collectedOn: "2026-05-01" }) { id number status } }`,
    { c: community },
    office,
  );
  expect(made.errors).toBeUndefined();
  const id = made.data!.collectResidentSuggestion.id;
  expect(made.data!.collectResidentSuggestion.number).toMatch(/^JY2026\d{5}$/);
  expect(
    errorOf(
      await sg.query(
        `mutation($id: ID!) { closeResidentSuggestion(id: $id, adopted: true, closedOn: "2026-04-01") { id } }`,
        { id },
        office,
      ),
    ),
  ).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'closedOn',
  });
  const closed = await sg.query(
    `mutation($id: ID!) { closeResidentSuggestion(id: $id, adopted: true, closedOn: "2026-05-20") { status adopted } }`,
    { id },
    office,
  );
  expect(closed.data!.closeResidentSuggestion).toEqual({ status: 'CLOSED', adopted: true });
  expect(
    errorOf(await sg.query(`mutation($id: ID!) { closeResidentSuggestion(id: $id, adopted: false) { id } }`, { id }, office)).code,
  ).toBe('CONFLICT');
  const fig = async () =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance { suggestionsAdopted(year: 2026, category: PARKING) { value } } } }`,
        { c: community },
        analyst,
      )
    ).data!.region.governance.suggestionsAdopted.value;
  expect(await fig()).toBe(1);
  const corrected = await sg.query(
    `mutation($id: ID!) { correctResidentSuggestion(id: $id, input: { adopted: false }, reason: "复核") { adopted history { field oldValue newValue } } }`,
    { id },
    office,
  );
  expect(corrected.data!.correctResidentSuggestion).toEqual({
    adopted: false,
    history: [{ field: 'adopted', oldValue: 'true', newValue: 'false' }],
  });
  expect(await fig()).toBe(0);
  expect(
    errorOf(
      await sg.query(
        `mutation($id: ID!) { withdrawResidentSuggestion(id: $id, reason: "录入错误") { id } }`,
        { id },
        testCallers.community('410106001001'),
      ),
    ).code,
  ).toMatch(/NOT_FOUND|FORBIDDEN/);
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawResidentSuggestion(id: $id, reason: "录入错误") { withdrawnOn } }`, { id }, office))
      .errors,
  ).toBeUndefined();
  const missing = await sg.query(
    `mutation($c: ID!) { collectResidentSuggestion(input: { communityCode: $c, category: OTHER, content: " ", collectedOn: "2026-05-01" }) { id } }`,
    { c: community },
    office,
  );
  expect(errorOf(missing)).toEqual({ code: 'BAD_USER_INPUT', field: 'content' });
});
