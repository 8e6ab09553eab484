import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@district/subgraph-kit';
import { freshDatabase, testCallers, testIdNumber, writeLedgerFile, type Subgraph } from '@district/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { deliberationsLedger } from '../src/modules/deliberations/deliberations.ledger';
import { analyst, errorOf } from './governance-kit';
import { importFile, startWithShangjie } from './kit';

/**
 * Deliberation methods as a vocabulary (issue 15: "deliberation method becomes an enumeration or
 * vocabulary a filter can use"): each topic keeps the office's text in `method` and gets a
 * `methodKind` read from it (or given); figures and lists filter by it; the migration fills it for
 * the topics already stored, and the person's birth year for the ones already known.
 */
let sg: Subgraph;

beforeAll(async () => {
  sg = await startWithShangjie();
});

afterAll(() => sg?.close());

const FIGURES = `query($c: ID!) { region(code: $c) { workforce {
  communities: deliberationCommunities(year: 2025, methodKind: FIVE_STEP) { value }
  resolved: deliberationsResolved(year: 2025, methodKind: FIVE_STEP) { value }
  raised: deliberations(year: 2025, methodKind: FIVE_STEP) { value }
  byText: deliberations(year: 2025, method: "五步议事法") { value }
  other: deliberations(year: 2025, methodKind: OTHER) { value }
  all: deliberations(year: 2025) { value }
} } }`;

test('a seed sentence from one query: the five-step method by its kind (seeds/003)', async () => {
  const res = await sg.query(FIGURES, { c: '410106000000' }, analyst);
  expect(res.errors).toBeUndefined();
  const f = res.data!.region.workforce;
  expect(`试点形成的“五步议事法”在${f.communities.value}个社区推广，有效解决停车难、绿化改造等民生问题${f.resolved.value}件`).toBe(
    '试点形成的“五步议事法”在13个社区推广，有效解决停车难、绿化改造等民生问题48件',
  );
  // Shangjie's ledger writes 五步议事法 or 其他: the kind and the text count the same topics
  expect(f.raised.value).toBe(f.byText.value);
  expect(f.raised.value + f.other.value).toBe(f.all.value);
});

