import { upsertRows, type ColumnSpec, type LedgerImporter, type RowProblem } from '@district/common';
import { existing, mapping, maybe, referenceDefect, text } from '../../ledger-kit';

const STATUSES = mapping({ 已提出: 'RAISED', 办理中: 'HANDLING', 已办结: 'CLOSED' } as const);
const FILE = 'workforce/deliberations.csv';

const columns = {
  id: { header: '议题编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/ },
  community: { header: '所属社区代码', type: 'code', required: true, pattern: /^\d{12}$/ },
  title: { header: '议题名称', type: 'text', required: true },
  method: { header: '议事方法', type: 'text', required: true },
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
  spec: { file: FILE, columns, key: ['id'], check: closedLoop },
  async check(batch, ctx) {
    const communities = await existing(
      ctx.db,
      'region',
      batch.map((r) => text(r.value.community)),
      `level = 'COMMUNITY'`,
    );
    return batch
      .filter((r) => !communities.has(text(r.value.community)))
      .map((r) => referenceDefect(FILE, r.row, columns.community.header, `社区不存在：${text(r.value.community)} / no such community`));
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'deliberation',
      ['id'],
      batch.map(({ value }) => ({
        id: text(value.id),
        community_code: text(value.community),
        title: text(value.title),
        method: text(value.method),
        raised_on: text(value.raisedOn),
        closed_on: maybe(value.closedOn),
        status: STATUSES.of(value.status),
      })),
    ),
};
