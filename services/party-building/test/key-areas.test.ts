import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importInto, partyFixtureRows, testCallers, writeLedgerFile, type FixtureRow, type PartyFixtures } from '@district/testkit';
import type { LedgerImporter, LedgerImportError } from '@district/ledger';
import { ledgers } from '../src/module';
import { DISTRICT, startParty } from './kit';

/**
 * Key areas (重点区域, seeds/003 二.一: 3个重点区域党组织全覆盖): the generated areas and the
 * organizations sitting in them imported over Shangjie's ledgers; full coverage at the district, a
 * street and a community against counts made here from the fixture rows, per area in the list; the
 * seed's sentence from one query; daily work and a street office's own import.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let fx: PartyFixtures;
let dir: string;
const ledgerOf = (file: string) => (ledgers as LedgerImporter[]).find((l) => l.spec.file === file)!;
const AREAS = 'party/key_areas.csv';

beforeAll(async () => {
  env = await startParty({ shangjie: true });
  fx = partyFixtureRows();
  dir = mkdtempSync(join(tmpdir(), 'key-areas-'));
  for (const [file, rows] of [
    [AREAS, fx.keyAreas],
    ['party/two_new_orgs.csv', fx.organizations],
  ] as const) {
    const done = await importInto(env.sg, ledgerOf(file), { regionTree: env.regionTree }, writeLedgerFile(dir, ledgerOf(file), rows));
    expect(done.inserted).toBe(rows.length);
  }
});

afterAll(() => env?.close());

/** The units coverage counts in an area (key enterprises only among enterprises), and whether each is covered on a day. */
function areaCoverage(area: string, day: string, from: 'coveredFrom' | 'organizedFrom') {
  const units = fx.organizations.filter((o) => o.keyArea === area && (o.category !== '非公企业' || o.isKey === '是'));
  const covered = units.filter((o) => o[from] && String(o[from]) <= day).length;
  return { units: units.length, covered, fullyCovered: units.length > 0 && covered === units.length };
}
const prefixOf = (code: string) => (code === DISTRICT ? '410106' : code.endsWith('000') ? code.slice(0, 9) : code);

