import { and, defineFigure, distinct, eq, flow, raw } from '@district/subgraph-kit';
import type { Committee, ElectedPost } from './election.entity';
import type { WorkerRole } from '../workers/worker.entity';

const elections = { name: 'community-election', from: 'community_election e', place: 'e.community_code' };
const results = {
  name: 'election-result',
  from: 'election_result r JOIN community_election e ON e.id = r.election_id',
  place: 'r.community_code',
};

/** Communities that completed their election (the new committees in office) in the period. */
export const communitiesElected = defineFigure({
  name: 'elections.completed',
  source: elections,
  period: flow('e.completed_on'),
  aggregate: distinct('e.community_code'),
});

/** Elections held (voting day) in the period, completed or not. */
export const electionsHeld = defineFigure({ name: 'elections.held', source: elections, period: flow('e.held_on') });

/** Members elected, by committee and post, in elections completed in the period. */
export const membersElected = defineFigure<{ committee?: Committee | null; post?: ElectedPost | null }>({
  name: 'elections.members',
  source: results,
  period: flow('e.completed_on'),
  where: (a) => and(eq('r.committee', a.committee), eq('r.post', a.post)),
});

/**
 * Rotations (书记轮岗/交流): posts of a role begun in the period by a worker whose previous post was in
 * another community. Counted where the worker went.
 */
export const postRotations = defineFigure<{ role?: WorkerRole | null }>({
  name: 'workers.rotations',
  source: { name: 'worker-post-rotation', from: 'worker_post p', place: 'p.community_code' },
  period: flow('p.from_on'),
  where: (a) =>
    and(
      eq('p.role', a.role),
      raw(`EXISTS (SELECT 1 FROM worker_post q WHERE q.worker_id = p.worker_id AND q.withdrawn_on IS NULL AND q.to_on = p.from_on
        AND q.community_code <> p.community_code)`),
    ),
});
