import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonKey, todayInChina } from '@district/common';
import { connectTo, importLedgerFile, LedgerImportError } from '@district/ledger';
import {
  SHANGJIE_DISTRICT,
  TEST_PERSON_KEY,
  testCallers,
  writeLedgerFile,
  type GovernanceFixtures,
  type Subgraph,
} from '@district/testkit';
import { documentsLedger } from '../src/modules/documents/documents.ledger';
import { localRegionTree } from '../src/modules/regions/region-tree';
import { analyst, errorOf, startWithGovernance } from './governance-kit';

/**
 * Documents and lists (seeds/000 “开门一件事”任务清单、班子分工与岗位职责清单, 001 社区分报告, 003
 * 党建工作指南、明白卡、网格“三张清单”、证明事项): figures at district, street, community against
 * counts made from the fixture rows, overdue items listed on a day as the figure counts them, the
 * seed sentences from one query each, daily work with its errors, a street-confined import.
 */
let sg: Subgraph;
let fx: GovernanceFixtures;

const DOCS = 'workforce/documents.csv';
const ITEMS = 'workforce/document_items.csv';

beforeAll(async () => {
  ({ sg, fx } = await startWithGovernance([DOCS, ITEMS]));
});

afterAll(() => sg?.close());

const prefixOf = (code: string) => (code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code);

function expected(code: string) {
  const p = prefixOf(code);
  const docs = fx.rows[DOCS].filter((d) => String(d.region).startsWith(p));
  const byNumber = new Map(fx.rows[DOCS].map((d) => [d.number, d]));
  const items = fx.rows[ITEMS].filter((i) => String(i.region).startsWith(p));
  const kindOf = (i: (typeof items)[number]) => byNumber.get(i.document)!.kind;
  const issuedIn = (d: (typeof docs)[number], y: string) => String(d.issuedOn).startsWith(y);
  const tasks = items.filter((i) => kindOf(i) === '任务清单');
  const due25 = tasks.filter((i) => String(i.dueOn ?? '').startsWith('2025'));
  const onTime = (i: (typeof items)[number]) => i.doneOn !== null && String(i.doneOn) <= String(i.dueOn);
  return {
    all: {
      value: docs.filter((d) => issuedIn(d, '2025')).length,
      previousYear: docs.filter((d) => issuedIn(d, '2024')).length,
    },
    taskLists: { value: docs.filter((d) => issuedIn(d, '2025') && d.kind === '任务清单').length },
    taskIssuers: { value: new Set(docs.filter((d) => issuedIn(d, '2025') && d.kind === '任务清单').map((d) => d.region)).size },
    reportSubjects: {
      value: new Set(docs.filter((d) => issuedIn(d, '2025') && d.kind === '报告' && d.subject).map((d) => d.subject)).size,
    },
    tasks: { value: tasks.filter((i) => String(byNumber.get(i.document)!.issuedOn).startsWith('2025')).length },
    doneOnTime: { value: tasks.filter((i) => String(i.doneOn ?? '').startsWith('2025') && onTime(i)).length },
    overdue: {
      value: tasks.filter(
        (i) => i.dueOn !== null && String(i.dueOn) < '2025-09-30' && (i.doneOn === null || String(i.doneOn) > '2025-09-30'),
      ).length,
    },
    rate: { numerator: due25.filter(onTime).length, denominator: due25.length },
  };
}

const FIGURES = `query($c: ID!) { region(code: $c) { governance {
  all: documentsIssued(year: 2025) { value previousYear }
  taskLists: documentsIssued(year: 2025, kind: TASK_LIST) { value }
  taskIssuers: documentIssuers(year: 2025, kind: TASK_LIST) { value }
  reportSubjects: documentSubjects(year: 2025, kind: REPORT) { value }
  tasks: documentItems(year: 2025, kind: TASK_LIST) { value }
  doneOnTime: documentItemsDone(year: 2025, kind: TASK_LIST, onTime: true) { value }
  overdue: documentItemsOverdue(year: 2025, asOf: "2025-09-30", kind: TASK_LIST) { value }
  rate: documentItemCompletionRate(year: 2025, kind: TASK_LIST) { numerator denominator }
} } }`;

test('figures at the district, a street and a community agree with the ledger rows', async () => {
  for (const code of ['410106000000', fx.street, '410106003000', fx.communities[0].code]) {
    const res = await sg.query(FIGURES, { c: code }, analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data!.region.governance).toEqual(expected(code));
  }
});

