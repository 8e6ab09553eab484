import { upsertRows, type Defect, type LedgerImporter, type LedgerSpec, type RowProblem } from '@district/common';
import { codeOf, DISPUTE_TYPES, labels, MEDIATION_RESULTS } from '../../vocabulary';
import { knownOrganizations, text } from '../../ledger-support';

type Column = 'caseNumber' | 'organizationCode' | 'receivedOn' | 'disputeType' | 'result' | 'closedOn';

/** A credit code (GB 32100 alphabet) or a filing number. */
const ORGANIZATION_CODE = /^([0-9A-HJ-NPQRTUWXY]{18}|BA\d{13})$/;

/** A closed case has its closing date; one in progress has none. */
function rowRules(v: Record<Column, unknown>): RowProblem<Column>[] {
  const inProgress = v.result === MEDIATION_RESULTS.IN_PROGRESS;
  if (!inProgress && !v.closedOn)
    return [{ column: 'closedOn', kind: 'required', reason: '已办结案件须填办结日期 / a closed case needs its closing date' }];
  if (inProgress && v.closedOn)
    return [{ column: 'closedOn', kind: 'format', reason: '调解中的案件不应有办结日期 / a case in progress has no closing date' }];
  return [];
}

const spec: LedgerSpec<Column> = {
  file: 'social/mediation_cases.csv',
  columns: {
    caseNumber: { header: '案件编号', type: 'code', required: true },
    organizationCode: { header: '调解组织编码', type: 'code', pattern: ORGANIZATION_CODE, required: true },
    receivedOn: { header: '受理日期', type: 'date', required: true },
    disputeType: { header: '纠纷类型', type: 'enum', values: labels(DISPUTE_TYPES), required: true },
    result: { header: '调解结果', type: 'enum', values: labels(MEDIATION_RESULTS), required: true },
    closedOn: { header: '办结日期', type: 'date' },
  },
  key: ['caseNumber'],
  check: rowRules,
};

/**
 * Cases name organisations imported before them. The 2025 Shangjie ledger has cases closed a few days
 * before they were received and cases received before their organisation's founding date; the
 * district accepts that ledger as it is, so those are not defects here (the mutations refuse them).
 */
export const mediationLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const orgs = await knownOrganizations(
      ctx,
      batch.map(({ value }) => String(value.organizationCode)),
    );
    return batch
      .filter(({ value }) => !orgs.has(String(value.organizationCode)))
      .map(({ row, value }): Defect => ({
        file: spec.file,
        row,
        column: spec.columns.organizationCode.header,
        kind: 'reference',
        reason: `没有该调解组织 / no organisation ${value.organizationCode}`,
      }));
  },
  write(batch, ctx) {
    return upsertRows(
      ctx.db,
      'mediation_case',
      ['case_number'],
      batch.map(({ value: v }) => ({
        case_number: v.caseNumber,
        organization_code: v.organizationCode,
        received_on: v.receivedOn,
        dispute_type: codeOf(DISPUTE_TYPES, String(v.disputeType)),
        result: codeOf(MEDIATION_RESULTS, String(v.result)),
        closed_on: text(v.closedOn),
      })),
    );
  },
};