test('the list filtered by kind holds what the figure counts, at a street', async () => {
  const res = await sg.query(
    `{ region(code: "410106002000") {
      workforce { deliberations(year: 2025, methodKind: FIVE_STEP) { value } }
      deliberationTopics(filter: { methodKind: FIVE_STEP, raisedFrom: "2025-01-01", raisedTo: "2025-12-31" }) { totalCount nodes { method methodKind } } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  expect(r.deliberationTopics.totalCount).toBe(r.workforce.deliberations.value);
  expect(new Set(r.deliberationTopics.nodes.map((n: { method: string; methodKind: string }) => `${n.method}/${n.methodKind}`))).toEqual(
    new Set(['五步议事法/FIVE_STEP']),
  );
});

test('daily work: the kind is read from the text, or given; a new text brings its kind', async () => {
  const raise = (input: Record<string, unknown>) =>
    sg.query(
      `mutation($i: RaiseDeliberationTopicInput!) { raiseDeliberationTopic(input: $i) { id method methodKind } }`,
      { i: { communityCode: '410106001002', title: '加装电梯', raisedOn: '2025-11-01', ...input } },
      testCallers.street('410106001000'),
    );
  expect((await raise({ method: ' “五步议事法” ' })).data!.raiseDeliberationTopic).toMatchObject({
    method: '“五步议事法”',
    methodKind: 'FIVE_STEP',
  });
  expect((await raise({ method: '四议两公开工作法' })).data!.raiseDeliberationTopic).toMatchObject({
    methodKind: 'FOUR_DISCUSSIONS_TWO_DISCLOSURES',
  });
  const own = (await raise({ method: '同心圆议事厅' })).data!.raiseDeliberationTopic;
  expect(own).toMatchObject({ method: '同心圆议事厅', methodKind: 'OTHER' });
  const given = (await raise({ method: '同心圆议事厅', methodKind: 'COUNCIL' })).data!.raiseDeliberationTopic;
  expect(given.methodKind).toBe('COUNCIL');
  expect(errorOf(await raise({ method: '听证会', methodKind: 'VOTE' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'methodKind' });

  const correct = (id: string, input: string) =>
    sg.query(
      `mutation($id: ID!) { correctDeliberationTopic(id: $id, input: ${input}, reason: "核对") { method methodKind history { field oldValue newValue } } }`,
      {
        id,
      },
    );
  const renamed = (await correct(own.id, '{ method: "民情恳谈会" }')).data!.correctDeliberationTopic;
  expect(renamed).toMatchObject({ method: '民情恳谈会', methodKind: 'DIALOGUE' });
  expect(renamed.history).toEqual(
    expect.arrayContaining([
      { field: 'method', oldValue: '同心圆议事厅', newValue: '民情恳谈会' },
      { field: 'methodKind', oldValue: 'OTHER', newValue: 'DIALOGUE' },
    ]),
  );
  expect((await correct(given.id, '{ methodKind: HEARING }')).data!.correctDeliberationTopic).toMatchObject({
    method: '同心圆议事厅',
    methodKind: 'HEARING',
  });
  const community = await sg.query(
    `{ region(code: "410106001002") { workforce { deliberations(year: 2025, methodKind: HEARING) { value } } } }`,
    {},
    analyst,
  );
  expect(community.data!.region.workforce.deliberations.value).toBe(1);
});

test('a ledger with the optional 议事方法分类 column, uploaded by a street office', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'methods-'));
  const row = { community: '410106003001', title: '议题', raisedOn: '2025-10-01', closedOn: null, status: '已提出' };
  writeLedgerFile(dir, deliberationsLedger, [
    { ...row, number: 'YS20259001', method: '民主听证会', methodKind: null },
    { ...row, number: 'YS20259002', method: '楼栋议事', methodKind: '协商议事会' },
    { ...row, number: 'YS20259003', method: '楼栋议事', methodKind: null },
  ]);
  const summary = await importFile(sg, deliberationsLedger, join(dir, 'workforce/deliberations.csv'), { region: '410106003000' });
  expect(summary).toMatchObject({ inserted: 3 });
  const rows = await sg.sql<{ number: string; kind: string }>(
    `SELECT number, method_kind AS kind FROM deliberation WHERE number LIKE 'YS20259%' ORDER BY number`,
  );
  expect(rows).toEqual([
    { number: 'YS20259001', kind: 'HEARING' },
    { number: 'YS20259002', kind: 'COUNCIL' },
    { number: 'YS20259003', kind: 'OTHER' },
  ]);
});

test('the migrations fill the kind of stored topics and the birth year of known persons', async () => {
  const db = await freshDatabase('workforce_methods_migration');
  const orm = await MikroORM.init(ormOptions({ url: db.url, entities, migrations }));
  try {
    await orm.getMigrator().up({ to: 'Migration20261220000401_DemonstrationApplications' });
    const conn = orm.em.getConnection();
    await conn.execute(`
      insert into deliberation (id, district_code, number, community_code, title, method, raised_on, status) values
        ('410106:YS1', '410106', 'YS1', '410106001001', '停车', '五步议事法', '2025-01-01', 'RAISED'),
        ('410106:YS2', '410106', 'YS2', '410106001001', '绿化', ' “四议两公开” ', '2025-01-01', 'RAISED'),
        ('410106:YS3', '410106', 'YS3', '410106001001', '加梯', '同心圆议事厅', '2025-01-01', 'RAISED');
      insert into person (district_code, id_number, name) values ('410106', '${testIdNumber(1, '19930215')}', '张三');`);
    await orm.getMigrator().up();
    expect(await conn.execute(`select number, method, method_kind from deliberation order by number`)).toEqual([
      { number: 'YS1', method: '五步议事法', method_kind: 'FIVE_STEP' },
      { number: 'YS2', method: ' “四议两公开” ', method_kind: 'FOUR_DISCUSSIONS_TWO_DISCLOSURES' },
      { number: 'YS3', method: '同心圆议事厅', method_kind: 'OTHER' },
    ]);
    expect(await conn.execute(`select birth_year from person`)).toEqual([{ birth_year: 1993 }]);
  } finally {
    await orm.close();
    await db.drop();
  }
});
