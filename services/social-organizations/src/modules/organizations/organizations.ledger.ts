import {
  outsideDistrict,
  storeRows,
  str,
  strOrNull,
  numOrNull,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type ImportContext,
  type LedgerImporter,
  type LedgerSpec,
  type RowProblem,
  type RowWrite,
  type WriteResult,
} from '@district/ledger';
import type { SocialOrganizationType } from '../../generated/graphql';
import { creditCodeTypeProblem, FILING_NUMBER, filingNumberProblem } from './codes';
import { levelOf } from './evaluation';
import { settleGrades } from './grades';

export const ORG_TYPES = vocabulary({
  社会团体: 'SOCIAL_GROUP',
  民办非企业单位: 'PRIVATE_NON_ENTERPRISE',
  基金会: 'FOUNDATION',
  社区社会组织: 'COMMUNITY',
} as const);
export const SERVICE_FIELDS = vocabulary({
  慈善公益: 'CHARITY',
  志愿服务: 'VOLUNTEERING',
  养老服务: 'ELDERLY_CARE',
  文体活动: 'CULTURE_SPORTS',
  托育服务: 'CHILDCARE',
  教育培训: 'EDUCATION',
  矛盾纠纷调解: 'MEDIATION',
  其他: 'OTHER',
} as const);
const STATUSES = vocabulary({ 正常: 'ACTIVE', 注销: 'DEREGISTERED' } as const);
const GRADES = vocabulary({ '1A': 'GRADE_1A', '2A': 'GRADE_2A', '3A': 'GRADE_3A', '4A': 'GRADE_4A', '5A': 'GRADE_5A' } as const);

const REGION = /^\d{12}$/;

