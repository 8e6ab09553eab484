import { upsertRows, type LedgerImporter, type LedgerSpec, type RowProblem } from '@district/common';
import { codeOf, GRADES, labels, ORG_STATUSES, ORG_TYPES, SERVICE_FIELDS } from '../../vocabulary';
import { creditCodeProblemFor, FILING_NUMBER, filingNumberProblem } from '../../validation';
import { text, unknownRegions } from '../../ledger-support';

type Column =
  | 'creditCode'
  | 'filingNumber'
  | 'name'
  | 'type'
  | 'registrationAuthority'
  | 'supervisingUnit'
  | 'foundedOn'
  | 'streetCode'
  | 'communityCode'
  | 'field'
  | 'legalRepresentative'
  | 'status'
  | 'deregisteredOn'
  | 'grade'
  | 'gradeYear';

const REGION = /^\d{12}$/;

/**
 * Rules across the columns of one row: which key a type uses, where it sits, how its status, dates and
 * grade agree. (Three Shangjie rows have a grade year before the founding year; the district accepts
 * them, so that is left to recordGrade, which refuses it.)
 */
function rowRules(v: Record<Column, unknown>): RowProblem<Column>[] {
  const problems: RowProblem<Column>[] = [];
  const add = (column: Column, kind: RowProblem['kind'], reason: string) => problems.push({ column, kind, reason });
  const type = codeOf(ORG_TYPES, String(v.type));
  const street = String(v.streetCode);
  if (!street.endsWith('000') || street.endsWith('000000'))
    add('streetCode', 'format', '应为街道（镇）代码，以000结尾 / must be a street or town code ending in 000');
  if (type === 'COMMUNITY') {
    if (!v.filingNumber)
      add('filingNumber', 'required', '社区社会组织须有备案编号 / a community organisation is keyed by its filing number');
    if (v.creditCode)
      add(
        'creditCode',
        'format',
        '备案的社区社会组织以备案编号为准，不填信用代码 / a filed organisation has a filing number, not a credit code',
      );
    if (!v.communityCode) add('communityCode', 'required', '社区社会组织须填所属社区 / a community organisation needs its community');
  } else {
    if (!v.creditCode)
      add('creditCode', 'required', '登记的社会组织须有统一社会信用代码 / a registered organisation is keyed by its credit code');
    else {
      const problem = creditCodeProblemFor(String(v.creditCode), type);
      if (problem) add('creditCode', 'format', problem);
    }
    if (v.filingNumber) add('filingNumber', 'format', '登记的社会组织不填备案编号 / a registered organisation has no filing number');
  }
  if (v.filingNumber) {
    const problem = filingNumberProblem(String(v.filingNumber), street);
    if (problem) add('filingNumber', 'format', problem);
  }
  const community = v.communityCode ? String(v.communityCode) : null;
  if (community && (community.endsWith('000') || community.slice(0, 9) !== street.slice(0, 9))) {
    add('communityCode', 'reference', '社区不属于所属街道 / the community is not in the street given');
  }
  const deregistered = v.status === ORG_STATUSES.DEREGISTERED;
  if (deregistered && !v.deregisteredOn)
    add('deregisteredOn', 'required', '状态为注销须填注销日期 / a deregistered organisation needs its deregistration date');
  if (!deregistered && v.deregisteredOn)
    add('deregisteredOn', 'format', '状态为正常却有注销日期 / an active organisation has a deregistration date');
  if (v.deregisteredOn && String(v.deregisteredOn) < String(v.foundedOn))
    add('deregisteredOn', 'date', '注销日期早于成立日期 / deregistered before it was founded');
  if (v.grade && !v.gradeYear) add('gradeYear', 'required', '有评估等级须填评估年度 / a grade needs its year');
  if (!v.grade && v.gradeYear) add('grade', 'required', '有评估年度须填评估等级 / a grade year needs its grade');
  return problems;
}

const spec: LedgerSpec<Column> = {
  file: 'social/organizations.csv',
  columns: {
    creditCode: { header: '统一社会信用代码', type: 'creditCode' },
    filingNumber: { header: '备案编号', type: 'code', pattern: FILING_NUMBER },
    name: { header: '组织名称', type: 'text', required: true },
    type: { header: '组织类型', type: 'enum', values: labels(ORG_TYPES), required: true },
    registrationAuthority: { header: '登记管理机关', type: 'text' },
    supervisingUnit: { header: '业务主管单位', type: 'text' },
    foundedOn: { header: '成立日期', type: 'date', required: true },
    streetCode: { header: '所属街道代码', type: 'code', pattern: REGION, required: true },
    communityCode: { header: '所属社区代码', type: 'code', pattern: REGION },
    field: { header: '服务领域', type: 'enum', values: labels(SERVICE_FIELDS), required: true },
    legalRepresentative: { header: '法定代表人', type: 'text', personal: true },
    status: { header: '状态', type: 'enum', values: labels(ORG_STATUSES), required: true },
    deregisteredOn: { header: '注销日期', type: 'date' },
    grade: { header: '评估等级', type: 'enum', values: labels(GRADES) },
    gradeYear: { header: '评估年度', type: 'int', min: 1990, max: 2100 },
  },
  // one of the two is blank: registered organisations use the credit code, filed ones the filing number
  key: ['creditCode', 'filingNumber'],
  check: rowRules,
};

export const organizationsLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const future = batch
      .filter(({ value }) => value.gradeYear !== null && Number(value.gradeYear) > Number(ctx.today.slice(0, 4)))
      .map(({ row }) => ({
        file: spec.file,
        row,
        column: spec.columns.gradeYear.header,
        kind: 'range' as const,
        reason: '评估年度晚于今年 / grade year is in the future',
      }));
    return [...future, ...(await unknownRegions(spec, batch, ['streetCode', 'communityCode'], ctx))];
  },
  write(batch, ctx) {
    return upsertRows(
      ctx.db,
      'social_organization',
      ['code'],
      batch.map(({ value: v }) => ({
        code: text(v.creditCode ?? v.filingNumber),
        name: text(v.name),
        org_type: codeOf(ORG_TYPES, String(v.type)),
        registration_authority: text(v.registrationAuthority),
        supervising_unit: text(v.supervisingUnit),
        founded_on: text(v.foundedOn),
        street_code: text(v.streetCode),
        community_code: text(v.communityCode),
        region_code: text(v.communityCode ?? v.streetCode),
        field: codeOf(SERVICE_FIELDS, String(v.field)),
        legal_representative: text(v.legalRepresentative),
        deregistered_on: text(v.deregisteredOn),
        grade_level: v.grade ? Number(String(v.grade)[0]) : null,
        grade_year: v.gradeYear,
      })),
    );
  },
};
