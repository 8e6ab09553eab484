import { globalId } from '@district/common';
import {
  storeRows,
  str,
  strOrNull,
  unknownReferences,
  valuesOf,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type LedgerSpec,
  type RowProblem,
} from '@district/ledger';
import { ORGANIZATION_CODE } from '../organizations/codes';
import { organizationsOfDistrict } from '../organizations/organizations.ledger';

export const DISPUTE_TYPES = vocabulary({
  邻里纠纷: 'NEIGHBORHOOD',
  物业纠纷: 'PROPERTY_MANAGEMENT',
  消费纠纷: 'CONSUMER',
  劳资纠纷: 'LABOR',
  家庭纠纷: 'FAMILY',
  其他: 'OTHER',
} as const);
const RESULTS = vocabulary({ 调解成功: 'RESOLVED', 调解不成功: 'UNRESOLVED', 调解中: 'IN_PROGRESS' } as const);

const columns = {
  number: { header: '案件编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  organization: { header: '调解组织编码', type: 'code', pattern: ORGANIZATION_CODE, required: true },
  receivedOn: { header: '受理日期', type: 'date', required: true },
  disputeType: { header: '纠纷类型', type: 'enum', values: DISPUTE_TYPES.labels, required: true },
  result: { header: '调解结果', type: 'enum', values: RESULTS.labels, required: true },
  closedOn: { header: '办结日期', type: 'date' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** A closed case has its closing date; one in progress has none. */
function closedLoop(v: Record<Key, unknown>): RowProblem<Key>[] {
  const inProgress = RESULTS.of(v.result) === 'IN_PROGRESS';
  if (!inProgress && !v.closedOn)
    return [{ column: 'closedOn', kind: 'required', reason: '已办结案件须填办结日期 / a closed case needs its closing date' }];
  if (inProgress && v.closedOn)
    return [{ column: 'closedOn', kind: 'format', reason: '调解中的案件不应有办结日期 / a case in progress has no closing date' }];
  return [];
}

/**
 * social/mediation_cases.csv: cases, numbered by the district (id "<district>:<case number>"), naming
 * their mediation organisation by credit code or filing number, found among the district's own
 * organisations (imported before them). The 2025 Shangjie ledger has cases closed a few days before
 * they were received and cases received before their organisation's founding date; the district
 * accepts that ledger as it is, so those are not defects here (the mutations refuse them).
 */
const spec: LedgerSpec<Key> = { file: 'social/mediation_cases.csv', columns, key: ['number'], check: closedLoop };

export const mediationLedger: LedgerImporter<Key> = {
  spec,
  async check(batch, ctx) {
    const known = await organizationsOfDistrict(ctx, valuesOf(batch, 'organization'));
    return unknownReferences(spec, batch, 'organization', new Set(known.keys()), ['本区县的调解组织', 'organization in this district']);
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      { table: 'mediation_case', key: ['id'], columns: ['organization_code', 'received_on', 'dispute_type', 'result', 'closed_on'] },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          organization_code: str(value.organization),
          received_on: str(value.receivedOn),
          dispute_type: DISPUTE_TYPES.of(value.disputeType),
          result: RESULTS.of(value.result),
          closed_on: strOrNull(value.closedOn),
        },
      })),
      { keyLabel: (v) => `案件编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