test('areas fully covered at the district, a street and a community agree with the fixture rows, and with each area of the list', async () => {
  for (const code of [DISTRICT, '410106002000', '410106003000', '410106003001', '410106001001']) {
    const here = fx.keyAreas.filter((a) => String(a.region).startsWith(prefixOf(code)));
    const full = (day: string, from: 'coveredFrom' | 'organizedFrom') =>
      here.filter((a) => areaCoverage(String(a.number), day, from).fullyCovered).length;
    const res = await env.sg.query(
      `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region {
        partyBuilding {
          keyAreas(year: 2025) { value }
          any: keyAreasFullyCovered(year: 2025) { value previousYear }
          organizational: keyAreasFullyCovered(year: 2025, kind: ORGANIZATIONAL) { value previousYear } }
        partyKeyAreas(sort: { field: CODE }) { totalCount nodes { code coverage(asOf: "2025-12-31") { units covered fullyCovered } } }
        full: partyKeyAreas(filter: { fullyCovered: true, coverageAsOf: "2025-12-31" }) { totalCount } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!._entities[0];
    expect(r.partyBuilding).toEqual({
      keyAreas: { value: here.length },
      any: { value: full('2025-12-31', 'coveredFrom'), previousYear: full('2024-12-31', 'coveredFrom') },
      organizational: { value: full('2025-12-31', 'organizedFrom'), previousYear: full('2024-12-31', 'organizedFrom') },
    });
    expect(r.partyKeyAreas.nodes).toEqual(
      here.map((a) => ({ code: a.number, coverage: areaCoverage(String(a.number), '2025-12-31', 'coveredFrom') })),
    );
    expect(r.full.totalCount).toBe(r.partyBuilding.any.value);
  }
});

test('a seed sentence from one query: three key areas fully covered (seeds/003 二.一)', async () => {
  const res = await env.sg.query(
    `{ region: _entities(representations: [{ __typename: "Region", code: "${DISTRICT}" }]) { ... on Region {
      partyBuilding { keyAreasFullyCovered(year: 2025) { value } }
      partyKeyAreas(filter: { fullyCovered: true, coverageAsOf: "2025-12-31" }, sort: { field: CODE }, first: 2) { nodes { name } } } } }`,
    {},
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region[0];
  const names = r.partyKeyAreas.nodes.map((n: { name: string }) => n.name).join('、');
  expect(`推动${names}等${r.partyBuilding.keyAreasFullyCovered.value}个重点区域党组织全覆盖`).toBe(
    '推动中关村e谷（郑州）众创空间、欢乐金街等3个重点区域党组织全覆盖',
  );
});

test('daily work: an area recorded, an organization moved into it, the area refuses withdrawal while organizations sit in it; errors name their field', async () => {
  const street = testCallers.street('410106005000');
  const q = (query: string, as = street) => env.sg.query(query, {}, as);
  const made = await q(
    `mutation { recordPartyKeyArea(input: { code: "T-QY1", name: "东站商务楼", kind: OFFICE_BUILDING, regionCode: "410106005000" }) { id kind } }`,
  );
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordPartyKeyArea).toEqual({ id: '410106:T-QY1', kind: 'OFFICE_BUILDING' });
  const empty = await q(
    `mutation { recordPartyKeyArea(input: { code: "T-QY2", name: " ", kind: PARK, regionCode: "410106005000" }) { id } }`,
  );
  expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  const away = await q(
    `mutation { recordPartyKeyArea(input: { code: "T-QY2", name: "x", kind: PARK, regionCode: "410106001000" }) { id } }`,
  );
  expect(away.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const [org] = await env.sg.sql<{ credit_code: string }>(
    `SELECT credit_code FROM two_new_org WHERE region_code LIKE '410106005%' AND category = 'SOCIAL_ORGANIZATION' ORDER BY credit_code LIMIT 1`,
  );
  const noArea = await q(
    `mutation { correctTwoNewOrganization(creditCode: "${org.credit_code}", input: { keyAreaCode: "T-QY9" }) { creditCode } }`,
  );
  expect(noArea.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keyAreaCode' });
  const moved = await q(
    `mutation { correctTwoNewOrganization(creditCode: "${org.credit_code}", input: { keyAreaCode: "T-QY1" }) { keyArea { name } history { field newValue } } }`,
  );
  expect(moved.errors).toBeUndefined();
  expect(moved.data!.correctTwoNewOrganization.keyArea).toEqual({ name: '东站商务楼' });
  expect(moved.data!.correctTwoNewOrganization.history).toEqual([{ field: 'keyAreaCode', newValue: '410106:T-QY1' }]);
  const area = await q(`{ partyKeyArea(code: "T-QY1") { coverage { units } } }`);
  expect(area.data!.partyKeyArea.coverage.units).toBe(1);
  const refused = await q(`mutation { withdrawPartyKeyArea(code: "T-QY1", reason: "录入错误") { id } }`);
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(
    (await q(`mutation { correctTwoNewOrganization(creditCode: "${org.credit_code}", input: { keyAreaCode: null }) { keyArea { id } } }`))
      .errors,
  ).toBeUndefined();
  const gone = await q(`mutation { withdrawPartyKeyArea(code: "T-QY1", reason: "录入错误") { id } }`);
  expect(gone.errors).toBeUndefined();
});

test('a street office imports its own key areas; an area of another street is a defect and nothing is written', async () => {
  const street = '410106005000';
  const own: FixtureRow[] = [
    { number: 'SQY01', name: '东站物流园', kind: '园区', region: street },
    { number: 'SQY02', name: '东站社区商圈', kind: '商圈', region: '410106005001' },
  ];
  const mixed = [...own, { number: 'SQY03', name: '别处楼宇', kind: '楼宇', region: '410106001000' }];
  const refused = await importInto(
    env.sg,
    ledgerOf(AREAS),
    { regionTree: env.regionTree, region: street },
    writeLedgerFile(mkdtempSync(join(dir, 'mixed-')), ledgerOf(AREAS), mixed),
  ).catch((e: LedgerImportError) => e);
  expect((refused as LedgerImportError).defects).toEqual([
    expect.objectContaining({ row: 3, column: '所属区划代码', reason: expect.stringMatching(/lies outside your region 410106005000/) }),
  ]);
  expect(await env.sg.sql(`SELECT id FROM party_key_area WHERE number LIKE 'SQY%'`)).toEqual([]);
  const done = await importInto(
    env.sg,
    ledgerOf(AREAS),
    { regionTree: env.regionTree, region: street },
    writeLedgerFile(mkdtempSync(join(dir, 'own-')), ledgerOf(AREAS), own),
  );
  expect(done.inserted).toBe(2);
});
