import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { ledgers } from '../src/ledgers';
import { volunteerStations } from '../src/module';
import { expected, startRegionTree } from '../../workforce/test/kit';
import { DATASETS, importFile, SHANGJIE, type Outcome, type Subgraph } from './kit';

/**
 * Shangjie adopts the system: its volunteer ledgers import, and the 2025 work report's volunteer
 * figures come out of the graph exactly as expected.json says.
 */
const want = (key: string) => expected.figures[`volunteer.${key}`].value;

let wf: Subgraph;
let sg: Subgraph;
let references: Awaited<ReturnType<typeof startRegionTree>>['references'];
const first: Record<string, Outcome> = {};

beforeAll(async () => {
  ({ workforce: wf, references } = await startRegionTree());
  sg = await startTestSubgraph(volunteerStations, { regionTreeUrl: wf.url });
  for (const ledger of ledgers) first[ledger.spec.file] = await importFile(ledger, SHANGJIE, sg.databaseUrl, references);
}, 300_000);

afterAll(async () => {
  await sg?.close();
  await wf?.close();
});

const REPORT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');
const FIGURES = `query($code: ID!, $year: Int!) { _entities(representations: [{ __typename: "Region", code: $code }]) {
  ... on Region { volunteer { ...VolunteerReport } } } }
${REPORT}`;

async function report(code: string, year = 2025): Promise<Record<string, { value: number }>> {
  const res = await subgraphRequest<{ _entities: { volunteer: Record<string, { value: number }> }[] }>(sg.url, FIGURES, { code, year });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0].volunteer;
}

test('every volunteer ledger imports with its row count', () => {
  for (const ledger of ledgers) {
    const file = ledger.spec.file;
    const outcome = first[file];
    expect({ file, defects: outcome.defects?.slice(0, 3) }).toEqual({ file, defects: undefined });
    const rows = expected.files.find((f) => f.file === file)!.rows;
    expect({ file, read: outcome.summary!.read, inserted: outcome.summary!.inserted }).toEqual({ file, read: rows, inserted: rows });
  }
});

test('the report fragment gives every volunteer figure of expected.json for the district in 2025', async () => {
  const figures = await report('410106');
  const keys = Object.keys(expected.figures)
    .filter((k) => k.startsWith('volunteer.'))
    .map((k) => k.slice('volunteer.'.length));
  expect(Object.keys(figures).sort()).toEqual(keys.sort());
  for (const key of keys) expect({ key, value: figures[key].value }).toEqual({ key, value: want(key) });
});

test('figures come with last year: pilots were designated in 2025, needs of 2024 are last year', async () => {
  const res = await subgraphRequest<{
    _entities: { volunteer: Record<string, { value: number; previousYear: number; growthPct: number | null }> }[];
  }>(
    sg.url,
    `{ _entities(representations: [{ __typename: "Region", code: "410106" }]) { ... on Region { volunteer {
      pilots(year: 2025) { value previousYear growthPct }
      needs(year: 2025) { value previousYear }
      activities(year: 2025) { value previousYear }
    } } } }`,
  );
  const v = res.data!._entities[0].volunteer;
  expect(v.pilots).toEqual({ value: want('pilotsCity') + want('pilotsDistrict'), previousYear: 0, growthPct: null });
  // needs.csv holds 955 rows: the 57 dated 2024 are last year's list, so 2025 has 898
  expect(v.needs.value + v.needs.previousYear).toBe(expected.files.find((f) => f.file === 'volunteer/needs.csv')!.rows);
  expect(v.activities.value + v.activities.previousYear).toBe(expected.files.find((f) => f.file === 'volunteer/activities.csv')!.rows);
});

test('the district is the sum of its streets, and a community counts its own stations', async () => {
  type Nodes = { regions: { nodes: { code: string }[] } };
  const streets = await subgraphRequest<Nodes>(wf.url, '{ regions(level: STREET, first: 50) { nodes { code } } }');
  const towns = await subgraphRequest<Nodes>(wf.url, '{ regions(level: TOWN, first: 50) { nodes { code } } }');
  const codes = [streets, towns].flatMap((r) => r.data!.regions.nodes.map((n) => n.code));
  expect(codes.length).toBeGreaterThan(1);
  const sums: Record<string, number> = {};
  for (const code of codes) {
    for (const [key, f] of Object.entries(await report(code))) sums[key] = (sums[key] ?? 0) + f.value;
  }
  const district = await report('410106');
  for (const key of Object.keys(district)) expect({ key, value: sums[key] }).toEqual({ key, value: district[key].value });

  // read straight from the ledger: stations of 盛世社区 with all six 六有 items
  const rows = readFileSync(join(SHANGJIE, 'volunteer', 'stations.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const ownStandard = rows.filter((c) => c[2] === '410106001001' && c.slice(3, 9).every((f) => f === '是')).length;
  expect((await report('410106001001')).standardizedStations.value).toBe(ownStandard);
});

test('importing the same ledgers again changes nothing', async () => {
  for (const ledger of ledgers) {
    const again = await importFile(ledger, SHANGJIE, sg.databaseUrl, references);
    expect({ file: ledger.spec.file, inserted: again.summary?.inserted, updated: again.summary?.updated }).toEqual({
      file: ledger.spec.file,
      inserted: 0,
      updated: 0,
    });
  }
});

/** Every table's row count and content hash. */
async function snapshot(): Promise<Record<string, string>> {
  const db = sg.orm.em.getConnection();
  const tables: { tablename: string }[] = await db.execute(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r]: { n: string; h: string }[] = await db.execute(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.n}:${r.h}`;
  }
  return out;
}

test('the dirty service records are refused with exactly their listed defects, and nothing changes', async () => {
  const listed = (
    JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')) as {
      defects: { file: string; row: number; column: string; kind: string }[];
    }
  ).defects.filter((d) => d.file === 'volunteer/service_records.csv');
  const before = await snapshot();
  const records = ledgers.find((l) => l.spec.file === 'volunteer/service_records.csv')!;
  const outcome = await importFile(records, join(DATASETS, 'dirty'), sg.databaseUrl, references);
  const found = (outcome.defects ?? []).map(({ file, row, column, kind }) => ({ file, row, column, kind }));
  const sortKey = (d: { row: number; column: string }) => `${String(d.row).padStart(6, '0')}${d.column}`;
  expect(found.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
    listed.map(({ file, row, column, kind }) => ({ file, row, column, kind })).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
  expect(await snapshot()).toEqual(before);
});
