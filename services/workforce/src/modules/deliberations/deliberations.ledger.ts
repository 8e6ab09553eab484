import { globalId } from '@district/common';
import {
  placesDefects,
  storeRows,
  str,
  strOrNull,
  vocabulary,
  type ColumnSpec,
  type LedgerImporter,
  type RowProblem,
} from '@district/ledger';
import { METHOD_KINDS, methodKindOf } from './methods';

const STATUSES = vocabulary({ 已提出: 'RAISED', 办理中: 'HANDLING', 已办结: 'CLOSED' } as const);

const columns = {
  number: { header: '议题编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  title: { header: '议题名称', type: 'text', required: true },
  method: { header: '议事方法', type: 'text', required: true },
  // optional: without it the kind is the one the method's text names (last year's files have no such column)
  methodKind: { header: '议事方法分类', type: 'enum', values: METHOD_KINDS.labels, optionalHeader: true },
  raisedOn: { header: '提出日期', type: 'date', required: true },
  closedOn: { header: '办结日期', type: 'date' },
  status: { header: '状态', type: 'enum', required: true, values: STATUSES.labels },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/**
 * A topic is closed exactly when it has a closing day. A closing day before the raising day is kept
 * as written (two rows of the 2025 ledger have one, and the ledger is what the district reports):
 * only the mutations hold the order.
 */
function closedLoop(v: Record<Key, unknown>): RowProblem<Key>[] {
  const closed = STATUSES.of(v.status) === 'CLOSED';
  if (closed && !v.closedOn)
    return [{ column: 'closedOn', kind: 'required', reason: '已办结的议题须填办结日期 / a closed topic needs its closing day' }];
  if (!closed && v.closedOn)
    return [{ column: 'closedOn', kind: 'format', reason: '未办结的议题不应有办结日期 / only a closed topic has a closing day' }];
  return [];
}

/** workforce/deliberations.csv: deliberation topics and where their loop stands. */
export const deliberationsLedger: LedgerImporter<Key> = {
  spec: { file: 'workforce/deliberations.csv', columns, key: ['number'], check: closedLoop },
  place: { column: 'community' },
  check: (batch, ctx) => placesDefects(deliberationsLedger.spec, batch, ctx, [['community', 'community']]),
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'deliberation',
        key: ['id'],
        region: 'community_code',
        columns: ['community_code', 'title', 'method', 'method_kind', 'raised_on', 'closed_on', 'status'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          community_code: str(value.community),
          title: str(value.title),
          method: str(value.method),
          method_kind: METHOD_KINDS.orNull(value.methodKind) ?? methodKindOf(str(value.method)),
          raised_on: str(value.raisedOn),
          closed_on: strOrNull(value.closedOn),
          status: STATUSES.of(value.status),
        },
      })),
      { keyLabel: (v) => `议题编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
