import { and, defineFigure, during, eq, sql, stock, type Sql } from '@district/subgraph-kit';
import type { JobType } from './worker.entity';

type Args = { jobType?: JobType | null; partyMember?: boolean | null };

/** Registered on or before the day and not left by it. */
const registered = stock({ since: 't.registered_on', sinceRequired: true, until: 't.left_on' });

/** Gig workers (t) serving as mobile grid members on the day (gig_grid_membership). */
export const memberOn = (day: string): Sql =>
  sql`EXISTS (SELECT 1 FROM gig_grid_membership m WHERE m.worker_id = t.id AND m.withdrawn_on IS NULL
    AND m.from_on <= ${day}::date AND (m.to_on IS NULL OR m.to_on > ${day}::date))`;

/**
 * Gig workers registered and not left on the stock day, where they live; `member` true: those serving
 * as mobile grid members (流动网格员) that day, false: the others (a figure per choice).
 */
export const gigWorkers = (member?: boolean | null) =>
  defineFigure<Args>({
    name: `workers.registered.${member ?? 'any'}`,
    source: { name: 'gig-worker', from: 'gig_worker t', place: 't.community_code' },
    period: during((p) => and(registered(p), member === true && memberOn(p.asOf), member === false && sql`NOT ${memberOn(p.asOf)}`)),
    where: (a) => and(eq('t.job_type', a.jobType), eq('t.party_member', a.partyMember)),
  });
