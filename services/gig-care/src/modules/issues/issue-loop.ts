import { badInput } from '@district/common';
import type { IssueStatus } from './gig-issue.entity';

/**
 * The deadline rule: an issue must be resolved within 72 hours of being reported. An issue that is
 * neither resolved nor fed back 72 hours after its report is overdue; the clock does not stop while
 * it waits for dispatch, because the reporter waits all the same.
 */
export const RESOLVE_WITHIN_HOURS = 72;
const HOUR_MS = 3_600_000;

export const deadlineOf = (reportedAt: Date) => new Date(reportedAt.getTime() + RESOLVE_WITHIN_HOURS * HOUR_MS);

export const OPEN_STATUSES: IssueStatus[] = ['REPORTED', 'DISPATCHED'];

export function isOverdue(issue: { status: IssueStatus; reportedAt: Date }, now = new Date()): boolean {
  return OPEN_STATUSES.includes(issue.status) && deadlineOf(issue.reportedAt) < now;
}

/** Reports made before this moment are past their deadline now. */
export const overdueCutoff = (now = new Date()) => new Date(now.getTime() - RESOLVE_WITHIN_HOURS * HOUR_MS);

const NEXT: Record<string, { from: IssueStatus; label: string }> = {
  DISPATCHED: { from: 'REPORTED', label: '已上报 / REPORTED' },
  RESOLVED: { from: 'DISPATCHED', label: '已派单 / DISPATCHED' },
  FED_BACK: { from: 'RESOLVED', label: '已办结 / RESOLVED' },
};

/** The loop goes one step at a time: reported → dispatched → resolved → fed back. */
export function assertStep(current: IssueStatus, next: IssueStatus, code: string): void {
  const step = NEXT[next];
  if (step.from !== current) {
    throw badInput(
      `问题${code}当前状态为${current}，只有${step.label}状态可进入${next} / issue ${code} is ${current}; only a ${step.from} issue can become ${next}`,
      'code',
    );
  }
}
