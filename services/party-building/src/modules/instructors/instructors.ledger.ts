import { districtNode, globalId, type Queryable } from '@district/common';
import {
  existingIn,
  referenceDefect,
  personIdsOf,
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type LedgerSpec,
  type RowProblem,
} from '@district/ledger';
import { INSTRUCTOR_PERSON_IDS } from './instructor.entity';

export const SOURCES = vocabulary({
  镇街在职干部: 'TOWNSHIP_CADRE',
  党务工作者: 'PARTY_WORKER',
  退出现职科级干部: 'RETIRED_CADRE',
} as const);
const KINDS = vocabulary({ 周联系: 'WEEKLY_CONTACT', 月走访: 'MONTHLY_VISIT', 季汇报: 'QUARTERLY_REPORT' } as const);
const PROBLEM_CATEGORIES = vocabulary({ 技术: 'TECHNOLOGY', 用工: 'STAFFING', 融资: 'FINANCING', 政策: 'POLICY', 其他: 'OTHER' } as const);

const NUMBER = /^[A-Za-z0-9_-]{1,30}$/;

const instructorColumns = {
  number: { header: '指导员编号', type: 'code', required: true, pattern: NUMBER },
  name: { header: '姓名', type: 'text', required: true, personal: true },
  idNumber: { header: '身份证号', type: 'idNumber', required: true },
  phone: { header: '手机号码', type: 'phone' },
  source: { header: '来源', type: 'enum', required: true, values: SOURCES.labels },
  dispatchedOn: { header: '派驻日期', type: 'date', required: true },
} satisfies Record<string, ColumnSpec>;

/** party/instructors.csv: the district dispatches instructors, so the ledger has no region column: they sit at the district's node. */
export const instructorsLedger: LedgerImporter<keyof typeof instructorColumns> = {
  spec: { file: 'party/instructors.csv', columns: instructorColumns, key: ['number'] },
  async write(batch, ctx) {
    const stored = await storeRows(
      ctx,
      {
        table: 'party_instructor',
        key: ['id'],
        columns: ['name', 'id_number', 'phone', 'source', 'dispatched_on'],
        personal: ['name', 'id_number', 'phone'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          name: str(value.name),
          id_number: str(value.idNumber),
          phone: strOrNull(value.phone),
          source: SOURCES.of(value.source),
          dispatched_on: str(value.dispatchedOn),
          region_code: districtNode(ctx.district),
        },
      })),
      { keyLabel: (v) => `指导员编号 ${v.number}`, keyColumn: instructorColumns.number.header },
    );
    await personIdsOf(
      ctx,
      INSTRUCTOR_PERSON_IDS,
      batch.map((r) => str(r.value.idNumber)),
    );
    return stored;
  },
};

const visitColumns = {
  number: { header: '记录编号', type: 'code', required: true, pattern: NUMBER },
  instructor: { header: '指导员编号', type: 'code', required: true },
  creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
  date: { header: '走访日期', type: 'date', required: true },
  kind: { header: '联系方式', type: 'enum', required: true, values: KINDS.labels },
  problem: { header: '发现问题', type: 'text' },
  problemCategory: { header: '问题类别', type: 'enum', values: PROBLEM_CATEGORIES.labels },
  solved: { header: '是否解决', type: 'bool' },
} satisfies Record<string, ColumnSpec>;
type VisitKey = keyof typeof visitColumns;

/** A problem comes with its category and whether it was solved; no problem, neither. */
function problemRules(v: Record<VisitKey, unknown>): RowProblem<VisitKey>[] {
  if (v.problem === null) {
    return v.problemCategory !== null || v.solved !== null
      ? [
          {
            column: 'problem',
            kind: 'required',
            reason: '填写了问题类别或是否解决，但未填写问题 / a category or outcome without a problem',
          },
        ]
      : [];
  }
  const problems: RowProblem<VisitKey>[] = [];
  if (v.problemCategory === null)
    problems.push({ column: 'problemCategory', kind: 'required', reason: '发现问题须填写问题类别 / a problem needs its category' });
  if (v.solved === null) problems.push({ column: 'solved', kind: 'required', reason: '发现问题须填写是否解决 / a problem needs 是否解决' });
  return problems;
}

/** The district's own organizations among these credit codes, with where each sits. */
async function organizationsOfDistrict(db: Queryable, district: string, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query('SELECT credit_code, region_code FROM two_new_org WHERE credit_code = ANY($1) AND district_code = $2', [
    [...new Set(codes)],
    district,
  ]);
  return new Map(rows.map((r: { credit_code: string; region_code: string }) => [r.credit_code, r.region_code]));
}

/**
 * party/instructor_visits.csv: contacts by the district's instructors (by their numbers) with the
 * district's organizations (by credit code). A contact sits where its organization sits. The ledger
 * has no solving date: a problem solved there counts on the day of its contact.
 */
const visitSpec: LedgerSpec<VisitKey> = {
  file: 'party/instructor_visits.csv',
  columns: visitColumns,
  key: ['number'],
  check: problemRules,
};

export const visitsLedger: LedgerImporter<VisitKey> = {
  spec: visitSpec,
  async check(batch, ctx) {
    const instructorId = (n: string) => globalId(ctx.district, n);
    const instructors = await existingIn(
      ctx.db,
      'party_instructor',
      'id',
      batch.map((r) => instructorId(str(r.value.instructor))),
    );
    const orgs = await organizationsOfDistrict(
      ctx.db,
      ctx.district,
      batch.map((r) => str(r.value.creditCode)),
    );
    return [
      ...unknownReferences(visitSpec, batch, 'instructor', instructors, ['指导员', 'instructor'], instructorId),
      ...batch
        .filter((r) => !orgs.has(str(r.value.creditCode)))
        .map((r) =>
          referenceDefect(
            ctx.file,
            r.row,
            visitColumns.creditCode.header,
            '本区县两新台账中没有该组织 / no such organization in the district\'s "two new" ledger',
          ),
        ),
    ];
  },
  async write(batch, ctx) {
    const orgs = await organizationsOfDistrict(
      ctx.db,
      ctx.district,
      batch.map((r) => str(r.value.creditCode)),
    );
    return storeRows(
      ctx,
      {
        table: 'instructor_contact',
        key: ['id'],
        columns: [
          'instructor_id',
          'credit_code',
          'contacted_on',
          'kind',
          'problem',
          'problem_category',
          'solved',
          'solved_on',
          'region_code',
        ],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          instructor_id: globalId(ctx.district, str(value.instructor)),
          credit_code: str(value.creditCode),
          contacted_on: str(value.date),
          kind: KINDS.of(value.kind),
          problem: strOrNull(value.problem),
          problem_category: PROBLEM_CATEGORIES.orNull(value.problemCategory),
          solved: value.solved,
          solved_on: value.solved === true ? str(value.date) : null,
          region_code: orgs.get(str(value.creditCode)),
        },
      })),
      { keyLabel: (v) => `记录编号 ${v.number}`, keyColumn: visitColumns.number.header },
    );
  },
};