test('overdue items listed on a day are the ones the figure of that day counts', async () => {
  for (const day of ['2025-06-30', '2025-09-30', '2025-12-31']) {
    const res = await sg.query(
      `query($c: ID!, $d: Date!) { region(code: $c) {
        documentItems(filter: { kind: TASK_LIST, overdueOn: $d }) { totalCount nodes { dueOn doneOn } }
        governance { documentItemsOverdue(year: 2025, asOf: $d, kind: TASK_LIST) { value } } } }`,
      { c: fx.street, d: day },
      analyst,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.region;
    expect(r.documentItems.totalCount).toBe(r.governance.documentItemsOverdue.value);
    for (const n of r.documentItems.nodes) expect(n.dueOn < day && (n.doneOn === null || n.doneOn > day)).toBe(true);
  }
});

test('seed sentences (003): the party-building guide and card, the grids’ three lists, the certificates', async () => {
  const res = await sg.query(
    `{ region(code: "410106000000") {
      guides: documents(filter: { kind: GUIDE, line: PARTY_BUILDING, issuedFrom: "2025-01-01", issuedTo: "2025-12-31" }) { totalCount nodes { title region { name } } }
      cards: documents(filter: { kind: CARD, line: PARTY_BUILDING, issuedFrom: "2025-01-01", issuedTo: "2025-12-31" }) { nodes { title } }
      notice: documents(filter: { kind: NOTICE, line: WORKFORCE, issuedFrom: "2025-01-01", issuedTo: "2025-12-31" }) { nodes { title items { kind } } }
      rules: documents(filter: { kind: RULES, line: WORKFORCE, issuedFrom: "2025-01-01", issuedTo: "2025-12-31" }) { nodes { title } }
      governance {
        guides: documentsIssued(year: 2025, kind: GUIDE, line: PARTY_BUILDING) { value }
        gridLists: documentIssuers(year: 2025, kind: NEGATIVE_LIST, issuedBy: GRID) { value }
        gridListsAll: documentsIssued(year: 2025, issuedBy: GRID) { value }
        certLists: documentIssuers(year: 2025, kind: CERTIFICATE_LIST) { value }
        certs: documentItems(year: 2025, kind: CERTIFICATE_LIST) { value }
      } } }`,
    {},
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  expect(g.guides.value).toBe(r.guides.totalCount);
  expect(g.gridListsAll.value).toBe(fx.rows[DOCS].filter((d) => String(d.region).length === 14).length);
  const n = r.notice.nodes[0];
  const count = (k: string) => n.items.filter((i: { kind: string }) => i.kind === k).length;
  const grids = new Set(fx.rows[DOCS].filter((d) => d.kind === '负面清单').map((d) => d.region)).size;
  const certLists = fx.rows[DOCS].filter((d) => d.kind === '证明事项清单');
  const certNumbers = new Set(certLists.map((d) => d.number));
  expect(`${r.guides.nodes[0].region.name}印发${r.guides.nodes[0].title}`).toBe('上街区印发《新兴领域党建工作指南》');
  expect(`下发${r.cards.nodes[0].title}`).toBe('下发《党建工作指导员明白卡》');
  expect(
    `制定${n.title}，明确网格事项${count('MATTER')}项、职责${count('DUTY')}项、负面${count('NEGATIVE')}项“三张清单”，${g.gridLists.value}个网格建立“三张清单”`,
  ).toBe(`制定《关于进一步规范社区（村）网格工作事项的通知》，明确网格事项12项、职责8项、负面10项“三张清单”，${grids}个网格建立“三张清单”`);
  expect(
    `规范村（社区）出具证明事项：印发${r.rules.nodes[0].title}，${g.certLists.value}个村（社区）公布出具证明事项清单，保留证明事项${g.certs.value}项`,
  ).toBe(
    `规范村（社区）出具证明事项：印发《关于规范村（社区）出具证明事项的实施办法》，${certLists.length}个村（社区）公布出具证明事项清单，保留证明事项${
      fx.rows[ITEMS].filter((i) => certNumbers.has(i.document)).length
    }项`,
  );
});

test('seed sentences (000, 001): the street’s task lists and duty lists, its report and sub-reports', async () => {
  const res = await sg.query(
    `query($c: ID!) { region(code: $c) {
      reports: documents(filter: { kind: REPORT, issuedFrom: "2025-01-01", issuedTo: "2025-12-31" }, sort: { field: ID }, first: 1) { totalCount nodes { title subject { name } } }
      governance {
        taskCommunities: documentIssuers(year: 2025, kind: TASK_LIST) { value }
        tasks: documentItems(year: 2025, kind: TASK_LIST) { value }
        onTime: documentItemsDone(year: 2025, kind: TASK_LIST, onTime: true) { value }
        rate: documentItemCompletionRate(year: 2025, kind: TASK_LIST) { pct }
        dutyCommunities: documentIssuers(year: 2025, kind: DUTY_LIST, issuedBy: COMMUNITY) { value }
        divisions: documentItems(year: 2025, kind: DUTY_LIST, issuedBy: COMMUNITY, itemKind: DIVISION) { value }
        duties: documentItems(year: 2025, kind: DUTY_LIST, issuedBy: COMMUNITY, itemKind: DUTY) { value }
        subReports: documentSubjects(year: 2025, kind: REPORT) { value previousYear }
      } } }`,
    { c: fx.street },
    analyst,
  );
  expect(res.errors).toBeUndefined();
  const r = res.data!.region;
  const g = r.governance;
  const seed = fx.communities.filter((c) => c.street === fx.street).map((c) => c.code);
  const docs = fx.rows[DOCS].filter((d) => String(d.issuedOn).startsWith('2025') && seed.includes(String(d.region)));
  const itemsOf = (kind: string, itemKind?: string) => {
    const numbers = new Set(docs.filter((d) => d.kind === kind).map((d) => d.number));
    return fx.rows[ITEMS].filter((i) => numbers.has(i.document) && (!itemKind || i.kind === itemKind));
  };
  const tasks = itemsOf('任务清单');
  const onTime = tasks.filter((i) => i.doneOn !== null && String(i.doneOn) <= String(i.dueOn)).length;
  expect(`${g.taskCommunities.value}个社区明确“开门一件事”任务清单${g.tasks.value}项，按时限完成${g.onTime.value}项`).toBe(
    `${seed.length}个社区明确“开门一件事”任务清单${tasks.length}项，按时限完成${onTime}项`,
  );
  expect(g.rate.pct).toBeCloseTo((100 * onTime) / tasks.length, 1);
  expect(`${g.dutyCommunities.value}个社区细化班子分工${g.divisions.value}项，制定岗位职责清单${g.duties.value}项`).toBe(
    `${seed.length}个社区细化班子分工${itemsOf('职责清单', '分工').length}项，制定岗位职责清单${itemsOf('职责清单', '职责').length}项`,
  );
  expect(`发布${r.reports.nodes[0].title}及${g.subReports.value}个社区分报告（上年${g.subReports.previousYear}个）`).toBe(
    `发布街道社区情况总体报告及${seed.length}个社区分报告（上年3个）`,
  );
  expect(r.reports.totalCount).toBe(seed.length + 1);
});

test('daily work: a community records its task list, adds and completes items; errors name their field', async () => {
  const community = '410106004003';
  const office = testCallers.community(community);
  const fig = async () =>
    (
      await sg.query(
        `query($c: ID!) { region(code: $c) { governance {
          items: documentItems(year: 2026, kind: TASK_LIST) { value }
          onTime: documentItemsDone(year: 2026, kind: TASK_LIST, onTime: true) { value } } } }`,
        { c: community },
        analyst,
      )
    ).data!.region.governance;
  const made = await sg.query(
    `mutation($c: ID!) { recordDocument(input: { regionCode: $c, kind: TASK_LIST, line: WORKFORCE, title: "“开门一件事”任务清单", issuedOn: "2026-01-05" }) { id number } }`,
    { c: community },
    office,
  );
  expect(made.errors).toBeUndefined();
  const doc = made.data!.recordDocument.id;
  const street = await sg.query(
    `mutation { recordDocument(input: { regionCode: "410106004000", kind: NOTICE, line: WORKFORCE, title: "x", issuedOn: "2026-01-05" }) { id } }`,
    {},
    office,
  );
  expect(errorOf(street).code).toBe('FORBIDDEN');
  const badPlace = await sg.query(
    `mutation { recordDocument(input: { regionCode: "12", kind: NOTICE, line: WORKFORCE, title: "x", issuedOn: "2026-01-05" }) { id } }`,
    {},
    office,
  );
  expect(errorOf(badPlace)).toEqual({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  const add = (title: string, extra = '') =>
    sg.query(
      `mutation($d: ID!) { addDocumentItem(input: { documentId: $d, kind: TASK, title: "${title}", dueOn: "2026-03-01"${extra} }) { id dueOn doneOn document { id } } }`,
      { d: doc },
      office,
    );
  const a = await add('楼道堆物清理');
  expect(a.errors).toBeUndefined();
  expect(a.data!.addDocumentItem.document.id).toBe(doc);
  const early = await add('路灯维修', ', doneOn: "2025-12-01"');
  expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'doneOn' });
  expect(await fig()).toEqual({ items: { value: 1 }, onTime: { value: 0 } });
  const item = a.data!.addDocumentItem.id;
  const done = await sg.query(`mutation($i: ID!) { completeDocumentItem(id: $i, doneOn: "2026-02-20") { doneOn } }`, { i: item }, office);
  expect(done.data!.completeDocumentItem.doneOn).toBe('2026-02-20');
  expect(await fig()).toEqual({ items: { value: 1 }, onTime: { value: 1 } });
  const again = await sg.query(`mutation($i: ID!) { completeDocumentItem(id: $i, doneOn: "2026-02-21") { doneOn } }`, { i: item }, office);
  expect(errorOf(again).code).toBe('CONFLICT');
  const late = await sg.query(
    `mutation($i: ID!) { correctDocumentItem(id: $i, input: { doneOn: "2026-03-10" }, reason: "完成日期有误") { doneOn history { field } } }`,
    { i: item },
    office,
  );
  expect(late.errors).toBeUndefined();
  expect(await fig()).toEqual({ items: { value: 1 }, onTime: { value: 0 } });
  const withItems = await sg.query(`mutation($d: ID!) { withdrawDocument(id: $d, reason: "重复") { id } }`, { d: doc }, office);
  expect(errorOf(withItems).code).toBe('CONFLICT');
  expect(
    (await sg.query(`mutation($i: ID!) { withdrawDocumentItem(id: $i, reason: "重复") { id } }`, { i: item }, office)).errors,
  ).toBeUndefined();
  expect(
    (await sg.query(`mutation($d: ID!) { withdrawDocument(id: $d, reason: "重复") { id } }`, { d: doc }, office)).errors,
  ).toBeUndefined();
  expect(await fig()).toEqual({ items: { value: 0 }, onTime: { value: 0 } });
});

test('a street office imports its own documents; a row of another street is refused as a defect', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'documents-'));
  const street = '410106002000';
  const row = (number: string, region: string) => ({
    number,
    region,
    kind: '通知',
    line: '志愿服务',
    title: '志愿服务积分兑换通知',
    issuedOn: '2025-08-01',
    subject: null,
    documentNumber: null,
    summary: null,
  });
  const importAs = (rows: ReturnType<typeof row>[]) =>
    importLedgerFile(documentsLedger, writeLedgerFile(dir, documentsLedger, rows), {
      connect: connectTo(sg.databaseUrl),
      regionTree: localRegionTree(sg.orm.em.fork()),
      today: todayInChina(),
      district: SHANGJIE_DISTRICT,
      region: street,
      personKey: new PersonKey(TEST_PERSON_KEY),
    });
  const err = await importAs([row('JD0001', '410106002001'), row('JD0002', '410106003001')]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LedgerImportError);
  const defects = (err as LedgerImportError).defects;
  // the second row (rows count from the first after the headers) lies in another street
  expect(defects.map((d) => [d.row, d.column])).toEqual([[2, '发文单位区划代码']]);
  expect(defects[0].reason).toMatch(/410106003001 不在本街道辖区/);
  const ok = await importAs([row('JD0001', '410106002001'), row('JD0003', street)]);
  expect(ok.inserted).toBe(2);
  const res = await sg.query(
    `{ region(code: "410106002000") { documents(filter: { issuedFrom: "2025-08-01", issuedTo: "2025-08-01", line: VOLUNTEER, kind: NOTICE }) { nodes { number } } } }`,
    {},
    analyst,
  );
  expect(res.data!.region.documents.nodes.map((n: { number: string }) => n.number)).toEqual(expect.arrayContaining(['JD0001', 'JD0003']));
});
