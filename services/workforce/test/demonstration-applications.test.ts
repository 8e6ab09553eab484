import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { testCallers, writeLedgerFile, type FixtureRow, type GovernanceFixtures, type Subgraph } from '@district/testkit';
import { demonstrationApplicationsLedger } from '../src/modules/demonstrations/demonstrations.ledger';
import { analyst, errorOf, startWithGovernance } from './governance-kit';
import { importFile } from './kit';

/**
 * “双示范” applications (seeds/001: 申报、预检、互促互评) from the generated Shangjie ledger: figures by
 * stage at district, street and community against counts made from the fixture rows, the list of a
 * stage against its figure, the seed's sentence from one query, the steps as a loop (a wrong step is
 * a CONFLICT), a grant naming a recognition, and a street office's own upload.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;
const FILE = 'workforce/demonstration_applications.csv';

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance(['workforce/recognitions.csv', FILE]));
});

afterAll(() => sg?.close());

const streets = () => [...new Set(fx.communities.map((c) => c.street))];
const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);
const dayOf: Record<string, (r: FixtureRow) => unknown> = {
  APPLIED: (r) => r.appliedOn,
  PRE_INSPECTED: (r) => r.preInspectedOn,
  PEER_REVIEWED: (r) => r.peerReviewedOn,
  GRANTED: (r) => (r.result === '命名' ? r.decidedOn : null),
  REJECTED: (r) => (r.result === '未通过' ? r.decidedOn : null),
};

function expected(code: string) {
  const rows = fx.rows[FILE].filter((r) => String(r.community).startsWith(prefixOf(code)));
  const n = (stage: string, year: string, keep: (r: FixtureRow) => boolean = () => true) =>
    rows.filter((r) => String(dayOf[stage](r) ?? '').startsWith(year) && keep(r)).length;
  return {
    applied: { value: n('APPLIED', '2025'), previousYear: n('APPLIED', '2024') },
    city: { value: n('APPLIED', '2025', (r) => r.level === '市级') },
    preInspected: { value: n('PRE_INSPECTED', '2025'), previousYear: n('PRE_INSPECTED', '2024') },
    peerReviewed: { value: n('PEER_REVIEWED', '2025') },
    granted: { value: n('GRANTED', '2025'), previousYear: n('GRANTED', '2024') },
    rejected: { value: n('REJECTED', '2025') },
    pilots: { value: n('APPLIED', '2025', (r) => r.kind === '试点') },
  };
}

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  applied: demonstrationApplications(year: 2025) { value previousYear }
  city: demonstrationApplications(year: 2025, level: CITY) { value }
  preInspected: demonstrationApplicationsPreInspected(year: 2025) { value previousYear }
  peerReviewed: demonstrationApplications(year: 2025, stage: PEER_REVIEWED) { value }
  granted: demonstrationApplicationsGranted(year: 2025) { value previousYear }
  rejected: demonstrationApplications(year: 2025, stage: REJECTED) { value }
  pilots: demonstrationApplications(year: 2025, kind: PILOT) { value }
} } }`;

test('figures by stage at the district, streets and a community agree with the ledger rows', async () => {
  const community = String(fx.rows[FILE][0].community);
  for (const code of ['410106000000', streets()[1], streets()[3], community]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
  const all = expected('410106000000');
  expect(all.granted.value + all.granted.previousYear).toBeGreaterThan(0);
  expect(all.rejected.value).toBeGreaterThan(0);
});

test('the list of applications that reached a stage in the year holds what its figure counts', async () => {
  for (const stage of ['APPLIED', 'PRE_INSPECTED', 'GRANTED']) {
    const res = await sg.query(
      `query($s: DemonstrationApplicationStage!) { region(code: "410106000000") {
        governance { demonstrationApplications(year: 2025, stage: $s) { value } }
        demonstrationApplications(filter: { reached: $s, reachedFrom: "2025-01-01", reachedTo: "2025-12-31" }) { totalCount } } }`,
      { s: stage },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.demonstrationApplications.totalCount).toBe(res.data!.region.governance.demonstrationApplications.value);
  }
});

test('a seed sentence from one query: applications, pre-inspection and peer review of the street (seeds/001)', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      demonstrationApplications(filter: { level: CITY }, sort: { field: ID }) { nodes { community { name } compound { name } title } }
      governance {
        applied: demonstrationApplications(year: 2025) { value }
        city: demonstrationApplications(year: 2025, level: CITY) { value }
        preInspected: demonstrationApplicationsPreInspected(year: 2025, level: CITY) { value }
        peerReviewed: demonstrationApplications(year: 2025, stage: PEER_REVIEWED) { value } } } }`,
    { c: streets()[1] },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  const [a, b] = r.demonstrationApplications.nodes;
  expect(
    `指导${a.community.name}申报创建${a.title}，${b.compound.name}申报创建${b.title}，共${g.applied.value}个社区（小区）申报示范建设，其中市级${g.city.value}个；` +
      `完成市级双示范建设工作预检${g.preInspected.value}个，完成示范建设工作互促互评${g.peerReviewed.value}个`,
  ).toBe(
    `指导${fx.communities.filter((c) => c.street === streets()[1])[0].name}申报创建市级示范产业社区，` +
      `${fx.compounds.find((c) => c.number === fx.rows[FILE][1].compound)!.name}申报创建市级示范农民集中居住区，` +
      '共3个社区（小区）申报示范建设，其中市级2个；完成市级双示范建设工作预检2个，完成示范建设工作互促互评2个',
  );
});

test('the steps are a loop: a wrong step is a CONFLICT; a grant names a recognition', async () => {
  const community = fx.communities[2].code;
  const compound = fx.compounds.find((c) => c.community === community)!;
  const made = await sg.query(
    `mutation($i: RecordDemonstrationApplicationInput!) { recordDemonstrationApplication(input: $i) { id number stage compound { name } } }`,
    {
      i: {
        communityCode: community,
        compoundId: compound.number,
        kind: 'DEMONSTRATION_SITE',
        level: 'CITY',
        title: '市级示范小区',
        appliedOn: '2025-04-01',
      },
    },
    testCallers.street(`${community.slice(0, 9)}000`),
  );
  expect(made.errors).toBeUndefined();
  const { id } = made.data!.recordDemonstrationApplication;
  expect(made.data!.recordDemonstrationApplication).toMatchObject({ stage: 'APPLIED', compound: { name: compound.name } });
  expect(made.data!.recordDemonstrationApplication.number).toMatch(/^SF2025\d{4}$/);

  const stepOf = (m: string, day: string, extra = '') =>
    sg.query(
      `mutation($id: ID!) { ${m}(id: $id, ${day}${extra}) { stage decidedOn recognition { kind level title holderType holderName grantedOn } } }`,
      { id },
    );
  // granted before its peer review, peer-reviewed before pre-inspection: CONFLICT
  expect(errorOf(await stepOf('grantDemonstrationApplication', 'grantedOn: "2025-12-01"'))).toEqual({ code: 'CONFLICT', field: undefined });
  expect(errorOf(await stepOf('peerReviewDemonstrationApplication', 'peerReviewedOn: "2025-10-01"'))).toEqual({
    code: 'CONFLICT',
    field: undefined,
  });
  // a step before the step before: BAD_USER_INPUT naming the day
  expect(errorOf(await stepOf('preInspectDemonstrationApplication', 'preInspectedOn: "2025-03-01"'))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'preInspectedOn',
  });
  expect(
    (await stepOf('preInspectDemonstrationApplication', 'preInspectedOn: "2025-06-01"')).data!.preInspectDemonstrationApplication.stage,
  ).toBe('PRE_INSPECTED');
  expect(
    (await stepOf('peerReviewDemonstrationApplication', 'peerReviewedOn: "2025-10-01"')).data!.peerReviewDemonstrationApplication.stage,
  ).toBe('PEER_REVIEWED');
  const granted = await stepOf('grantDemonstrationApplication', 'grantedOn: "2025-12-01"');
  expect(granted.data!.grantDemonstrationApplication).toEqual({
    stage: 'GRANTED',
    decidedOn: '2025-12-01',
    recognition: {
      kind: 'DEMONSTRATION_SITE',
      level: 'CITY',
      title: '市级示范小区',
      holderType: 'COMPOUND',
      holderName: compound.name,
      grantedOn: '2025-12-01',
    },
  });
  expect(errorOf(await stepOf('rejectDemonstrationApplication', 'rejectedOn: "2025-12-02"'))).toEqual({
    code: 'CONFLICT',
    field: undefined,
  });

  // the recognition counts where recognitions count
  const held = await sg.query(
    `query($c: ID!) { region(code: $c) { recognitions(filter: { kind: DEMONSTRATION_SITE, holderType: COMPOUND, grantedFrom: "2025-12-01", grantedTo: "2025-12-01" }) { totalCount } } }`,
    { c: community },
    analyst,
  );
  expect(held.data!.region.recognitions.totalCount).toBe(1);
});

test('daily work: input errors name the field, another street is FORBIDDEN, a correction keeps history', async () => {
  const community = fx.communities[3].code;
  const street = `${community.slice(0, 9)}000`;
  const record = (i: Record<string, unknown>, as = testCallers.street(street)) =>
    sg.query(`mutation($i: RecordDemonstrationApplicationInput!) { recordDemonstrationApplication(input: $i) { id stage } }`, { i }, as);
  const input = { communityCode: community, kind: 'PILOT', level: 'DISTRICT', title: '区级治理试点', appliedOn: '2025-05-01' };
  expect(errorOf(await record({ ...input, communityCode: street }))).toEqual({ code: 'BAD_USER_INPUT', field: 'communityCode' });
  expect(errorOf(await record({ ...input, title: ' ' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
  const elsewhere = fx.compounds.find((c) => c.community !== community)!;
  expect(errorOf(await record({ ...input, compoundId: elsewhere.number }))).toEqual({ code: 'BAD_USER_INPUT', field: 'compoundId' });
  const other = fx.communities.find((c) => !c.code.startsWith(community.slice(0, 9)))!.code;
  expect(errorOf(await record({ ...input, communityCode: other }))).toEqual({ code: 'FORBIDDEN', field: undefined });

  const { id } = (await record(input)).data!.recordDemonstrationApplication;
  const rejected = await sg.query(
    `mutation($id: ID!) { rejectDemonstrationApplication(id: $id, rejectedOn: "2025-06-01") { stage decidedOn } }`,
    { id },
  );
  expect(rejected.data!.rejectDemonstrationApplication).toEqual({ stage: 'REJECTED', decidedOn: '2025-06-01' });
  const again = await sg.query(
    `mutation($id: ID!) { preInspectDemonstrationApplication(id: $id, preInspectedOn: "2025-06-02") { stage } }`,
    { id },
  );
  expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: undefined });
  const bad = await sg.query(
    `mutation($id: ID!) { correctDemonstrationApplication(id: $id, input: { preInspectedOn: "2025-05-10" }) { stage } }`,
    { id },
  );
  expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'preInspectedOn' });
  const fixed = await sg.query(
    `mutation($id: ID!) { correctDemonstrationApplication(id: $id, input: { decidedOn: "2025-05-20", title: "区级社区治理试点" }, reason: "核对") { title decidedOn history { field oldValue newValue } } }`,
    { id },
  );
  expect(fixed.data!.correctDemonstrationApplication.decidedOn).toBe('2025-05-20');
  expect(fixed.data!.correctDemonstrationApplication.history).toEqual(
    expect.arrayContaining([{ field: 'title', oldValue: '区级治理试点', newValue: '区级社区治理试点' }]),
  );
  const early = await sg.query(
    `mutation($id: ID!) { correctDemonstrationApplication(id: $id, input: { decidedOn: "2025-04-01" }) { stage } }`,
    { id },
  );
  expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
  expect(
    (await sg.query(`mutation($id: ID!) { withdrawDemonstrationApplication(id: $id, reason: "录入错误") { id } }`, { id })).errors,
  ).toBeUndefined();
});

test('a compound or community with applications is not withdrawn from under them', async () => {
  const row = fx.rows[FILE][1];
  const compound = await sg.query(`mutation($id: ID!) { withdrawCompound(id: $id, reason: "合并") { id } }`, { id: row.compound });
  expect(errorOf(compound).code).toBe('CONFLICT');
  expect(compound.errors![0].message).toContain('示范创建申报');
  const community = await sg.query(`mutation($c: ID!) { withdrawRegion(code: $c, reason: "合并") { id } }`, { c: row.community });
  expect(errorOf(community).code).toBe('CONFLICT');
});

test('a street office uploads its own applications: rows of other places are refused as defects', async () => {
  const street = streets()[1];
  const own = fx.rows[FILE].filter((r) => String(r.community).startsWith(street.slice(0, 9)));
  const dir = mkdtempSync(join(tmpdir(), 'demonstration-'));
  writeLedgerFile(
    dir,
    demonstrationApplicationsLedger,
    own.map((r, i) => (i === 2 ? { ...r, preInspectedOn: '2025-09-16' } : r)),
  );
  const summary = await importFile(sg, demonstrationApplicationsLedger, join(dir, FILE), { region: street });
  expect(summary).toMatchObject({ read: own.length, inserted: 0, updated: 1 });
  const g = (await sg.query(FIGURES, { c: street }, analyst)).data!.region.governance;
  expect(g.preInspected.value).toBe(3);

  const all = mkdtempSync(join(tmpdir(), 'demonstration-all-'));
  writeLedgerFile(all, demonstrationApplicationsLedger, fx.rows[FILE]);
  const err = await importFile(sg, demonstrationApplicationsLedger, join(all, FILE), { region: street }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerImportError);
  expect((err as LedgerImportError).defectCount).toBe(fx.rows[FILE].length - own.length);
});
