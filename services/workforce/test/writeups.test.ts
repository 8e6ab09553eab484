import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance } from './governance-kit';

/** Social-work cases and governance research topics (seeds/000 二.二): figures, the sentence, daily work. */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/writeups.csv']));
});

afterAll(() => sg?.close());

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106005000', fx.communities[1].code]) {
    const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code;
    const rows = fx.rows['workforce/writeups.csv'].filter((w) => String(w.region).startsWith(prefix));
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { governance { all: writeupsCompleted(year: 2025) { value previousYear } cases: writeupsCompleted(year: 2025, kind: SOCIAL_WORK_CASE) { value } } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const y = (year: string) => rows.filter((w) => String(w.completedOn).startsWith(year));
    expect(res.data!.region.governance).toEqual({
      all: { value: y('2025').length, previousYear: y('2024').length },
      cases: { value: y('2025').filter((w) => w.kind === '社会工作案例').length },
    });
  }
});

test('a seed sentence from one query: “指导完成社会工作案例30个及社区治理课题5个” (seeds/000)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { governance {
      cases: writeupsCompleted(year: 2025, kind: SOCIAL_WORK_CASE) { value } topics: writeupsCompleted(year: 2025, kind: GOVERNANCE_TOPIC) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  const g = res.data!.region.governance;
  expect(`指导完成社会工作案例${g.cases.value}个及社区治理课题${g.topics.value}个`).toBe('指导完成社会工作案例30个及社区治理课题5个');
});

test('daily work: a street office records a topic on its day with its author; errors name their field', async () => {
  const office = testCallers.street('410106003000');
  const author = (await sg.sql<{ id: string }>(`SELECT id FROM worker WHERE community_code LIKE '410106003%' ORDER BY id LIMIT 1`))[0].id;
  const made = await sg.query(
    `mutation($a: ID!) { recordWriteup(input: { regionCode: "410106003000", kind: GOVERNANCE_TOPIC, title: "老旧小区分类治理", authorId: $a, completedOn: "2026-06-30" }) { id author { id } } }`,
    { a: author },
    office,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordWriteup.author.id).toBe(author);
  const outside = await sg.query(
    `mutation { recordWriteup(input: { regionCode: "410106001000", kind: GOVERNANCE_TOPIC, title: "x", completedOn: "2026-06-30" }) { id } }`,
    {},
    office,
  );
  expect(errorOf(outside).code).toBe('FORBIDDEN');
  const blank = await sg.query(
    `mutation { recordWriteup(input: { regionCode: "410106003000", kind: EXPERIENCE, title: "", completedOn: "2026-06-30" }) { id } }`,
    {},
    office,
  );
  expect(errorOf(blank)).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
  const id = made.data!.recordWriteup.id;
  expect(
    (await sg.query(`mutation($id: ID!) { correctWriteup(id: $id, input: { kind: EXPERIENCE }, reason: "归类") { kind } }`, { id }, office))
      .data!.correctWriteup.kind,
  ).toBe('EXPERIENCE');
  expect((await sg.query(`mutation($id: ID!) { withdrawWriteup(id: $id, reason: "重复") { id } }`, { id }, office)).errors).toBeUndefined();
});
