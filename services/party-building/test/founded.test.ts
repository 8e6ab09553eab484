import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importInto, partyFixtureRows, testCallers, writeLedgerFile, type FixtureRow, type PartyFixtures } from '@district/testkit';
import type { LedgerImporter } from '@district/ledger';
import { ledgers } from '../src/module';
import { DISTRICT, ledgerRows, startParty } from './kit';

/**
 * Party organizations founded in the year (seeds/000: 成立3个联合党支部): Shangjie's ledgers and the
 * generated organizations imported over them; the figure at the district, streets and a community
 * against counts made here from the ledger rows; the seed's sentence from one query.
 */
let env: Awaited<ReturnType<typeof startParty>>;
let fx: PartyFixtures;
const SEED_STREET = '410106001000';
const ledgerOf = (file: string) => (ledgers as LedgerImporter[]).find((l) => l.spec.file === file)!;

beforeAll(async () => {
  env = await startParty({ shangjie: true });
  fx = partyFixtureRows();
  const dir = mkdtempSync(join(tmpdir(), 'founded-'));
  for (const [file, rows] of [
    ['party/key_areas.csv', fx.keyAreas],
    ['party/two_new_orgs.csv', fx.organizations],
  ] as const)
    await importInto(env.sg, ledgerOf(file), { regionTree: env.regionTree }, writeLedgerFile(dir, ledgerOf(file), rows));
});

afterAll(() => env?.close());

/**
 * Each Party organization the ledger rows name, once: its type, founding day (its earliest row) and
 * node (its units' street, or the district's node when they lie in several; a single unit's own node).
 */
function partyOrganizations(): { type: string; foundedOn: string; node: string }[] {
  const rows: FixtureRow[] = [
    ...ledgerRows('party/two_new_orgs.csv').map((r) => ({
      formation: r['党组织组建方式'],
      partyOrgName: r['党组织名称'],
      partyOrgSince: r['党组织成立日期'],
      street: r['所属街道代码'],
      creditCode: r['统一社会信用代码'],
    })),
    ...fx.organizations,
  ];
  const byKey = new Map<string, FixtureRow[]>();
  for (const r of rows.filter((x) => x.formation !== '未组建')) {
    const key = r.formation === '联合组建' ? `J:${r.partyOrgName}` : `S:${r.creditCode}:${r.partyOrgSince}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.entries()].map(([key, units]) => {
    const places = new Set(units.map((u) => String(u.street)));
    const streets = new Set([...places].map((p) => p.slice(0, 9)));
    const node = places.size === 1 ? [...places][0] : streets.size === 1 ? `${[...streets][0]}000` : DISTRICT;
    return { type: key.startsWith('J') ? 'JOINT' : 'SINGLE', foundedOn: units.map((u) => String(u.partyOrgSince)).sort()[0], node };
  });
}

test('Party organizations founded in the year at the district, streets and a community agree with the ledger rows', async () => {
  const all = partyOrganizations();
  for (const code of [DISTRICT, SEED_STREET, '410106003000', '410106001001']) {
    const prefix = code === DISTRICT ? '410106' : code.endsWith('000') ? code.slice(0, 9) : code;
    const here = all.filter((p) => p.node.startsWith(prefix));
    const founded = (year: number, type?: string) =>
      here.filter((p) => p.foundedOn.startsWith(String(year)) && (!type || p.type === type)).length;
    const res = await env.sg.query(
      `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { partyBuilding {
        joint: partyOrganizationsFounded(year: 2025, type: JOINT) { value previousYear }
        any: partyOrganizationsFounded(year: 2025) { value previousYear } } } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].partyBuilding).toEqual({
      joint: { value: founded(2025, 'JOINT'), previousYear: founded(2024, 'JOINT') },
      any: { value: founded(2025), previousYear: founded(2024) },
    });
  }
});

test('a seed sentence from one query: the street founded three joint branches (seeds/000 三.一)', async () => {
  const res = await env.sg.query(
    `query($c: ID!) { _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { partyBuilding {
      partyOrganizationsFounded(year: 2025, type: JOINT) { value } } } } }`,
    { c: SEED_STREET },
    testCallers.analyst,
  );
  expect(`成立${res.data!._entities[0].partyBuilding.partyOrganizationsFounded.value}个联合党支部`).toBe('成立3个联合党支部');
});

test('the list of Party organizations founded in the year agrees with the figure at the district and the seed street', async () => {
  for (const code of [DISTRICT, SEED_STREET]) {
    const res = await env.sg.query(
      `query($c: ID!) {
        figure: _entities(representations: [{ __typename: "Region", code: $c }]) { ... on Region { partyBuilding {
          partyOrganizationsFounded(year: 2025, type: JOINT) { value } } } }
        list: partyOrganizations(filter: { regionCode: $c, type: JOINT, foundedFrom: "2025-01-01", foundedTo: "2025-12-31" }, sort: { field: FOUNDED_ON }) {
          totalCount nodes { name foundedOn } } }`,
      { c: code },
      testCallers.analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.list.totalCount).toBe(res.data!.figure[0].partyBuilding.partyOrganizationsFounded.value);
    if (code === SEED_STREET)
      expect(res.data!.list.nodes.map((n: { name: string }) => n.name)).toEqual([
        '众创空间第一联合党支部',
        '众创空间第二联合党支部',
        '众创空间第三联合党支部',
      ]);
  }
});
