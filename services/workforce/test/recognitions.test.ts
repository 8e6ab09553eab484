import { testCallers, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { analyst, errorOf, startWithGovernance } from './governance-kit';

/**
 * Honours, awards, brands, demonstration sites, pilots and selected cases (seeds/000, 001, 003) from
 * the generated Shangjie ledger: figures at district, street and community against counts made from
 * the fixture rows, the seed's sentence from one query, a person's name masked, daily work.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/recognitions.csv']));
});

afterAll(() => sg?.close());

const LEVELS = ['街道级', '区级', '市级', '省级', '国家级'];
const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  all: recognitionsGranted(year: 2025) { value previousYear }
  brands: recognitionsGranted(year: 2025, kind: BRAND) { value }
  cityUp: recognitionsGranted(year: 2025, minLevel: CITY) { value }
  projects: recognitionsGranted(year: 2025, holderType: VOLUNTEER_PROJECT) { value }
  held: recognitionsHeld(year: 2025) { value }
} } }`;

function expected(code: string) {
  const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code;
  const rows = fx.rows['workforce/recognitions.csv'].filter((r) => String(r.region).startsWith(prefix));
  const y = (r: (typeof rows)[number], year: string) => String(r.grantedOn).startsWith(year);
  return {
    all: { value: rows.filter((r) => y(r, '2025')).length, previousYear: rows.filter((r) => y(r, '2024')).length },
    brands: { value: rows.filter((r) => y(r, '2025') && r.kind === '品牌').length },
    cityUp: { value: rows.filter((r) => y(r, '2025') && LEVELS.indexOf(String(r.level)) >= 2).length },
    projects: { value: rows.filter((r) => y(r, '2025') && r.holderType === '志愿服务项目').length },
    held: { value: rows.filter((r) => String(r.grantedOn) <= '2025-12-31').length },
  };
}

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106003000', fx.communities[0].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: brands and the volunteer projects’ awards of the street (seeds/000)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      brands: recognitions(filter: { kind: BRAND, level: STREET }, sort: { field: ID }, first: 2) { totalCount nodes { holderName } }
      national: recognitions(filter: { level: NATIONAL, holderType: COMMUNITY }) { nodes { holderName title } }
      governance {
        projects: recognitionsGranted(year: 2025, holderType: VOLUNTEER_PROJECT) { value }
        projectsCityUp: recognitionsGranted(year: 2025, holderType: VOLUNTEER_PROJECT, minLevel: CITY) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const [b1, b2] = r.brands.nodes.map((n: { holderName: string }) => n.holderName);
  const n = r.national.nodes[0];
  expect(
    `${n.holderName}荣获“${n.title}”；打造“${b1}”“${b2}”等${r.brands.totalCount}个核心品牌；` +
      `志愿服务项目获奖及品牌${r.governance.projects.value}项，其中市级以上${r.governance.projectsCityUp.value}项`,
  ).toBe(
    `${fx.communities[0].name}荣获“最美志愿服务社区”；打造“一核三制五团”“鹭邻青年”等8个核心品牌；志愿服务项目获奖及品牌5项，其中市级以上2项`,
  );
});

test('a volunteer project’s recognitions found by its global id in the volunteer subgraph', async () => {
  const res = await sg.query(
    `{ recognitions(filter: { holderId: "410106:XM0001" }) { nodes { title holderName holderId } } }`,
    {},
    analyst,
  );
  expect(res.data!.recognitions.nodes).toEqual([{ title: '“七优享”志愿品牌', holderName: '车轮上的守护者', holderId: '410106:XM0001' }]);
});

test('a person’s name is masked for an analyst, shown to the district', async () => {
  const q = `{ recognitions(filter: { holderType: PERSON }) { nodes { holderName } } }`;
  expect((await sg.query(q, {}, analyst)).data!.recognitions.nodes[0].holderName).toBe('张*');
  expect((await sg.query(q)).data!.recognitions.nodes[0].holderName).toBe('张三');
});

test('daily work: a community office records an award on its day, corrects and withdraws it; errors name their field', async () => {
  const community = '410106004003';
  const office = testCallers.community(community);
  const made = await sg.query(
    `mutation($c: ID!) { recordRecognition(input: { regionCode: $c, kind: AWARD, level: DISTRICT, title: "先进基层党组织", holderType: COMMUNITY, holderName: "春晓社区", grantedOn: "2026-07-01" }) { id number } }`,
    { c: community },
    office,
  );
  expect(made.errors).toBeUndefined();
  const id = made.data!.recordRecognition.id;
  const street = await sg.query(
    `mutation { recordRecognition(input: { regionCode: "410106004000", kind: AWARD, level: DISTRICT, title: "x", holderType: COMMUNITY, holderName: "x", grantedOn: "2026-07-01" }) { id } }`,
    {},
    office,
  );
  expect(errorOf(street).code).toBe('FORBIDDEN');
  const fig = async () =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance { recognitionsGranted(year: 2026, minLevel: DISTRICT) { value } } } }`,
        { c: community },
        analyst,
      )
    ).data!.region.governance.recognitionsGranted.value;
  expect(await fig()).toBe(1);
  const corrected = await sg.query(
    `mutation($id: ID!) { correctRecognition(id: $id, input: { level: STREET }, reason: "级别有误") { level } }`,
    { id },
    office,
  );
  expect(corrected.data!.correctRecognition.level).toBe('STREET');
  expect(await fig()).toBe(0);
  const future = await sg.query(
    `mutation($id: ID!) { correctRecognition(id: $id, input: { grantedOn: "2099-01-01" }) { id } }`,
    { id },
    office,
  );
  expect(errorOf(future)).toEqual({ code: 'BAD_USER_INPUT', field: 'grantedOn' });
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawRecognition(id: $id, reason: "重复") { id } }`, { id }, office)).errors,
  ).toBeUndefined();
});

describe('personal data typed into free text, and names in the audit trail', () => {
  const REASON = '核对电话13800000001及身份证410106199003085136后更正';

  test("a correction's reason is masked in the history for a reader who may not see personal data", async () => {
    const made = await sg.query(
      `mutation { recordRecognition(input: { regionCode: "410106001001", kind: AWARD, level: DISTRICT, title: "优秀志愿者", holderType: PERSON, holderName: "欧阳娜娜", grantedOn: "2026-07-02" }) { id } }`,
    );
    expect(made.errors).toBeUndefined();
    const id = made.data!.recordRecognition.id;
    const fixed = await sg.query(
      `mutation($id: ID!, $r: String) { correctRecognition(id: $id, input: { title: "优秀志愿者（区级）" }, reason: $r) { id } }`,
      {
        id,
        r: REASON,
      },
    );
    expect(fixed.errors).toBeUndefined();
    const reasons = async (caller = analyst) =>
      (await sg.query(`query($id: ID!) { recognition(id: $id) { history { reason } } }`, { id }, caller)).data!.recognition.history.map(
        (h: { reason: string }) => h.reason,
      );
    expect(await reasons()).toEqual(['核对电话138****0001及身份证410106********5136后更正']);
    // the district's administrator may see personal data, and reads the reason as written
    expect(await reasons(testCallers.admin)).toEqual([REASON]);
  });

  test("a person's name given to recordRecognition is masked in the audit trail", async () => {
    const made = await sg.query(
      `mutation { recordRecognition(input: { regionCode: "410106001001", kind: AWARD, level: DISTRICT, title: "好人好事", holderType: PERSON, holderName: "欧阳娜娜", grantedOn: "2026-07-03" }) { id } }`,
    );
    expect(made.errors).toBeUndefined();
    const [entry] = await sg.sql<{ args: { holderName: string } }>(
      `SELECT args FROM audit_log WHERE operation = 'recordRecognition' AND target = ? ORDER BY id DESC LIMIT 1`,
      [`Recognition:${made.data!.recordRecognition.id}`],
    );
    expect(entry.args.holderName).toBe('欧***');
    const fixed = await sg.query(
      `mutation($id: ID!) { correctRecognition(id: $id, input: { holderName: "欧阳菲菲" }, reason: "手机13912345678核实") { id } }`,
      {
        id: made.data!.recordRecognition.id,
      },
    );
    expect(fixed.errors).toBeUndefined();
    const [correction] = await sg.sql<{ args: string }>(
      `SELECT args::text AS args FROM audit_log WHERE operation = 'correctRecognition' ORDER BY id DESC LIMIT 1`,
    );
    expect(correction.args).not.toMatch(/欧阳菲菲|13912345678/);
    expect(correction.args).toContain('139****5678');
  });
});
