import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { talentPoolLedger } from '../src/modules/talent-pool/talent-pool.ledger';
import { analyst, errorOf, startWithGovernance } from './governance-kit';
import { importFile } from './kit';

/**
 * The social-work talent pool (社工人才库, seeds/001 and 002) from the generated Shangjie ledger:
 * figures at district, street and community against counts made from the fixture rows, the list of a
 * day against the figure of that day, the seeds' sentences from one query each, names and ID numbers
 * masked, a worker linked, daily work and a street office's own upload.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;
const FILE = 'workforce/talent_pool.csv';

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([FILE]));
});

afterAll(() => sg?.close());

const CATEGORY: Record<string, string> = {
  持证社工: 'CERTIFIED',
  社区工作者后备: 'RESERVE',
  后备人才: 'RESERVE',
  专业人才: 'SPECIALIST',
  志愿者骨干: 'VOLUNTEER_BACKBONE',
  其他: 'OTHER',
};
const streets = () => [...new Set(fx.communities.map((c) => c.street))];
const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);
const inPool = (r: FixtureRow, d: string) => String(r.enteredOn) <= d && (!r.leftOn || String(r.leftOn) > d);

function expected(code: string) {
  const rows = fx.rows[FILE].filter((r) => String(r.region).startsWith(prefixOf(code)));
  return {
    members: {
      value: rows.filter((r) => inPool(r, '2025-12-31')).length,
      previousYear: rows.filter((r) => inPool(r, '2024-12-31')).length,
    },
    reserves: { value: rows.filter((r) => inPool(r, '2025-12-31') && CATEGORY[String(r.category)] === 'RESERVE').length },
    entered: {
      value: rows.filter((r) => String(r.enteredOn).startsWith('2025')).length,
      previousYear: rows.filter((r) => String(r.enteredOn).startsWith('2024')).length,
    },
  };
}

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  members: talentPoolMembers(year: 2025) { value previousYear }
  reserves: talentPoolMembers(year: 2025, category: RESERVE) { value }
  entered: talentPoolEntered(year: 2025) { value previousYear }
} } }`;

test('figures at the district, streets and a community agree with the ledger rows', async () => {
  const community = String(fx.rows[FILE].find((r) => String(r.region).length === 12 && !String(r.region).endsWith('000'))!.region);
  for (const code of ['410106000000', streets()[1], streets()[2], community]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
  expect(expected(community).members.value).toBeGreaterThan(0);
});

test('the list of a day holds what the figure of that day counts', async () => {
  for (const d of ['2024-06-30', '2025-12-31']) {
    const res = await sg.query(
      `query($d: Date!, $y: Int!) { region(code: "410106000000") {
        governance { talentPoolMembers(year: $y, asOf: $d) { value } }
        talentPoolMembers(filter: { activeOn: $d }) { totalCount } } }`,
      { d, y: Number(d.slice(0, 4)) },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.talentPoolMembers.totalCount).toBe(res.data!.region.governance.talentPoolMembers.value);
  }
});

test('a seed sentence from one query: the street created its talent pool (seeds/001)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) { name governance {
      members: talentPoolMembers(year: 2025) { value previousYear }
      certified: talentPoolMembers(year: 2025, category: CERTIFIED) { value } } } }`,
    { c: streets()[1] },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  expect(
    `${r.name}建立“三社联动”指导中心，创建社工人才库（上年${r.governance.members.previousYear}名），储备人才${r.governance.members.value}名，其中持证社工${r.governance.certified.value}名`,
  ).toBe('中心路街道建立“三社联动”指导中心，创建社工人才库（上年0名），储备人才36名，其中持证社工20名');
});

test('a seed sentence from one query: the “社工人才库” reserve of the district (seeds/002)', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") { governance {
      members: talentPoolMembers(year: 2025) { value }
      reserves: talentPoolMembers(year: 2025, category: RESERVE) { value }
      entered: talentPoolEntered(year: 2025) { value } } } }`,
    {},
    analyst,
  );
  const g = res.data!.region.governance;
  const e = expected('410106000000');
  expect(`“社工人才库”储备${g.members.value}名，其中社区工作者后备${g.reserves.value}名，本年新入库${g.entered.value}名`).toBe(
    '“社工人才库”储备132名，其中社区工作者后备34名，本年新入库93名',
  );
  expect(g).toEqual({ members: { value: e.members.value }, reserves: { value: e.reserves.value }, entered: { value: e.entered.value } });
});

test('names and ID numbers are masked for an analyst, shown to the district', async () => {
  const q = `{ talentPoolMembers(sort: { field: ID }, first: 1) { nodes { number name idNumber } } }`;
  const first = fx.rows[FILE][0];
  const shown = (await sg.query(q)).data!.talentPoolMembers.nodes[0];
  expect(shown).toEqual({ number: 'RC0001', name: first.name, idNumber: first.idNumber });
  const masked = (await sg.query(q, {}, analyst)).data!.talentPoolMembers.nodes[0];
  expect(masked.name).not.toBe(first.name);
  expect(masked.idNumber).not.toBe(first.idNumber);
});

test('daily work: a worker enters the pool and is linked, leaves on a day, errors name the field', async () => {
  const [w] = await sg.sql<{ idNumber: string; name: string; staff: string; community: string }>(
    `SELECT p.id_number AS "idNumber", p.name, w.staff_number AS staff, w.community_code AS community FROM worker w
     JOIN person p ON p.id = w.person_id WHERE w.left_on IS NULL ORDER BY w.id LIMIT 1`,
  );
  const street = `${w.community.slice(0, 9)}000`;
  const record = (input: Record<string, unknown>, as = testCallers.admin) =>
    sg.query(
      `mutation($i: RecordTalentPoolMemberInput!) { recordTalentPoolMember(input: $i) { id number category enteredOn leftOn worker { staffNumber } region { code } } }`,
      { i: input },
      as,
    );
  const input = {
    regionCode: street,
    name: w.name,
    idNumber: w.idNumber,
    category: 'CERTIFIED',
    specialty: '项目督导',
    enteredOn: '2025-09-01',
  };
  const made = await record(input, testCallers.street(street));
  expect(made.errors).toBeUndefined();
  const m = made.data!.recordTalentPoolMember;
  expect(m).toMatchObject({
    category: 'CERTIFIED',
    enteredOn: '2025-09-01',
    leftOn: null,
    worker: { staffNumber: w.staff },
    region: { code: street },
  });
  expect(m.number).toMatch(/^RC2025\d{4}$/);

  // the same person twice, a name that differs from the one on file, a wrong ID number, outside the caller's street
  expect(errorOf(await record(input))).toEqual({ code: 'CONFLICT', field: 'idNumber' });
  expect(errorOf(await record({ ...input, name: '某某某' }))).toEqual({ code: 'CONFLICT', field: 'name' });
  expect(errorOf(await record({ ...input, idNumber: '410106199001011234' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'idNumber' });
  expect(errorOf(await record({ ...input, regionCode: '410106001001001' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  const other = streets().find((s) => s !== street)!;
  expect(errorOf(await record({ ...input, regionCode: other }, testCallers.street(street)))).toEqual({
    code: 'FORBIDDEN',
    field: undefined,
  });

  const before = (await sg.query(FIGURES, { c: street }, analyst)).data!.region.governance.members.value;
  const removed = await sg.query(`mutation($id: ID!) { removeTalentPoolMember(id: $id, leftOn: "2025-11-30") { leftOn } }`, { id: m.id });
  expect(removed.data!.removeTalentPoolMember.leftOn).toBe('2025-11-30');
  expect((await sg.query(FIGURES, { c: street }, analyst)).data!.region.governance.members.value).toBe(before - 1);
  const again = await sg.query(`mutation($id: ID!) { removeTalentPoolMember(id: $id, leftOn: "2025-12-01") { leftOn } }`, { id: m.id });
  expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: 'id' });

  // left, the person may enter again; a correction keeps the earlier value in the history
  const back = await record({ ...input, enteredOn: '2025-12-10' });
  expect(back.errors).toBeUndefined();
  const corrected = await sg.query(
    `mutation($id: ID!) { correctTalentPoolMember(id: $id, input: { category: RESERVE, leftOn: "2025-12-01" }, reason: "核对") { category history { field oldValue newValue } } }`,
    { id: back.data!.recordTalentPoolMember.id },
  );
  expect(errorOf(corrected)).toEqual({ code: 'BAD_USER_INPUT', field: 'leftOn' });
  const fixed = await sg.query(
    `mutation($id: ID!) { correctTalentPoolMember(id: $id, input: { category: RESERVE }, reason: "核对") { category history { field oldValue newValue } } }`,
    { id: back.data!.recordTalentPoolMember.id },
  );
  expect(fixed.data!.correctTalentPoolMember).toEqual({
    category: 'RESERVE',
    history: [{ field: 'category', oldValue: 'CERTIFIED', newValue: 'RESERVE' }],
  });
  const gone = await sg.query(`mutation($id: ID!) { withdrawTalentPoolMember(id: $id, reason: "录入错误") { id } }`, {
    id: back.data!.recordTalentPoolMember.id,
  });
  expect(gone.errors).toBeUndefined();
});

test('a street office uploads its own pool: rows of other places are refused as defects', async () => {
  const street = streets()[2];
  const own = fx.rows[FILE].filter((r) => String(r.region).startsWith(street.slice(0, 9)));
  const dir = mkdtempSync(join(tmpdir(), 'talent-'));
  writeLedgerFile(
    dir,
    talentPoolLedger,
    own.map((r, i) => (i === 0 ? { ...r, specialty: '社区矫正（更新）' } : r)),
  );
  const summary = await importFile(sg, talentPoolLedger, join(dir, FILE), { region: street });
  expect(summary).toMatchObject({ read: own.length, inserted: 0, updated: 1 });

  const all = mkdtempSync(join(tmpdir(), 'talent-all-'));
  writeLedgerFile(all, talentPoolLedger, fx.rows[FILE]);
  const err = await importFile(sg, talentPoolLedger, join(all, FILE), { region: street }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerImportError);
  expect((err as LedgerImportError).defectCount).toBe(fx.rows[FILE].length - own.length);
});
