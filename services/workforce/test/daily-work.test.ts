import { PersonKey } from '@district/common';
import { testCallers, testIdNumber, TEST_PERSON_KEY, type GraphQLResult, type Subgraph } from '@district/testkit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerImportError } from '@district/ledger';
import { ROLES, TIERS, workersLedger } from '../src/modules/workers/workers.ledger';
import { importFile, startWithShangjie } from './kit';

/**
 * Every workforce record a ledger holds, created, corrected and withdrawn through the API: a
 * correction keeps the earlier value in the record's history, a withdrawal takes the record out of
 * every figure and list without deleting it, and a re-import of the ledger reports both as changes
 * made in the app. Dated 2026 so the 2025 figures stay as reported; each test makes its own records.
 */
let sg: Subgraph;

beforeAll(async () => {
  sg = await startWithShangjie();
});

afterAll(() => sg?.close());

const dept = testCallers.department('workforce');
const run = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller = dept) =>
  sg.query<T>(query, variables, caller) as Promise<GraphQLResult<T & Record<string, any>>>;
const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

const HIRE = `mutation($input: HireCommunityWorkerInput!) { hireCommunityWorker(input: $input) { id } }`;
async function hire(n: number, over: Record<string, unknown> = {}): Promise<string> {
  const res = await run(HIRE, {
    input: {
      id: `D${String(n).padStart(4, '0')}`,
      name: '测试员',
      idNumber: testIdNumber(n, '19920202'),
      communityCode: '410106001003',
      role: 'COMMUNITY_WORKER',
      hiredOn: '2026-03-02',
      ...over,
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.hireCommunityWorker.id;
}

async function figure(code: string, field: string, asOf: string): Promise<number> {
  const res = await run(
    `query($c: ID!${field.includes('$a') ? ', $a: Date' : ''}) { region(code: $c) { workforce { f: ${field} { value } } } }`,
    { c: code, a: asOf },
    testCallers.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.region.workforce.f.value;
}

const CORRECT = `mutation($id: ID!, $input: CorrectCommunityWorkerInput!, $reason: String) {
  correctCommunityWorker(id: $id, input: $input, reason: $reason) {
    id hiredOn leftOn name community { code } posts { fromOn toOn community { code } }
    history { by operation field oldValue newValue reason } } }`;

describe('a worker entered wrongly', () => {
  test('a hire dated 2030 blocks the person until it is corrected; the correction keeps the wrong date in the history', async () => {
    // a record from before the API refused future dates: hired "2030-03-01"
    const person = testIdNumber(901, '19920202');
    await sg.sql(`INSERT INTO person (district_code, id_number, name, person_hash) VALUES ('410106', ?, '误录员', ?)`, [
      person,
      new PersonKey(TEST_PERSON_KEY).hash(person),
    ]);
    await sg.sql(
      `INSERT INTO worker (id, district_code, staff_number, person_id, community_code, role, hired_on)
      SELECT '410106:D0901', '410106', 'D0901', id, '410106001003', 'COMMUNITY_WORKER', '2030-03-01' FROM person WHERE id_number = ?`,
      [person],
    );
    await sg.sql(
      `INSERT INTO worker_post (worker_id, community_code, role, from_on) VALUES ('410106:D0901', '410106001003', 'COMMUNITY_WORKER', '2030-03-01')`,
    );
    const again = await run(HIRE, {
      input: {
        id: 'D0902',
        name: '误录员',
        idNumber: person,
        communityCode: '410106001003',
        role: 'COMMUNITY_WORKER',
        hiredOn: '2026-03-02',
      },
    });
    expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: 'idNumber' });

    const future = await run(CORRECT, { id: '410106:D0901', input: { hiredOn: '2030-03-02' } });
    expect(errorOf(future)).toEqual({ code: 'BAD_USER_INPUT', field: 'hiredOn' });
    const res = await run(CORRECT, { id: 'D0901', input: { hiredOn: '2026-03-01' }, reason: '年份录错' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.correctCommunityWorker).toMatchObject({
      hiredOn: '2026-03-01',
      posts: [{ fromOn: '2026-03-01', toOn: null }],
      history: [
        {
          by: 'workforce@test',
          operation: 'correctCommunityWorker',
          field: 'hiredOn',
          oldValue: '2030-03-01',
          newValue: '2026-03-01',
          reason: '年份录错',
        },
      ],
    });
    expect(await figure('410106001003', 'workers(year: 2026, asOf: $a)', '2026-03-01')).toBe(
      (await figure('410106001003', 'workers(year: 2026, asOf: $a)', '2026-02-28')) + 1,
    );
    expect(errorOf(await run(CORRECT, { id: 'D0901', input: { hiredOn: '2026-03-01' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
  });

  test('a corrected name is history masked as the name is: an analyst sees neither value', async () => {
    const id = await hire(902);
    await run(CORRECT, { id, input: { name: '王小明' } });
    const Q = `query($id: ID!) { communityWorker(id: $id) { name history { field oldValue newValue } } }`;
    expect((await run(Q, { id })).data!.communityWorker).toEqual({
      name: '王小明',
      history: [{ field: 'name', oldValue: '测试员', newValue: '王小明' }],
    });
    expect((await run(Q, { id }, testCallers.analyst)).data!.communityWorker).toEqual({
      name: '王**',
      history: [{ field: 'name', oldValue: '测**', newValue: '王**' }],
    });
  });

  test('posts stay in order: a hire day after the next post began, or a leaving day before the last began, is refused', async () => {
    const id = await hire(903);
    await run(`mutation($id: ID!) { moveCommunityWorker(input: { id: $id, on: "2026-05-01", role: PARTY_SECRETARY }) { id } }`, { id });
    expect(errorOf(await run(CORRECT, { id, input: { hiredOn: '2026-05-02' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'hiredOn' });
    await run(`mutation($id: ID!) { releaseCommunityWorker(id: $id, leftOn: "2026-06-01") { id } }`, { id });
    expect(errorOf(await run(CORRECT, { id, input: { leftOn: '2026-04-30' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'leftOn' });
    const res = await run(CORRECT, { id, input: { leftOn: null, role: 'COMMITTEE_MEMBER' } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.correctCommunityWorker.posts).toEqual([
      { fromOn: '2026-03-02', toOn: '2026-05-01', community: { code: '410106001003' } },
      { fromOn: '2026-05-01', toOn: null, community: { code: '410106001003' } },
    ]);
  });

  test('a withdrawn worker leaves every figure and list, with its posts; its staff number stays its own', async () => {
    const id = await hire(904, { communityCode: '410106001005' });
    const before = await figure('410106001005', 'workers(year: 2026, asOf: $a)', '2026-04-01');
    const listed = `query { communityWorkers(filter: { regionCode: "410106001005", activeOn: "2026-04-01" }) { totalCount } }`;
    const listedBefore = (await run(listed)).data!.communityWorkers.totalCount;
    expect(listedBefore).toBe(before);
    expect(errorOf(await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: " ") { id } }`, { id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const res = await run(
      `mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "重复录入") { type id reason history { field newValue reason } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawCommunityWorker).toMatchObject({
      type: 'CommunityWorker',
      id,
      reason: '重复录入',
      history: [{ field: 'withdrawn', reason: '重复录入' }],
    });
    expect(await figure('410106001005', 'workers(year: 2026, asOf: $a)', '2026-04-01')).toBe(before - 1);
    expect((await run(listed)).data!.communityWorkers.totalCount).toBe(listedBefore - 1);
    expect((await run(`query($id: ID!) { communityWorker(id: $id) { id } }`, { id })).data!.communityWorker).toBeNull();
    expect(await sg.sql(`SELECT count(*)::int AS n FROM worker_post WHERE worker_id = ? AND withdrawn_on IS NULL`, [id])).toEqual([
      { n: 0 },
    ]);
    expect(errorOf(await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "x") { id } }`, { id }))).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
    expect(errorOf(await run(CORRECT, { id, input: { name: 'x' } }))).toEqual({ code: 'CONFLICT', field: 'id' });
    // the person may be hired again, under another staff number
    expect(
      errorOf(
        await run(HIRE, {
          input: {
            id: 'D0904',
            name: '测试员',
            idNumber: testIdNumber(904, '19920202'),
            communityCode: '410106001005',
            role: 'COMMUNITY_WORKER',
            hiredOn: '2026-03-02',
          },
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
    await hire(905, { idNumber: testIdNumber(904, '19920202') });
  });

  test('a worker with attendance is withdrawn only after its attendance', async () => {
    const id = await hire(906, { hiredOn: '2026-01-05' });
    await run(
      `mutation { scheduleWorkforceTraining(input: { id: "PX2026906", name: "系统培训", type: SYSTEM_TRAINING, startOn: "2026-02-01", audience: ALL_WORKERS }) { id } }`,
    );
    // before the worker was hired: refused
    const early = await hire(907, { hiredOn: '2026-03-01' });
    const REC = `mutation($w: ID!) { recordTrainingAttendance(input: { trainingId: "PX2026906", workerId: $w, status: PRESENT }) { status } }`;
    expect(errorOf(await run(REC, { w: early }))).toEqual({ code: 'CONFLICT', field: 'workerId' });
    expect((await run(REC, { w: id })).errors).toBeUndefined();
    expect(errorOf(await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "误录") { id } }`, { id }))).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
    const gone = await run(
      `mutation($w: ID!) { withdrawTrainingAttendance(trainingId: "PX2026906", workerId: $w, reason: "签到表录错") { type } }`,
      { w: id },
    );
    expect(gone.errors).toBeUndefined();
    expect((await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "误录") { id } }`, { id })).errors).toBeUndefined();
  });
});

describe('a re-import meets corrections and withdrawals as changes made in the app', () => {
  test('the ledger does not undo a corrected hire day or a withdrawal: both are reported, the app wins', async () => {
    // two of the ledger's workers (an import wrote them) nobody's attendance names
    const [a, b] = await sg.sql<{ n: string }>(
      `SELECT staff_number AS n FROM worker w WHERE w.imported_values IS NOT NULL AND NOT EXISTS (SELECT 1 FROM training_attendance t WHERE t.worker_id = w.id)
       AND NOT EXISTS (SELECT 1 FROM worker_post p WHERE p.worker_id = w.id AND p.from_on > w.hired_on) ORDER BY id LIMIT 2`,
    );
    const fix = await run(CORRECT, { id: a.n, input: { hiredOn: '2019-01-02' }, reason: '核对原始档案' });
    expect(fix.errors).toBeUndefined();
    const gone = await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "重复录入") { id } }`, { id: b.n });
    expect(gone.errors).toBeUndefined();
    const summary = await importFile(sg, workersLedger);
    const keys = Object.fromEntries(summary.conflicts.map((c) => [c.key, c.fields.map((f) => f.column)]));
    expect(keys[`工号 ${a.n}`]).toEqual(['hired_on']);
    expect(keys[`工号 ${b.n}`]).toEqual(['withdrawn_on']);
    expect(await sg.sql(`SELECT hired_on::text AS h FROM worker WHERE staff_number = ?`, [a.n])).toEqual([{ h: '2019-01-02' }]);
    expect(await sg.sql(`SELECT withdrawn_on IS NOT NULL AS w FROM worker WHERE staff_number = ?`, [b.n])).toEqual([{ w: true }]);
  });

  test('a ledger row whose hire day falls after a move recorded in the app is a defect: posts never run backwards', async () => {
    const [w] = await sg.sql(
      `SELECT w.*, p.name, p.id_number, p.phone FROM worker w JOIN person p ON p.id = w.person_id
       WHERE w.imported_values IS NOT NULL AND w.left_on IS NULL AND w.role = 'COMMUNITY_WORKER'
         AND NOT EXISTS (SELECT 1 FROM worker_post q WHERE q.worker_id = w.id AND q.from_on > w.hired_on) ORDER BY w.id DESC LIMIT 1`,
    );
    const moved = await run(
      `mutation($id: ID!) { moveCommunityWorker(input: { id: $id, on: "2026-02-01", role: COMMITTEE_MEMBER }) { id } }`,
      { id: w.id },
    );
    expect(moved.errors).toBeUndefined();
    const header = Object.values(workersLedger.spec.columns).map((c) => c.header);
    const cells = [
      w.staff_number,
      w.name,
      w.gender ?? '',
      w.id_number,
      w.phone ?? '',
      w.community_code,
      ROLES.labelOf(w.role),
      '',
      '2026-03-01',
      '',
      w.political_status ?? '',
      w.education ?? '',
      TIERS.labelOf(w.tier) ?? '',
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'workers-')), 'workers.csv');
    writeFileSync(path, `${header.join(',')}\n${cells.join(',')}\n`);
    const failed = await importFile(sg, workersLedger, path).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(LedgerImportError);
    expect((failed as LedgerImportError).defects).toEqual([expect.objectContaining({ row: 1, column: '入职日期', kind: 'date' })]);
    expect(await sg.sql(`SELECT from_on::text AS f FROM worker_post WHERE worker_id = ? ORDER BY from_on`, [w.id])).toEqual([
      { f: w.hired_on },
      { f: '2026-02-01' },
    ]);
  });
});

describe('records only a ledger could create before', () => {
  test('an exam registration, its result, and its correction', async () => {
    const REG = `mutation($i: RegisterSocialWorkExamInput!) { registerSocialWorkExam(input: $i) { id result person { id } } }`;
    const input = {
      examYear: 2026,
      registrantName: '考生甲',
      registrantIdNumber: testIdNumber(910, '19950505'),
      regionCode: '410106001003',
      level: 'ASSISTANT',
    };
    const reg = await run(REG, { i: input });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.registerSocialWorkExam).toMatchObject({
      result: 'PENDING',
      person: { id: new PersonKey(TEST_PERSON_KEY).hash(input.registrantIdNumber) },
    });
    expect(errorOf(await run(REG, { i: input }))).toEqual({ code: 'CONFLICT', field: 'registrantIdNumber' });
    expect(errorOf(await run(REG, { i: { ...input, registrantName: '考生乙' } }))).toEqual({ code: 'CONFLICT', field: 'registrantName' });
    const id = reg.data!.registerSocialWorkExam.id;
    const RESULT = `mutation($id: ID!) { recordSocialWorkExamResult(id: $id, result: PASSED) { result } }`;
    expect((await run(RESULT, { id })).data!.recordSocialWorkExamResult.result).toBe('PASSED');
    expect(errorOf(await run(RESULT, { id }))).toEqual({ code: 'CONFLICT', field: 'id' });
    const fixed = await run(
      `mutation($id: ID!) { correctSocialWorkExamRegistration(id: $id, input: { result: FAILED }) { result history { field oldValue newValue } } }`,
      { id },
    );
    expect(fixed.data!.correctSocialWorkExamRegistration).toEqual({
      result: 'FAILED',
      history: [{ field: 'result', oldValue: 'PASSED', newValue: 'FAILED' }],
    });
  });

  test('a certificate under a name other than the one on file, or twice the same, is refused', async () => {
    const id = await hire(911);
    const REC = `mutation($i: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $i) { id worker { id } } }`;
    const input = {
      id: 'ZS2026911',
      holderName: '测试员',
      holderIdNumber: testIdNumber(911, '19920202'),
      regionCode: '410106001003',
      level: 'ASSISTANT',
      obtainedOn: '2026-06-01',
    };
    expect(errorOf(await run(REC, { i: { ...input, holderName: '测式员' } }))).toEqual({ code: 'CONFLICT', field: 'holderName' });
    expect((await run(REC, { i: input })).data!.recordSocialWorkCertificate).toEqual({ id: 'ZS2026911', worker: { id } });
    expect(errorOf(await run(REC, { i: { ...input, id: 'ZS2026912' } }))).toEqual({ code: 'CONFLICT', field: 'id' });
    const w = await run(`mutation { withdrawSocialWorkCertificate(id: "ZS2026911", reason: "证书号录错") { id } }`);
    expect(w.errors).toBeUndefined();
    expect(errorOf(await run(REC, { i: input }))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect((await run(REC, { i: { ...input, id: 'ZS2026913' } })).errors).toBeUndefined();
  });

  test('a street adds a community, a grid and a compound; a node with something under it is not withdrawn', async () => {
    const street = testCallers.street('410106001000');
    const community = await run(
      `mutation { createRegion(input: { code: "410106001090", name: "新建社区", level: COMMUNITY, parentCode: "410106001000", establishedOn: "2026-07-01" }) { code level parent { code } } }`,
      {},
      street,
    );
    expect(community.data!.createRegion).toEqual({ code: '410106001090', level: 'COMMUNITY', parent: { code: '410106001000' } });
    const elsewhere = await run(
      `mutation { createRegion(input: { code: "410106002090", name: "x", level: COMMUNITY, parentCode: "410106002000" }) { code } }`,
      {},
      street,
    );
    expect(errorOf(elsewhere).code).toBe('FORBIDDEN');
    expect(
      errorOf(
        await run(
          `mutation { createGrid(input: { code: "41010600109101", name: "一网格", communityCode: "410106001090" }) { code } }`,
          {},
          street,
        ),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(
      (
        await run(
          `mutation { createGrid(input: { code: "41010600109001", name: "一网格", communityCode: "410106001090" }) { code } }`,
          {},
          street,
        )
      ).errors,
    ).toBeUndefined();
    const compound = await run(
      `mutation { createCompound(input: { id: "XQ9001", name: "新苑", communityCode: "410106001090", gridCode: "41010600109001", households: 120 }) { id grid { code } } }`,
      {},
      street,
    );
    expect(compound.data!.createCompound).toEqual({ id: '410106:XQ9001', grid: { code: '41010600109001' } });
    expect(await figure('410106001090', 'workers(year: 2026, asOf: $a)', '2026-12-31')).toBe(0);
    const structure = await run(`{ region(code: "410106001000") { structure(year: 2026) { communities { value } compounds { value } } } }`);
    const refused = await run(`mutation { withdrawRegion(code: "410106001090", reason: "误建") { id } }`, {}, street);
    expect(errorOf(refused)).toEqual({ code: 'CONFLICT', field: 'id' });
    expect((await run(`mutation { withdrawCompound(id: "XQ9001", reason: "误建") { id } }`, {}, street)).errors).toBeUndefined();
    expect((await run(`mutation { withdrawGrid(code: "41010600109001", reason: "误建") { id } }`, {}, street)).errors).toBeUndefined();
    expect((await run(`mutation { withdrawRegion(code: "410106001090", reason: "误建") { id } }`, {}, street)).errors).toBeUndefined();
    const after = await run(`{ region(code: "410106001000") { structure(year: 2026) { communities { value } compounds { value } } } }`);
    expect(after.data!.region.structure.communities.value).toBe(structure.data!.region.structure.communities.value - 1);
    expect(after.data!.region.structure.compounds.value).toBe(structure.data!.region.structure.compounds.value - 1);
    expect((await run(`query { lookupRegions(codes: ["410106001090"]) { code } }`, {}, testCallers.service)).data!.lookupRegions).toEqual(
      [],
    );
  });
});

describe('the person behind a worker', () => {
  test('a worker names its person by a keyed hash; only subgraphs may ask who is in post', async () => {
    const id = await hire(920);
    const res = await run(`query($id: ID!) { communityWorker(id: $id) { person { id } } }`, { id });
    expect(res.data!.communityWorker.person.id).toBe(new PersonKey(TEST_PERSON_KEY).hash(testIdNumber(920, '19920202')));
    const Q = `query { personsInPost(days: ["2026-03-02", "2026-03-01"]) { day personIds } }`;
    expect(errorOf(await run(Q, {}, testCallers.admin)).code).toBe('FORBIDDEN');
    const days = (await run(Q, {}, testCallers.service)).data!.personsInPost;
    expect(days[0].personIds).toContain(res.data!.communityWorker.person.id);
    expect(days[1].personIds).not.toContain(res.data!.communityWorker.person.id);
  });
});

describe('the audit trail of daily work', () => {
  test("a correction's arguments are kept with the names and ID numbers of people masked", async () => {
    const REG = `mutation($i: RegisterSocialWorkExamInput!) { registerSocialWorkExam(input: $i) { id } }`;
    const idNumber = testIdNumber(930, '19950505');
    const reg = await run(REG, {
      i: { examYear: 2026, registrantName: '审计员', registrantIdNumber: idNumber, regionCode: '410106001003', level: 'ASSISTANT' },
    });
    const id = reg.data!.registerSocialWorkExam.id;
    await run(
      `mutation($id: ID!) { correctSocialWorkExamRegistration(id: $id, input: { registrantName: "审计员", level: INTERMEDIATE }) { id } }`,
      { id },
    );
    const trail = await run(`{ workforceAuditTrail(first: 5) { operation args } }`, {}, testCallers.admin);
    const entries = trail.data!.workforceAuditTrail.filter((e: { operation: string }) => /SocialWorkExam/.test(e.operation));
    expect(entries.length).toBe(2);
    for (const e of entries) {
      expect(e.args).not.toContain('审计员');
      expect(e.args).not.toContain(idNumber);
    }
  });
});

describe('every other workforce record corrected and withdrawn', () => {
  const history = 'history { field oldValue newValue reason }';

  test('a certificate corrected (the holder still the one on file), an exam registration withdrawn from the count', async () => {
    await hire(940);
    const REC = `mutation($i: RecordSocialWorkCertificateInput!) { recordSocialWorkCertificate(input: $i) { id } }`;
    const holder = { holderName: '测试员', holderIdNumber: testIdNumber(940, '19920202') };
    expect(
      (await run(REC, { i: { id: 'ZS2026940', ...holder, regionCode: '410106001003', level: 'ASSISTANT', obtainedOn: '2026-06-01' } }))
        .errors,
    ).toBeUndefined();
    const CORRECT_CERT = `mutation($i: CorrectSocialWorkCertificateInput!) { correctSocialWorkCertificate(id: "ZS2026940", input: $i, reason: "证书级别录错") {
      level obtainedOn ${history} } }`;
    expect(errorOf(await run(CORRECT_CERT, { i: { holderName: '测式员' } }))).toEqual({ code: 'CONFLICT', field: 'holderName' });
    expect(errorOf(await run(CORRECT_CERT, { i: { obtainedOn: '2099-06-01' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'obtainedOn' });
    const fixed = await run(CORRECT_CERT, { i: { level: 'INTERMEDIATE', obtainedOn: '2026-06-02' } });
    expect(fixed.data!.correctSocialWorkCertificate).toEqual({
      level: 'INTERMEDIATE',
      obtainedOn: '2026-06-02',
      history: [
        { field: 'level', oldValue: 'ASSISTANT', newValue: 'INTERMEDIATE', reason: '证书级别录错' },
        { field: 'obtainedOn', oldValue: '2026-06-01', newValue: '2026-06-02', reason: '证书级别录错' },
      ],
    });

    const registrants = () => figure('410106001003', 'examRegistrants(year: 2026)', '2026-12-31');
    const before = await registrants();
    const reg = await run(`mutation($i: RegisterSocialWorkExamInput!) { registerSocialWorkExam(input: $i) { id } }`, {
      i: {
        examYear: 2026,
        registrantName: '考生丙',
        registrantIdNumber: testIdNumber(941, '19950505'),
        regionCode: '410106001003',
        level: 'ASSISTANT',
      },
    });
    expect(await registrants()).toBe(before + 1);
    const id = reg.data!.registerSocialWorkExam.id;
    const gone = await run(`mutation($id: ID!) { withdrawSocialWorkExamRegistration(id: $id, reason: "重复报名") { type reason } }`, {
      id,
    });
    expect(gone.data!.withdrawSocialWorkExamRegistration).toEqual({ type: 'SocialWorkExamRegistration', reason: '重复报名' });
    expect(await registrants()).toBe(before);
    expect(errorOf(await run(`mutation($id: ID!) { recordSocialWorkExamResult(id: $id, result: PASSED) { id } }`, { id }))).toEqual({
      code: 'CONFLICT',
      field: 'id',
    });
  });

  test('a training corrected: no attendance left outside the attendee’s service, by the session’s day or the worker’s; withdrawn with its attendance', async () => {
    const id = await hire(942, { hiredOn: '2026-03-02' });
    expect(
      (
        await run(
          `mutation { scheduleWorkforceTraining(input: { id: "PX2026942", name: "岗前培训", type: SYSTEM_TRAINING, startOn: "2026-04-01", audience: ALL_WORKERS }) { id } }`,
        )
      ).errors,
    ).toBeUndefined();
    const REC = `mutation($w: ID!) { recordTrainingAttendance(input: { trainingId: "PX2026942", workerId: $w, status: PRESENT }) { status } }`;
    expect((await run(REC, { w: id })).errors).toBeUndefined();
    const CORRECT_TRAINING = `mutation($i: CorrectWorkforceTrainingInput!) { correctWorkforceTraining(id: "PX2026942", input: $i, reason: "日期录错") {
      name startOn ${history} } }`;
    // the session moved before the attendee was hired, or into the future: refused
    expect(errorOf(await run(CORRECT_TRAINING, { i: { startOn: '2026-03-01' } }))).toEqual({ code: 'CONFLICT', field: 'startOn' });
    expect(errorOf(await run(CORRECT_TRAINING, { i: { startOn: '2099-03-01' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'startOn' });
    const fixed = await run(CORRECT_TRAINING, { i: { name: '系统培训', startOn: '2026-04-02' } });
    expect(fixed.data!.correctWorkforceTraining).toEqual({
      name: '系统培训',
      startOn: '2026-04-02',
      history: [
        { field: 'name', oldValue: '岗前培训', newValue: '系统培训', reason: '日期录错' },
        { field: 'startOn', oldValue: '2026-04-01', newValue: '2026-04-02', reason: '日期录错' },
      ],
    });
    // the worker hired after the session, or gone before it: refused as well
    expect(errorOf(await run(CORRECT, { id, input: { hiredOn: '2026-04-03' } }))).toEqual({ code: 'CONFLICT', field: 'hiredOn' });
    expect(errorOf(await run(`mutation($id: ID!) { releaseCommunityWorker(id: $id, leftOn: "2026-04-02") { id } }`, { id }))).toEqual({
      code: 'CONFLICT',
      field: 'leftOn',
    });
    expect((await run(CORRECT, { id, input: { hiredOn: '2026-04-01' } })).errors).toBeUndefined();

    const times = () => figure('410106000000', 'trainingPersonTimes(year: 2026)', '2026-12-31');
    const sessions = () => figure('410106000000', 'trainingSessions(year: 2026)', '2026-12-31');
    const [timesBefore, sessionsBefore] = [await times(), await sessions()];
    const gone = await run(`mutation { withdrawWorkforceTraining(id: "PX2026942", reason: "重复录入") { type } }`);
    expect(gone.data!.withdrawWorkforceTraining.type).toBe('WorkforceTraining');
    expect([await times(), await sessions()]).toEqual([timesBefore - 1, sessionsBefore - 1]);
    // its attendance went with it: nothing names the worker any more
    expect((await run(`mutation($id: ID!) { withdrawCommunityWorker(id: $id, reason: "误录") { id } }`, { id })).errors).toBeUndefined();
  });

  test('a deliberation topic corrected along its loop, then withdrawn from the count', async () => {
    const raised = await run(
      `mutation { raiseDeliberationTopic(input: { communityCode: "410106001004", title: "停车难", method: "四议两公开", raisedOn: "2026-03-05" }) { id } }`,
    );
    const id = raised.data!.raiseDeliberationTopic.id;
    const CORRECT_TOPIC = `mutation($id: ID!, $i: CorrectDeliberationTopicInput!) { correctDeliberationTopic(id: $id, input: $i) { title raisedOn ${history} } }`;
    // a topic not yet taken up has no day it was taken up
    expect(errorOf(await run(CORRECT_TOPIC, { id, i: { handledOn: '2026-03-06' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'handledOn',
    });
    const fixed = await run(CORRECT_TOPIC, { id, i: { title: '小区停车难', raisedOn: '2026-03-04' } });
    expect(fixed.data!.correctDeliberationTopic).toEqual({
      title: '小区停车难',
      raisedOn: '2026-03-04',
      history: [
        { field: 'title', oldValue: '停车难', newValue: '小区停车难', reason: null },
        { field: 'raisedOn', oldValue: '2026-03-05', newValue: '2026-03-04', reason: null },
      ],
    });
    await run(`mutation($id: ID!) { handleDeliberationTopic(id: $id, handledOn: "2026-03-10") { id } }`, { id });
    expect(errorOf(await run(CORRECT_TOPIC, { id, i: { raisedOn: '2026-03-11' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'handledOn',
    });
    const count = () => figure('410106001004', 'deliberations(year: 2026)', '2026-12-31');
    const before = await count();
    expect(
      (await run(`mutation($id: ID!) { withdrawDeliberationTopic(id: $id, reason: "重复") { type } }`, { id })).errors,
    ).toBeUndefined();
    expect(await count()).toBe(before - 1);
  });

  test('a node, a grid and a compound of the tree corrected, each keeping the earlier values', async () => {
    const street = testCallers.street('410106002000');
    const make = async (q: string) => expect((await run(q, {}, street)).errors).toBeUndefined();
    await make(
      `mutation { createRegion(input: { code: "410106002091", name: "新社区", level: COMMUNITY, parentCode: "410106002000" }) { code } }`,
    );
    await make(`mutation { createGrid(input: { code: "41010600209101", name: "一网格", communityCode: "410106002091" }) { code } }`);
    await make(`mutation { createGrid(input: { code: "41010600209102", name: "二网格", communityCode: "410106002091" }) { code } }`);
    await make(
      `mutation { createCompound(input: { id: "XQ9091", name: "新苑", communityCode: "410106002091", gridCode: "41010600209101", households: 80 }) { id } }`,
    );
    const region = await run(
      `mutation { correctRegion(code: "410106002091", input: { name: "新华社区", establishedOn: "2026-01-01" }, reason: "按批文") { name ${history} } }`,
      {},
      street,
    );
    expect(region.data!.correctRegion).toEqual({
      name: '新华社区',
      history: [
        { field: 'name', oldValue: '新社区', newValue: '新华社区', reason: '按批文' },
        { field: 'establishedOn', oldValue: null, newValue: '2026-01-01', reason: '按批文' },
      ],
    });
    expect(
      errorOf(await run(`mutation { correctRegion(code: "410106002091", input: { abolishedOn: "2025-12-31" }) { code } }`, {}, street)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'abolishedOn' });
    // another street's office may not correct it: answered as a missing node, as every record outside a caller's scope is
    expect(
      errorOf(
        await run(
          `mutation { correctRegion(code: "410106002091", input: { name: "x" }) { code } }`,
          {},
          testCallers.street('410106001000'),
        ),
      ).code,
    ).toBe('NOT_FOUND');
    const grid = await run(`mutation { correctGrid(code: "41010600209101", input: { type: "综合网格" }) { type ${history} } }`, {}, street);
    expect(grid.data!.correctGrid).toEqual({
      type: '综合网格',
      history: [{ field: 'type', oldValue: null, newValue: '综合网格', reason: null }],
    });
    const compound = await run(
      `mutation { correctCompound(id: "XQ9091", input: { gridCode: "41010600209102", households: 86 }) { grid { code } households ${history} } }`,
      {},
      street,
    );
    expect(compound.data!.correctCompound).toEqual({
      grid: { code: '41010600209102' },
      households: 86,
      history: [
        { field: 'gridCode', oldValue: '41010600209101', newValue: '41010600209102', reason: null },
        { field: 'households', oldValue: '80', newValue: '86', reason: null },
      ],
    });
    expect(
      errorOf(await run(`mutation { correctCompound(id: "XQ9091", input: { gridCode: "41010600100101" }) { id } }`, {}, street)),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'gridCode' });
  });
});
