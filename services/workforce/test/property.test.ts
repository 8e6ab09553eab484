import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';

/**
 * Property management (物业, seeds/003 and 000): each compound's mode over time, owners' committees
 * and fee collection by year, from the generated Shangjie ledgers; figures at district, street and
 * community against counts made from the fixture rows; the seed's sentence from one query; daily work.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([
    'workforce/property_services.csv',
    'workforce/owners_committees.csv',
    'workforce/property_fees.csv',
  ]));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  trust: compoundsByPropertyMode(year: 2025, mode: TRUST) { value previousYear }
  red: compoundsByPropertyMode(year: 2025, redProperty: true) { value }
  committees: ownersCommittees(year: 2025) { value }
  redCommittees: ownersCommittees(year: 2025, red: true) { value }
  rate: propertyFeeCollectionRate(year: 2025) { numerator denominator previousYear { numerator denominator } }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const compounds = new Set(fx.compounds.filter((c) => cs.has(c.community)).map((c) => c.number));
  const services = fx.rows['workforce/property_services.csv'].filter((s) => compounds.has(String(s.compound)));
  const on = (d: string) => services.filter((s) => String(s.fromOn) <= d && (!s.toOn || String(s.toOn) > d));
  const distinct = (rows: typeof services) => new Set(rows.map((s) => s.compound)).size;
  const committees = fx.rows['workforce/owners_committees.csv'].filter(
    (c) => compounds.has(String(c.compound)) && String(c.termFrom) <= '2025-12-31' && String(c.termTo) >= '2025-12-31',
  );
  const fees = (y: number) => fx.rows['workforce/property_fees.csv'].filter((f) => compounds.has(String(f.compound)) && f.year === y);
  const sum = (rows: ReturnType<typeof fees>, k: string) => rows.reduce((s, f) => s + Number(f[k]), 0);
  return {
    trust: {
      value: distinct(on('2025-12-31').filter((s) => s.mode === '信托制')),
      previousYear: distinct(on('2024-12-31').filter((s) => s.mode === '信托制')),
    },
    red: { value: distinct(on('2025-12-31').filter((s) => s.redProperty === '是')) },
    committees: { value: committees.length },
    redCommittees: { value: committees.filter((c) => c.red === '是').length },
    rate: {
      numerator: sum(fees(2025), 'householdsPaid'),
      denominator: sum(fees(2025), 'householdsDue'),
      previousYear: { numerator: sum(fees(2024), 'householdsPaid'), denominator: sum(fees(2024), 'householdsDue') },
    },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106002000', fx.compounds[0].community]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: “探索“信托制”物业改革，市级试点居民小区物业费收缴率从65%提升至98%” (seeds/003)', async () => {
  const pilot = fx.rows['workforce/property_services.csv'].find((s) => s.mode === '信托制' && s.fromOn === '2024-07-01')!.compound;
  const res = await sg.query(
    `query($id: ID!) { compound(code: $id) { name propertyServices { mode fromOn } propertyFees { year collectionRate } } }`,
    { id: `410106:${pilot}` },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const c = res.data!.compound;
  const trustSince = c.propertyServices.find((s: { mode: string }) => s.mode === 'TRUST').fromOn;
  const [before, after] = c.propertyFees;
  expect(
    `${trustSince.slice(0, 4)}年探索“信托制”物业改革，试点小区物业费收缴率从${before.collectionRate}%提升至${after.collectionRate}%`,
  ).toBe('2024年探索“信托制”物业改革，试点小区物业费收缴率从65%提升至98%');
});

test('daily work: a compound changes mode on a day (list on a day agrees with the figure), committees and fees with clear errors', async () => {
  const compound = fx.compounds.find((c) => c.community === '410106003004')!;
  const office = testCallers.community(compound.community);
  const changed = await sg.query(
    `mutation($c: ID!) { changePropertyService(input: { compoundId: $c, mode: TRUST, provider: "信托物业", redProperty: true, fromOn: "2026-03-01" }) { id compound { propertyServices { mode toOn } } } }`,
    { c: compound.number },
    office,
  );
  expect(changed.errors).toBeUndefined();
  const periods = changed.data!.changePropertyService.compound.propertyServices;
  expect(periods.at(-2).toOn).toBe('2026-03-01');
  expect(periods.at(-1)).toEqual({ mode: 'TRUST', toOn: null });
  for (const d of ['2026-02-28', '2026-03-01']) {
    const res = await sg.query(
      `query($c: ID!, $d: Date!) { region(code: $c) { propertyServices(filter: { mode: TRUST, activeOn: $d }) { totalCount }
        governance { compoundsByPropertyMode(year: 2026, asOf: $d, mode: TRUST) { value } } } }`,
      { c: compound.community, d },
      analyst,
    );
    expect(res.data!.region.propertyServices.totalCount).toBe(res.data!.region.governance.compoundsByPropertyMode.value);
  }
  const early = await sg.query(
    `mutation($c: ID!) { changePropertyService(input: { compoundId: $c, mode: NONE, fromOn: "2026-01-01" }) { id } }`,
    { c: compound.number },
    office,
  );
  expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'fromOn' });

  const committee = await sg.query(
    `mutation($c: ID!) { recordOwnersCommittee(input: { id: "T-YWH1", compoundId: $c, termFrom: "2026-04-01", termTo: "2031-03-31", members: 7, partyMembers: 9 }) { id } }`,
    { c: compound.number },
    office,
  );
  expect(errorOf(committee)).toEqual({ code: 'BAD_USER_INPUT', field: 'partyMembers' });
  const fees = await sg.query(
    `mutation($c: ID!) { recordPropertyFees(input: { compoundId: $c, year: 2026, householdsDue: 100, householdsPaid: 90 }) { id collectionRate } }`,
    { c: compound.number },
    office,
  );
  expect(fees.data!.recordPropertyFees.collectionRate).toBe(90);
  const again = await sg.query(
    `mutation($c: ID!) { recordPropertyFees(input: { compoundId: $c, year: 2026, householdsDue: 100, householdsPaid: 95 }) { id } }`,
    { c: compound.number },
    office,
  );
  expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: 'year' });
  const corrected = await sg.query(
    `mutation($id: ID!) { correctPropertyFees(id: $id, input: { householdsPaid: 95 }, reason: "补缴") { collectionRate history { field oldValue newValue } } }`,
    { id: fees.data!.recordPropertyFees.id },
    office,
  );
  expect(corrected.data!.correctPropertyFees).toEqual({
    collectionRate: 95,
    history: [{ field: 'householdsPaid', oldValue: '90', newValue: '95' }],
  });
});
