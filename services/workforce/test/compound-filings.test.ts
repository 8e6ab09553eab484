import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { compoundFilingsLedger } from '../src/modules/compound-records/compound-records.ledger';
import { analyst, errorOf, startWithGovernance, under } from './governance-kit';
import { importFile } from './kit';

/**
 * Filings handled (备案: 房屋租赁登记、物业合同、承接查验、设施交付; seeds/001 §(五)五) from the
 * generated Shangjie ledger: items (件次) by kind at district, street and community against the
 * fixture rows, the report's sentence from one query, daily work and a street office's own import.
 */
const FILE = 'workforce/compound_filings.csv';
let sg: Subgraph;
let fx: GovernanceFixtures;

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([FILE]));
});

afterAll(() => sg?.close());

const KINDS: Record<string, string> = {
  LEASE: '房屋租赁登记备案',
  PROPERTY_CONTRACT: '物业合同备案',
  TAKEOVER_INSPECTION: '承接查验备案',
  FACILITY_HANDOVER: '设施交付备案',
};

function expected(code: string) {
  const cs = under(fx, code);
  const rows = fx.rows[FILE].filter((r) => cs.has(String(r.community)));
  const items = (year: string, keep: (r: FixtureRow) => boolean = () => true) =>
    rows.filter((r) => String(r.filedOn).startsWith(year) && keep(r)).reduce((s, r) => s + Number(r.items), 0);
  return {
    all: { value: items('2025'), previousYear: items('2024') },
    lease: { value: items('2025', (r) => r.kind === KINDS.LEASE), previousYear: items('2024', (r) => r.kind === KINDS.LEASE) },
    handovers: { value: items('2025', (r) => r.kind === KINDS.TAKEOVER_INSPECTION || r.kind === KINDS.FACILITY_HANDOVER) },
  };
}

test('items filed at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106002000', fx.communities[30].code]) {
    const res = await sg.query(
      `query($c: ID!) { region(code: $c) { governance {
        all: compoundFilings(year: 2025) { value previousYear }
        lease: compoundFilings(year: 2025, kinds: [LEASE]) { value previousYear }
        handovers: compoundFilings(year: 2025, kinds: [TAKEOVER_INSPECTION, FACILITY_HANDOVER]) { value } } } }`,
      { c: code },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('a seed sentence from one query: the street’s filings of the year (seeds/001 §(五)五)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      leases: compoundFilings(filter: { kinds: [LEASE], filedFrom: "2025-01-01", filedTo: "2025-12-31" }, sort: { field: ITEMS, direction: DESC }, first: 3) { nodes { compound { name } } }
      governance {
        lease: compoundFilings(year: 2025, kinds: [LEASE]) { value }
        contract: compoundFilings(year: 2025, kinds: [PROPERTY_CONTRACT]) { value }
        takeover: compoundFilings(year: 2025, kinds: [TAKEOVER_INSPECTION]) { value }
        handover: compoundFilings(year: 2025, kinds: [FACILITY_HANDOVER]) { value } } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  const names = [...new Set(r.leases.nodes.map((n: { compound: { name: string } }) => n.compound.name))].join('、');
  expect(
    `全年共办理${names}等小区房屋租赁登记备案${g.lease.value}件次，项目前期物业合同备案${g.contract.value}件次，` +
      `物业承接查验备案${g.takeover.value}件次，新建住宅附属设施设备交付使用备案${g.handover.value}件次`,
  ).toMatch(
    /^全年共办理.+等小区房屋租赁登记备案58件次，项目前期物业合同备案12件次，物业承接查验备案3件次，新建住宅附属设施设备交付使用备案2件次$/,
  );
});

test('daily work: filings recorded, corrected and withdrawn; errors name their field', async () => {
  const compound = fx.compounds.find((c) => c.community.startsWith('410106003'))!;
  const office = testCallers.community(compound.community);
  const record = (input: string) =>
    sg.query(
      `mutation($c: ID!, $k: ID) { recordCompoundFiling(input: { communityCode: $c, compoundId: $k, ${input} }) { id items kind compound { name } } }`,
      { c: compound.community, k: compound.number },
      office,
    );
  const made = await record('kind: LEASE, filedOn: "2026-04-02", items: 6');
  expect(made.errors).toBeUndefined();
  expect(made.data!.recordCompoundFiling).toMatchObject({ items: 6, kind: 'LEASE', compound: { name: compound.name } });
  expect(errorOf(await record('kind: LEASE, filedOn: "2026-04-02", items: 0'))).toEqual({ code: 'BAD_USER_INPUT', field: 'items' });
  const other = fx.compounds.find((c) => c.community !== compound.community)!;
  const wrongCompound = await sg.query(
    `mutation($c: ID!, $k: ID) { recordCompoundFiling(input: { communityCode: $c, compoundId: $k, kind: LEASE, filedOn: "2026-04-02" }) { id } }`,
    { c: compound.community, k: other.number },
    office,
  );
  expect(errorOf(wrongCompound)).toEqual({ code: 'BAD_USER_INPUT', field: 'compoundId' });
  const outside = await sg.query(
    `mutation($c: ID!) { recordCompoundFiling(input: { communityCode: $c, kind: LEASE, filedOn: "2026-04-02" }) { id } }`,
    { c: fx.communities.find((c) => !c.code.startsWith(compound.community.slice(0, 9)))!.code },
    office,
  );
  expect(errorOf(outside).code).toBe('FORBIDDEN');
  const id = made.data!.recordCompoundFiling.id;
  const fixed = await sg.query(
    `mutation($id: ID!) { correctCompoundFiling(id: $id, input: { items: 7 }, reason: "补录") { items history { field oldValue newValue } } }`,
    { id },
    office,
  );
  expect(fixed.data!.correctCompoundFiling).toEqual({ items: 7, history: [{ field: 'items', oldValue: '6', newValue: '7' }] });
  const fig = async () =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance { compoundFilings(year: 2026, kinds: [LEASE]) { value } } } }`,
        { c: compound.community },
        analyst,
      )
    ).data!.region.governance.compoundFilings.value;
  const before = await fig();
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawCompoundFiling(id: $id, reason: "重复") { id } }`, { id }, office)).errors,
  ).toBeUndefined();
  expect(await fig()).toBe(before - 7);
});

test('a street office imports its own filings; rows of another street are defects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'filings-'));
  const mine = fx.rows[FILE].filter((r) => String(r.community).startsWith(fx.street.slice(0, 9))).slice(0, 2);
  const theirs = fx.rows[FILE].find((r) => !String(r.community).startsWith(fx.street.slice(0, 9)))!;
  const added = { ...mine[0], number: 'BA-NEW-1', items: 2, filedOn: '2025-11-11' };
  const refused = await importFile(sg, compoundFilingsLedger, writeLedgerFile(dir, compoundFilingsLedger, [theirs, ...mine, added]), {
    region: fx.street,
  }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(LedgerImportError);
  expect((refused as LedgerImportError).defects).toEqual([expect.objectContaining({ row: 1, column: '所属社区代码' })]);
  const done = await importFile(sg, compoundFilingsLedger, writeLedgerFile(dir, compoundFilingsLedger, [...mine, added]), {
    region: fx.street,
  });
  expect(done).toMatchObject({ inserted: 1, unchanged: 2 });
});
