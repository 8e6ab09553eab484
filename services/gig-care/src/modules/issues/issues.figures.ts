import { and, chinaDay, defineFigure, during, eq, flow, raw, sql } from '@district/subgraph-kit';
import { RESOLVE_WITHIN_HOURS } from './issue-loop';

const issues = { name: 'gig-issue', from: 'gig_issue t', place: 't.community_code' };

/** Issues reported in the period: the China calendar day of 上报时间. */
export const issuesReported = defineFigure<{ category?: string | null }>({
  name: 'issues.reported',
  source: issues,
  period: flow(chinaDay('t.reported_at')),
  where: (a) => eq('t.category', a.category?.trim() || null),
});

/** Issues resolved in the period (China day of 办结时间), whenever reported. */
export const issuesResolved = defineFigure({
  name: 'issues.resolved',
  source: issues,
  period: flow(chinaDay('t.resolved_at')),
});

/**
 * Issues open at the end of the stock day (China time) more than 72 hours after they were
 * reported: not resolved by then, and past their deadline by then.
 */
export const issuesOverdue = defineFigure({
  name: 'issues.overdue',
  source: issues,
  period: during((p) => {
    const endOfDay = sql`((${p.asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    return and(
      sql`t.reported_at < ${endOfDay} - ${raw(`interval '${RESOLVE_WITHIN_HOURS} hours'`)}`,
      sql`(t.resolved_at IS NULL OR t.resolved_at >= ${endOfDay})`,
    );
  }),
});
