import { communityOf, upsertRows, type ColumnSpec, type LedgerImporter, type LedgerSpec, type RowProblem } from '@district/common';
import { unknownCodes } from '../../lib/ledger-checks';
import type { IssueStatus } from './gig-issue.entity';

/** 处置中 means handed to a unit and being handled; the ledger keeps no dispatch time. */
const STATUS_BY_LABEL: Record<string, IssueStatus> = { 已上报: 'REPORTED', 处置中: 'DISPATCHED', 已办结: 'RESOLVED' };

const columns = {
  code: { header: '上报编号', type: 'code', required: true },
  reporterCode: { header: '上报人编号', type: 'code', required: true },
  gridCode: { header: '网格编码', type: 'code', required: true, pattern: /^\d{14}$/ },
  category: { header: '问题类别', type: 'text', required: true },
  description: { header: '问题描述', type: 'text' },
  reportedAt: { header: '上报时间', type: 'datetime', required: true },
  status: { header: '处置状态', type: 'enum', required: true, values: Object.keys(STATUS_BY_LABEL) },
  resolvedAt: { header: '办结时间', type: 'datetime' },
} satisfies Record<string, ColumnSpec>;
type Column = keyof typeof columns;

/** A resolved issue has its resolution time, an open one has none, and nothing is resolved before it was reported. */
function loopTimes(v: Record<Column, unknown>): RowProblem<Column>[] {
  const resolved = v.status === '已办结';
  if (resolved && !v.resolvedAt)
    return [{ column: 'resolvedAt', kind: 'required', reason: '已办结的问题须填写办结时间 / a resolved issue needs its resolution time' }];
  if (!resolved && v.resolvedAt)
    return [{ column: 'resolvedAt', kind: 'format', reason: '未办结的问题不应有办结时间 / an open issue has no resolution time' }];
  if (resolved && Date.parse(String(v.resolvedAt)) < Date.parse(String(v.reportedAt))) {
    return [{ column: 'resolvedAt', kind: 'range', reason: '办结时间早于上报时间 / resolved before it was reported' }];
  }
  return [];
}

const spec: LedgerSpec<Column> = { file: 'gig/issue_reports.csv', columns, key: ['code'], check: loopTimes };

/** gig/issue_reports.csv: issues reported by mobile grid members (imported after gig/workers.csv). */
export const issuesLedger: LedgerImporter<Column> = {
  spec,
  async check(batch, ctx) {
    const grids = await unknownCodes(
      batch,
      spec.file,
      columns.gridCode.header,
      (r) => String(r.value.gridCode),
      (codes) => ctx.references.grids(codes),
      ['网格', 'grid'],
    );
    const reporters = await unknownCodes(
      batch,
      spec.file,
      columns.reporterCode.header,
      (r) => String(r.value.reporterCode),
      async (codes) => {
        const found = await ctx.db.query('SELECT code FROM gig_worker WHERE code = ANY($1) AND mobile_grid_member', [codes]);
        return new Set(found.rows.map((x) => x.code as string));
      },
      ['流动网格员', 'mobile grid member'],
    );
    return [...grids, ...reporters];
  },
  write: (batch, ctx) =>
    upsertRows(
      ctx.db,
      'gig_issue',
      ['code'],
      batch.map(({ value: v }) => ({
        code: v.code,
        reporter_code: v.reporterCode,
        grid_code: v.gridCode,
        community_code: communityOf(String(v.gridCode)),
        category: v.category,
        description: v.description,
        status: STATUS_BY_LABEL[String(v.status)],
        reported_at: v.reportedAt,
        resolved_at: v.resolvedAt,
      })),
    ),
};
