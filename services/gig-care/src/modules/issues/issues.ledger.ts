import { communityOf, globalId } from '@district/common';
import {
  outsideDistrict,
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
import type { IssueStatus } from './issue.entity';

/** 处置中 means handed to a unit and being handled; the ledger keeps no dispatch time. */
const STATUSES = vocabulary<IssueStatus>({ 已上报: 'REPORTED', 处置中: 'DISPATCHED', 已办结: 'RESOLVED' });

const columns = {
  number: { header: '上报编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  reporter: { header: '上报人编号', type: 'code', required: true, pattern: /^[A-Za-z0-9_-]{1,30}$/ },
  grid: { header: '网格编码', type: 'code', required: true, pattern: /^\d{14}$/ },
  category: { header: '问题类别', type: 'text', required: true },
  description: { header: '问题描述', type: 'text' },
  reportedAt: { header: '上报时间', type: 'datetime', required: true },
  status: { header: '处置状态', type: 'enum', required: true, values: STATUSES.labels },
  resolvedAt: { header: '办结时间', type: 'datetime' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof columns;

/** A resolved issue has its resolution time, an open one has none, and nothing is resolved before it was reported. */
function loopTimes(v: Record<Key, unknown>): RowProblem<Key>[] {
  const resolved = STATUSES.of(v.status) === 'RESOLVED';
  if (resolved && !v.resolvedAt)
    return [{ column: 'resolvedAt', kind: 'required', reason: '已办结的问题须填写办结时间 / a resolved issue needs its resolution time' }];
  if (!resolved && v.resolvedAt)
    return [{ column: 'resolvedAt', kind: 'format', reason: '未办结的问题不应有办结时间 / an open issue has no resolution time' }];
  if (resolved && Date.parse(String(v.resolvedAt)) < Date.parse(String(v.reportedAt))) {
    return [{ column: 'resolvedAt', kind: 'range', reason: '办结时间早于上报时间 / resolved before it was reported' }];
  }
  return [];
}

const spec: LedgerSpec<Key> = { file: 'gig/issue_reports.csv', columns, key: ['number'], check: loopTimes };

/**
 * gig/issue_reports.csv: issues reported by mobile grid members, on a grid of the district; the
 * reporter is the district's worker number (imported after gig/workers.csv).
 */
export const issuesLedger: LedgerImporter<Key> = {
  spec,
  place: { column: 'grid' },
  async check(batch, ctx) {
    const reporterId = (n: string) => globalId(ctx.district, n);
    const members = await ctx.db.query('SELECT id FROM gig_worker WHERE id = ANY($1) AND mobile_grid_member', [
      valuesOf(batch, 'reporter', reporterId),
    ]);
    return [
      ...outsideDistrict(batch, ctx, (r) => str(r.value.grid), columns.grid.header),
      ...unknownReferences(spec, batch, 'grid', await ctx.regionTree.grids(valuesOf(batch, 'grid')), ['网格', 'grid']),
      ...unknownReferences(
        spec,
        batch,
        'reporter',
        new Set(members.rows.map((m: { id: string }) => m.id)),
        ['流动网格员', 'mobile grid member'],
        reporterId,
      ),
    ];
  },
  write: (batch, ctx) =>
    storeRows(
      ctx,
      {
        table: 'gig_issue',
        key: ['id'],
        region: 'grid_code',
        columns: ['reporter_id', 'grid_code', 'community_code', 'category', 'description', 'status', 'reported_at', 'resolved_at'],
      },
      batch.map(({ row, value }) => ({
        row,
        values: {
          id: globalId(ctx.district, str(value.number)),
          district_code: ctx.district,
          number: str(value.number),
          reporter_id: globalId(ctx.district, str(value.reporter)),
          grid_code: str(value.grid),
          community_code: communityOf(str(value.grid)),
          category: str(value.category),
          description: strOrNull(value.description),
          status: STATUSES.of(value.status),
          reported_at: str(value.reportedAt),
          resolved_at: strOrNull(value.resolvedAt),
        },
      })),
      { keyLabel: (v) => `上报编号 ${v.number}`, keyColumn: columns.number.header },
    ),
};
