import { upsertRows, type Defect, type ImportContext, type LedgerImporter, type LedgerSpec, type ValidRow } from '@district/common';
import { DISTRICT_CODE } from '../../district';
import type { ContactKind, ProblemCategory, Source } from './instructor.entity';

const SOURCE: Record<string, Source> = { 镇街在职干部: 'TOWNSHIP_CADRE', 党务工作者: 'PARTY_WORKER', 退出现职科级干部: 'RETIRED_CADRE' };
const KIND: Record<string, ContactKind> = { 周联系: 'WEEKLY_CONTACT', 月走访: 'MONTHLY_VISIT', 季汇报: 'QUARTERLY_REPORT' };
const CATEGORY: Record<string, ProblemCategory> = {
  技术: 'TECHNOLOGY',
  用工: 'STAFFING',
  融资: 'FINANCING',
  政策: 'POLICY',
  其他: 'OTHER',
};

type I = 'code' | 'name' | 'idNumber' | 'phone' | 'source' | 'dispatchedOn';

export const instructorLedger: LedgerImporter<I> = {
  spec: {
    file: 'party/instructors.csv',
    columns: {
      code: { header: '指导员编号', type: 'code', pattern: /^[A-Za-z0-9-]{1,20}$/, required: true },
      name: { header: '姓名', type: 'text', required: true, personal: true },
      idNumber: { header: '身份证号', type: 'idNumber', required: true },
      phone: { header: '手机号码', type: 'phone' },
      source: { header: '来源', type: 'enum', values: Object.keys(SOURCE), required: true },
      dispatchedOn: { header: '派驻日期', type: 'date', required: true },
    },
    key: ['code'],
  },
  // the district dispatches instructors: the ledger has no region column
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'party_instructor',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        name: v.name,
        id_number: v.idNumber,
        phone: v.phone,
        source: SOURCE[String(v.source)],
        dispatched_on: v.dispatchedOn,
        region_code: DISTRICT_CODE,
      })),
    ),
};

type V = 'code' | 'instructorCode' | 'creditCode' | 'date' | 'kind' | 'problem' | 'problemCategory' | 'solved';

const visitSpec: LedgerSpec<V> = {
  file: 'party/instructor_visits.csv',
  columns: {
    code: { header: '记录编号', type: 'code', pattern: /^[A-Za-z0-9-]{1,20}$/, required: true },
    instructorCode: { header: '指导员编号', type: 'code', required: true },
    creditCode: { header: '统一社会信用代码', type: 'creditCode', required: true },
    date: { header: '走访日期', type: 'date', required: true },
    kind: { header: '联系方式', type: 'enum', values: Object.keys(KIND), required: true },
    problem: { header: '发现问题', type: 'text' },
    problemCategory: { header: '问题类别', type: 'enum', values: Object.keys(CATEGORY) },
    solved: { header: '是否解决', type: 'bool' },
  },
  key: ['code'],
  check: (v) => {
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
    return [
      ...(v.problemCategory === null
        ? [
            {
              column: 'problemCategory' as const,
              kind: 'required' as const,
              reason: '发现问题须填写问题类别 / a problem needs its category',
            },
          ]
        : []),
      ...(v.solved === null
        ? [{ column: 'solved' as const, kind: 'required' as const, reason: '发现问题须填写是否解决 / a problem needs 是否解决' }]
        : []),
    ];
  },
};

async function orgRegions(ctx: ImportContext, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await ctx.db.query('SELECT credit_code, region_code FROM two_new_org WHERE credit_code = ANY($1)', [
    [...new Set(codes)],
  ]);
  return new Map(rows.map((r) => [r.credit_code as string, r.region_code as string]));
}

export const visitLedger: LedgerImporter<V> = {
  spec: visitSpec,
  async check(batch: ValidRow<V>[], ctx: ImportContext): Promise<Defect[]> {
    const orgs = await orgRegions(
      ctx,
      batch.map((r) => String(r.value.creditCode)),
    );
    const { rows } = await ctx.db.query('SELECT code FROM party_instructor WHERE code = ANY($1)', [
      [...new Set(batch.map((r) => String(r.value.instructorCode)))],
    ]);
    const instructors = new Set(rows.map((r) => r.code as string));
    return batch.flatMap(({ row, value: v }) => [
      ...(instructors.has(String(v.instructorCode))
        ? []
        : [
            {
              file: visitSpec.file,
              row,
              column: '指导员编号',
              kind: 'reference' as const,
              reason: `指导员台账中没有 ${v.instructorCode} / no such instructor`,
            },
          ]),
      ...(orgs.has(String(v.creditCode))
        ? []
        : [
            {
              file: visitSpec.file,
              row,
              column: '统一社会信用代码',
              kind: 'reference' as const,
              reason: '两新台账中没有该组织 / no such organisation in the two-new ledger',
            },
          ]),
    ]);
  },
  async write(batch, ctx) {
    const orgs = await orgRegions(
      ctx,
      batch.map((r) => String(r.value.creditCode)),
    );
    // the ledger has no solving date: a problem solved there counts on the day of its contact
    return upsertRows(
      ctx.db,
      'instructor_contact',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        instructor_code: v.instructorCode,
        credit_code: v.creditCode,
        contacted_on: v.date,
        kind: KIND[String(v.kind)],
        problem: v.problem,
        problem_category: v.problemCategory === null ? null : CATEGORY[String(v.problemCategory)],
        solved: v.solved,
        solved_on: v.solved === true ? v.date : null,
        region_code: orgs.get(String(v.creditCode)),
      })),
    );
  },
};