const columns = {
  creditCode: { header: '统一社会信用代码', type: 'creditCode' },
  filingNumber: { header: '备案编号', type: 'code', pattern: FILING_NUMBER },
  name: { header: '组织名称', type: 'text', required: true },
  type: { header: '组织类型', type: 'enum', values: ORG_TYPES.labels, required: true },
  registrationAuthority: { header: '登记管理机关', type: 'text' },
  supervisingUnit: { header: '业务主管单位', type: 'text' },
  foundedOn: { header: '成立日期', type: 'date', required: true },
  streetCode: { header: '所属街道代码', type: 'code', pattern: REGION, required: true },
  communityCode: { header: '所属社区代码', type: 'code', pattern: REGION },
  field: { header: '服务领域', type: 'enum', values: SERVICE_FIELDS.labels, required: true },
  legalRepresentative: { header: '法定代表人', type: 'text', personal: true },
  status: { header: '状态', type: 'enum', values: STATUSES.labels, required: true },
  deregisteredOn: { header: '注销日期', type: 'date' },
  grade: { header: '评估等级', type: 'enum', values: GRADES.labels },
  gradeYear: { header: '评估年度', type: 'int', min: 1990, max: 2100 },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/**
 * Rules across the columns of one row: which key a type uses, where it sits, how its status, dates and
 * grade agree. (Three Shangjie rows have a grade year before the founding year; the district accepts
 * them, so that is left to recordEvaluationGrade, which refuses it.)
 */
function rowRules(v: Record<Key, unknown>): RowProblem<Key>[] {
  const problems: RowProblem<Key>[] = [];
  const add = (column: Key, kind: RowProblem['kind'], reason: string) => problems.push({ column, kind, reason });
  const type: SocialOrganizationType = ORG_TYPES.of(v.type);
  const street = String(v.streetCode);
  if (!street.endsWith('000') || street.endsWith('000000'))
    add('streetCode', 'format', '应为街道（镇）代码，以000结尾 / must be a street or town code ending in 000');
  if (type === 'COMMUNITY') {
    if (!v.filingNumber)
      add('filingNumber', 'required', '社区社会组织须有备案编号 / a community organization is keyed by its filing number');
    if (v.creditCode)
      add(
        'creditCode',
        'format',
        '备案的社区社会组织以备案编号为准，不填信用代码 / a filed organization has a filing number, not a credit code',
      );
    if (!v.communityCode) add('communityCode', 'required', '社区社会组织须填所属社区 / a community organization needs its community');
  } else {
    if (!v.creditCode)
      add('creditCode', 'required', '登记的社会组织须有统一社会信用代码 / a registered organization is keyed by its credit code');
    else {
      const problem = creditCodeTypeProblem(String(v.creditCode), type);
      if (problem) add('creditCode', 'format', problem);
    }
    if (v.filingNumber) add('filingNumber', 'format', '登记的社会组织不填备案编号 / a registered organization has no filing number');
  }
  if (v.filingNumber) {
    const problem = filingNumberProblem(String(v.filingNumber), street);
    if (problem) add('filingNumber', 'format', problem);
  }
  const community = v.communityCode ? String(v.communityCode) : null;
  if (community && (community.endsWith('000') || community.slice(0, 9) !== street.slice(0, 9))) {
    add('communityCode', 'reference', '社区不属于所属街道 / the community is not in the street given');
  }
  const deregistered = STATUSES.of(v.status) === 'DEREGISTERED';
  if (deregistered && !v.deregisteredOn)
    add('deregisteredOn', 'required', '状态为注销须填注销日期 / a deregistered organization needs its deregistration date');
  if (!deregistered && v.deregisteredOn)
    add('deregisteredOn', 'format', '状态为正常却有注销日期 / an active organization has a deregistration date');
  if (v.deregisteredOn && String(v.deregisteredOn) < String(v.foundedOn))
    add('deregisteredOn', 'date', '注销日期早于成立日期 / deregistered before it was founded');
  if (v.grade && !v.gradeYear) add('gradeYear', 'required', '有评估等级须填评估年度 / a grade needs its year');
  if (!v.grade && v.gradeYear) add('grade', 'required', '有评估年度须填评估等级 / a grade year needs its grade');
  return problems;
}

const spec: LedgerSpec<Key> = {
  file: 'social/organizations.csv',
  columns,
  // one of the two is blank: registered organisations use the credit code, filed ones the filing number
  key: ['creditCode', 'filingNumber'],
  check: rowRules,
};

/** The organisations among `codes` that belong to the district being imported, with their type. */
export async function organizationsOfDistrict(ctx: ImportContext, codes: string[]): Promise<Map<string, SocialOrganizationType>> {
  if (!codes.length) return new Map();
  const res = await ctx.db.query('SELECT code, org_type FROM social_organization WHERE code = ANY($1::text[]) AND district_code = $2', [
    codes,
    ctx.district,
  ]);
  return new Map(res.rows.map((r: { code: string; org_type: SocialOrganizationType }) => [r.code, r.org_type]));
}

/** The columns the ledger owns: a change made in the app to one of them is kept at the next import and reported. */
const OWNED = [
  'name',
  'org_type',
  'registration_authority',
  'supervising_unit',
  'founded_on',
  'street_code',
  'community_code',
  'region_code',
  'field',
  'legal_representative',
  'deregistered_on',
  'grade_level',
  'grade_year',
];

/** Rows of one key column (credit code or filing number), so a refused row's defect names the column its key is in. */
async function store(ctx: ImportContext, rows: RowWrite[], keyColumn: string): Promise<WriteResult> {
  return storeRows(
    ctx,
    { table: 'social_organization', key: ['code'], district: 'district_code', columns: OWNED, personal: ['legal_representative'] },
    rows,
    { keyLabel: (v) => `${keyColumn} ${v.code}`, keyColumn },
  );
}

/**
 * social/organizations.csv: registered organisations by credit code and filed community
 * organisations by filing number, both national keys. A row belongs to the district imported for
 * (its street must lie in it) and cannot change another district's organisation.
 */
export const organizationsLedger: LedgerImporter<Key> = {
  spec,
  async check(batch, ctx) {
    const thisYear = Number(ctx.today.slice(0, 4));
    const future = batch
      .filter(({ value }) => value.gradeYear !== null && Number(value.gradeYear) > thisYear)
      .map(({ row }) => ({
        file: spec.file,
        row,
        column: columns.gradeYear.header,
        kind: 'range' as const,
        reason: '评估年度晚于今年 / grade year is in the future',
      }));
    const outside = outsideDistrict(batch, ctx, (r) => str(r.value.streetCode), columns.streetCode.header);
    const inside = batch.filter((r) => !outside.some((d) => d.row === r.row));
    const known = await ctx.regionTree.regions([...valuesOf(inside, 'streetCode'), ...valuesOf(inside, 'communityCode')]);
    return [
      ...future,
      ...outside,
      ...unknownReferences(spec, inside, 'streetCode', known, ['区划', 'region']),
      ...unknownReferences(spec, inside, 'communityCode', known, ['区划', 'region']),
    ];
  },
  async write(batch, ctx) {
    const rows = batch.map(({ row, value: v }) => ({
      row,
      registered: ORG_TYPES.of(v.type) !== 'COMMUNITY',
      values: {
        code: str(v.creditCode ?? v.filingNumber),
        district_code: ctx.district,
        name: str(v.name),
        org_type: ORG_TYPES.of(v.type),
        registration_authority: strOrNull(v.registrationAuthority),
        supervising_unit: strOrNull(v.supervisingUnit),
        founded_on: str(v.foundedOn),
        street_code: str(v.streetCode),
        community_code: strOrNull(v.communityCode),
        region_code: str(v.communityCode ?? v.streetCode),
        field: SERVICE_FIELDS.of(v.field),
        legal_representative: strOrNull(v.legalRepresentative),
        deregistered_on: strOrNull(v.deregisteredOn),
        grade_level: v.grade ? levelOf(GRADES.of(v.grade)) : null,
        grade_year: numOrNull(v.gradeYear),
      },
    }));
    const registered = await store(
      ctx,
      rows.filter((r) => r.registered),
      columns.creditCode.header,
    );
    const filed = await store(
      ctx,
      rows.filter((r) => !r.registered),
      columns.filingNumber.header,
    );
    // the grade history follows each registered organisation's row as stored
    await settleGrades(
      ctx.db,
      rows.filter((r) => r.registered).map((r) => String(r.values.code)),
    );
    return {
      inserted: registered.inserted + filed.inserted,
      updated: registered.updated + filed.updated,
      unchanged: registered.unchanged + filed.unchanged,
      conflicts: [...(registered.conflicts ?? []), ...(filed.conflicts ?? [])],
      defects: [...(registered.defects ?? []), ...(filed.defects ?? [])],
    };
  },
};
