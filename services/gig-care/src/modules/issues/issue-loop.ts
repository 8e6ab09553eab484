import { defineLoop } from '@district/subgraph-kit';
import type { IssueStatus } from './issue.entity';

/** An issue moves reported → dispatched → resolved → fed back, one step at a time (a step out of order is CONFLICT). */
export const ISSUE_LOOP = defineLoop<IssueStatus>({
  states: ['REPORTED', 'DISPATCHED', 'RESOLVED', 'FED_BACK'],
  labels: { REPORTED: '已上报', DISPATCHED: '已派单', RESOLVED: '已办结', FED_BACK: '已反馈' },
  what: '问题',
});

/**
 * The deadline rule: an issue must be resolved within 72 hours of being reported. An issue that is
 * neither resolved nor fed back 72 hours after its report is overdue; the clock does not stop while
 * it waits for dispatch, because the reporter waits all the same.
 */
export const RESOLVE_WITHIN_HOURS = 72;
const HOUR_MS = 3_600_000;

export const deadlineOf = (reportedAt: Date) => new Date(reportedAt.getTime() + RESOLVE_WITHIN_HOURS * HOUR_MS);

export const OPEN_STATUSES: readonly IssueStatus[] = ['REPORTED', 'DISPATCHED'];

export function isOverdue(issue: { status: IssueStatus; reportedAt: Date }, now = new Date()): boolean {
  return OPEN_STATUSES.includes(issue.status) && deadlineOf(issue.reportedAt) < now;
}
