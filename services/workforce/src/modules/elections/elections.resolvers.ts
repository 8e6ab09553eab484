import {
  and,
  byKey,
  historyField,
  listPrefix,
  listUnder,
  raw,
  recordId,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CommunityElectionFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { workerById } from '../workers/workers.resolvers';
import { CommunityElection, ElectionResult } from './election.entity';
import { ELECTION_RECORD, RESULT_RECORD } from './elections.mutations';
import { communitiesElected, electionsHeld, membersElected, postRotations } from './elections.figures';

const ELECTIONS: ListSpec<CommunityElection> = {
  entity: CommunityElection,
  table: 'community_election',
  place: 'community_code',
  sortColumns: { ID: 't.number', HELD_ON: 't.held_on', COMPLETED_ON: 't.completed_on' },
  defaultOrder: 't.id',
};

const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);

/** Elections under a node; "completed in a window" is what `communitiesElected` counts (one per community). */
function electionList(ctx: RequestContext, prefix: string, args: ListArgs<CommunityElectionFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    ELECTIONS,
    prefix,
    and(
      f.completed === true ? raw('t.completed_on IS NOT NULL') : f.completed === false ? raw('t.completed_on IS NULL') : undefined,
      between('t.completed_on', f.completedFrom, f.completedTo),
      between('t.held_on', f.heldFrom, f.heldTo),
    ),
    args,
  );
}

export const electionResolvers: Resolvers = {
  Query: {
    communityElection: async (_, { id }, ctx) =>
      visible(ctx, await byKey<CommunityElection>(ctx, CommunityElection, 'id').load(await recordId(ctx, id)), (e) => e.communityCode),
    communityElections: (_, args, ctx) => electionList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    communityElections: (r, args, ctx) => electionList(ctx, listPrefix(ctx, r.code), args),
  },
  CommunityElection: {
    community: async (e, _, ctx) => (await regionByCode(ctx, e.communityCode))!,
    results: (e, _, ctx) =>
      rowsBy<ElectionResult>(ctx, ElectionResult, 'electionId', { orderBy: { committee: 'asc', post: 'desc', id: 'asc' } }).load(e.id),
    history: historyField(ELECTION_RECORD),
  },
  ElectionResult: {
    election: async (r, _, ctx) => (await byKey<CommunityElection>(ctx, CommunityElection, 'id').load(r.electionId))!,
    worker: async (r, _, ctx) => (await workerById(ctx, r.workerId))!,
    history: historyField(RESULT_RECORD),
  },
  GovernanceFigures: {
    communitiesElected: (n, a, ctx) => yearOnYear(ctx, communitiesElected, a, n.code),
    electionsHeld: (n, a, ctx) => yearOnYear(ctx, electionsHeld, a, n.code),
    membersElected: (n, a, ctx) => yearOnYear(ctx, membersElected, a, n.code),
  },
  WorkforceFigures: {
    postRotations: (n, a, ctx) => yearOnYear(ctx, postRotations, a, n.code),
  },
};
