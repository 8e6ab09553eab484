import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';

/**
 * Micro livelihood works (小微民生项目, 微改造; seeds/000 and 002) from the generated Shangjie ledger:
 * figures at district, street and community against counts made from the fixture rows, the seeds'
 * sentences from one query each, daily work with dated steps.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/micro_projects.csv']));
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  started: microProjectsStarted(year: 2025) { value previousYear }
  completed: microProjectsCompleted(year: 2025) { value previousYear }
  households: microProjectHouseholds(year: 2025) { value }
  funding: microProjectFunding(year: 2025) { value }
  donated: microProjectFunding(year: 2025, sources: [DONATION]) { value }
} } }`;

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows['workforce/micro_projects.csv'].filter((p) => cs.has(String(p.community)));
  const y = (v: unknown, year: string) => String(v ?? '').startsWith(year);
  const sum = (keep: (p: (typeof rows)[number]) => boolean, k: string) => rows.filter(keep).reduce((s, p) => s + Number(p[k] ?? 0), 0);
  return {
    started: { value: rows.filter((p) => y(p.startedOn, '2025')).length, previousYear: rows.filter((p) => y(p.startedOn, '2024')).length },
    completed: {
      value: rows.filter((p) => y(p.completedOn, '2025')).length,
      previousYear: rows.filter((p) => y(p.completedOn, '2024')).length,
    },
    households: { value: sum((p) => y(p.completedOn, '2025'), 'households') },
    funding: { value: sum((p) => y(p.startedOn, '2025'), 'funding') },
    donated: { value: sum((p) => y(p.startedOn, '2025') && p.fundingSource === '社会捐赠', 'funding') },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106002000', '410106002001', fx.communities[30].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: the street’s micro works (seeds/000 一.三, 四.一)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      safety: microProjects(filter: { category: SAFETY, completedFrom: "2025-01-01", completedTo: "2025-12-31" }) { nodes { name } }
      paving: microProjects(filter: { category: ROAD, completedFrom: "2025-01-01", completedTo: "2025-12-31" }) { nodes { compound { name } quantity unit } }
      governance {
        greened: microProjectsCompleted(year: 2025, category: GREENING) { value }
        households: microProjectHouseholds(year: 2025, category: GREENING) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const paving = r.paving.nodes[0];
  const sentence =
    `指导实施${r.safety.nodes[0].name}；完成${paving.compound.name}${paving.quantity}${paving.unit}车库门前场地平整硬化；` +
    `完成${r.governance.greened.value}个老旧小区绿化补植，惠及居民${Math.floor(r.governance.households.value / 100) * 100}余户`;
  const seedCompounds = fx.compounds.filter((c) => c.community.startsWith(fx.street.slice(0, 9))).slice(10);
  expect(sentence).toBe(
    `指导实施${seedCompounds[0].name}廊架与门头改造；完成${seedCompounds[1].name}32个车库门前场地平整硬化；完成4个老旧小区绿化补植，惠及居民800余户`,
  );
});

test('a seed sentence from one query: “爱心企业出资5万余元清掏化粪池80余个 … 出资20余万元修缮道路1500米” (seeds/002)', async () => {
  const part = `governance {
    sanitationMoney: microProjectFunding(year: 2025, category: SANITATION, sources: [DONATION]) { value }
    pits: microProjectQuantity(year: 2025, category: SANITATION, unit: "个") { value }
    roadMoney: microProjectFunding(year: 2025, category: ROAD, sources: [DONATION]) { value }
    metres: microProjectQuantity(year: 2025, category: ROAD, unit: "米") { value } }`;
  const res = await sg.query(`{ a: region(code: "410106002001") { ${part} } b: region(code: "410106002002") { ${part} } }`, {}, analyst);
  expect(res.errors).toBeUndefined();
  const [a, b] = [res.data!.a.governance, res.data!.b.governance];
  const add = (k: string) => a[k].value + b[k].value;
  expect(
    `爱心企业出资${Math.floor(add('sanitationMoney') / 10000)}万余元清掏化粪池${Math.floor(add('pits') / 10) * 10}余个；` +
      `出资${Math.floor(add('roadMoney') / 100000) * 10}余万元修缮道路${add('metres')}米`,
  ).toBe('爱心企业出资5万余元清掏化粪池80余个；出资20余万元修缮道路1500米');
});

test('daily work: started and completed on their days with the households benefiting; errors name their field', async () => {
  const community = '410106004005';
  const office = testCallers.community(community);
  const started = await sg.query(
    `mutation($c: ID!) { startMicroProject(input: { communityCode: $c, name: "楼道照明", category: SAFETY, quantity: 40, unit: "盏", funding: 8000, fundingSource: STREET, startedOn: "2026-05-01" }) { id number status } }`,
    { c: community },
    office,
  );
  expect(started.errors).toBeUndefined();
  const id = started.data!.startMicroProject.id;
  const noUnit = await sg.query(
    `mutation($c: ID!) { startMicroProject(input: { communityCode: $c, name: "x", category: OTHER, quantity: 3, startedOn: "2026-05-01" }) { id } }`,
    { c: community },
    office,
  );
  expect(errorOf(noUnit)).toEqual({ code: 'BAD_USER_INPUT', field: 'unit' });
  const early = await sg.query(`mutation($id: ID!) { completeMicroProject(id: $id, completedOn: "2026-04-01") { id } }`, { id }, office);
  expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'completedOn' });
  const done = await sg.query(
    `mutation($id: ID!) { completeMicroProject(id: $id, completedOn: "2026-06-01", households: 120) { status households } }`,
    { id },
    office,
  );
  expect(done.data!.completeMicroProject).toEqual({ status: 'COMPLETED', households: 120 });
  expect(errorOf(await sg.query(`mutation($id: ID!) { completeMicroProject(id: $id) { id } }`, { id }, office)).code).toBe('CONFLICT');
  const fig = await sg.query(
    `query($c: ID!) { region(code: $c) { governance { microProjectHouseholds(year: 2026) { value } microProjectQuantity(year: 2026, unit: "盏") { value } } } }`,
    { c: community },
    analyst,
  );
  expect(fig.data!.region.governance).toEqual({ microProjectHouseholds: { value: 120 }, microProjectQuantity: { value: 40 } });
});
