import { and, defineFigure, eq, stock } from '@district/subgraph-kit';
import type { JobType } from './worker.entity';

type Args = { jobType?: JobType | null; mobileGridMember?: boolean | null; partyMember?: boolean | null };

/** Gig workers registered on or before the stock day (登记日期), where they live; mobileGridMember: 流动网格员. */
export const gigWorkers = defineFigure<Args>({
  name: 'workers.registered',
  source: { name: 'gig-worker', from: 'gig_worker t', place: 't.community_code' },
  period: stock({ since: 't.registered_on', sinceRequired: true }),
  where: (a) => and(eq('t.job_type', a.jobType), eq('t.mobile_grid_member', a.mobileGridMember), eq('t.party_member', a.partyMember)),
});
