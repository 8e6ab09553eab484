import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { annualReport, importLedgers, type ImportReport } from '@district/infra';
import { startTestStack, type TestStack } from '@district/testkit';

/**
 * The district adopts the system with its ledgers: the import loads them, and the work report's
 * figures come out of the graph exactly as expected.json says. Then the same ledgers again change
 * nothing, and every ledger with known defects is refused whole, leaving the databases as they were.
 */
const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');
const SHANGJIE = join(DATASETS, 'shangjie-2025');
const expected = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as {
  figures: Record<string, { value: number }>;
  files: { file: string; rows: number }[];
};
const defects = JSON.parse(readFileSync(join(DATASETS, 'dirty', 'defects.json'), 'utf8')) as {
  defects: { file: string; row: number; column: string; kind: string }[];
};

let stack: TestStack;
let first: ImportReport;

beforeAll(async () => {
  stack = await startTestStack();
  first = await importLedgers(stack, SHANGJIE);
}, 300_000);

afterAll(() => stack?.stop());

test('every Shangjie ledger imports with its row count', () => {
  const failed = first.outcomes.filter((o) => o.defects).map((o) => ({ file: o.file, defects: o.defects!.slice(0, 5) }));
  expect(failed).toEqual([]);
  const read = Object.fromEntries(first.outcomes.map((o) => [o.file, o.summary!.read]));
  for (const f of expected.files) expect({ file: f.file, rows: read[f.file] }).toEqual({ file: f.file, rows: f.rows });
  expect(first.outcomes.every((o) => o.summary!.inserted === o.summary!.read)).toBe(true);
});

test('the report reproduces every figure of the published 2025 work report', async () => {
  const figures = await annualReport(stack, '410106', 2025);
  const want = Object.fromEntries(Object.entries(expected.figures).map(([k, v]) => [k, v.value]));
  expect(figures).toEqual(want);
});

test('the report works for a street and a community too, and the district is the sum of its streets', async () => {
  const street = await annualReport(stack, '410106001000', 2025);
  const community = await annualReport(stack, '410106001001', 2025);
  expect(Object.keys(street).sort()).toEqual(Object.keys(expected.figures).sort());
  expect(street.communities as number).toBeLessThan(expected.figures.communities.value);
  expect(community.communities).toBe(1);
  const streets = await stack.query<{ regions: { nodes: { code: string }[] } }>('{ regions(level: STREET, first: 50) { nodes { code } } }');
  const towns = await stack.query<{ regions: { nodes: { code: string }[] } }>('{ regions(level: TOWN, first: 50) { nodes { code } } }');
  const nodes = [...streets.data!.regions.nodes, ...towns.data!.regions.nodes];
  let grids = 0;
  for (const n of nodes) grids += (await annualReport(stack, n.code, 2025)).grids as number;
  expect(grids).toBe(expected.figures.grids.value);
});

test('one registered organisation carries data of two subgraphs through the gateway', async () => {
  const res = await stack.query(`{ registeredOrganization(creditCode: "514101062337240340") {
    creditCode name partyCoverage(asOf: "2025-12-31") { covered status } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data?.registeredOrganization).toMatchObject({
    creditCode: '514101062337240340',
    name: '上街区阳光促进会',
    partyCoverage: { covered: true },
  });
});

test('importing the same ledgers again changes nothing', async () => {
  const again = await importLedgers(stack, SHANGJIE);
  expect(again.ok).toBe(true);
  for (const o of again.outcomes) {
    expect({ file: o.file, inserted: o.summary!.inserted, updated: o.summary!.updated }).toEqual({ file: o.file, inserted: 0, updated: 0 });
  }
});

/** Every table's row count and content hash, per subgraph database. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, url] of Object.entries(stack.databaseUrls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    const tables = await client.query(
      // the record of the upload itself (ledger_import) is the one thing a refused file leaves
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' AND tablename <> 'ledger_import' ORDER BY 1`,
    );
    for (const { tablename } of tables.rows) {
      const r = await client.query(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
      );
      out[`${name}.${tablename}`] = `${r.rows[0].n}:${r.rows[0].h}`;
    }
    await client.end();
  }
  return out;
}

describe('ledgers with known defects', () => {
  const byFile = new Map<string, typeof defects.defects>();
  for (const d of defects.defects.filter((x) => x.kind !== 'formula-text')) {
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  }

  test.each([...byFile.keys()])('%s: every listed defect reported, nothing changed', async (file) => {
    const before = await snapshot();
    const report = await importLedgers(stack, join(DATASETS, 'dirty', file));
    expect(report.ok).toBe(false);
    const outcome = report.outcomes.find((o) => o.file === file)!;
    const reported = outcome.defects!.map((d) => `${d.row}|${d.column}|${d.kind}`);
    for (const d of byFile.get(file)!) expect(reported).toContain(`${d.row}|${d.column}|${d.kind}`);
    expect(await snapshot()).toEqual(before);
  });

  test('defect messages never carry an ID number or phone number', async () => {
    const report = await importLedgers(stack, join(DATASETS, 'dirty', 'workforce', 'certificates.csv'));
    const text = JSON.stringify(report.outcomes);
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });
});
