import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  raw,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { HouseholdVisitFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { workerById } from '../workers/workers.resolvers';
import { HouseholdVisit } from './visit.entity';
import { VISIT_RECORD } from './visits.mutations';
import {
  visitEnterprises,
  visitHouseholds,
  visitingCommunities,
  visitNeedsFound,
  visitNeedsSolved,
  visits,
  visitTalents,
} from './visits.figures';

const VISITS: ListSpec<HouseholdVisit> = {
  entity: HouseholdVisit,
  table: 'household_visit',
  place: 'community_code',
  sortColumns: { ID: 't.number', VISITED_ON: 't.visited_on' },
  defaultOrder: 't.id',
};

function visitList(ctx: RequestContext, prefix: string, args: ListArgs<HouseholdVisitFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    VISITS,
    prefix,
    and(
      eq('t.kind', f.kind),
      f.visitedFrom ? sql`${raw('t.visited_on')} >= ${f.visitedFrom}::date` : undefined,
      f.visitedTo ? sql`${raw('t.visited_on')} <= ${f.visitedTo}::date` : undefined,
    ),
    args,
  );
}

export const visitResolvers: Resolvers = {
  Query: {
    householdVisit: async (_, { id }, ctx) =>
      visible(ctx, await byKey<HouseholdVisit>(ctx, HouseholdVisit, 'id').load(await recordId(ctx, id)), (v) => v.communityCode),
    householdVisits: (_, args, ctx) => visitList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    householdVisits: (r, args, ctx) => visitList(ctx, listPrefix(ctx, r.code), args),
  },
  HouseholdVisit: {
    community: async (v, _, ctx) => (await regionByCode(ctx, v.communityCode))!,
    compound: (v, _, ctx) => (v.compoundId ? byKey<Compound>(ctx, Compound, 'id').load(v.compoundId) : null),
    worker: (v, _, ctx) => (v.workerId ? workerById(ctx, v.workerId) : null),
    history: historyField(VISIT_RECORD),
  },
  GovernanceFigures: {
    householdVisits: (n, a, ctx) => yearOnYear(ctx, visits, a, n.code),
    visitHouseholds: (n, a, ctx) => yearOnYear(ctx, visitHouseholds, a, n.code),
    visitEnterprises: (n, a, ctx) => yearOnYear(ctx, visitEnterprises, a, n.code),
    visitNeedsFound: (n, a, ctx) => yearOnYear(ctx, visitNeedsFound, a, n.code),
    visitNeedsSolved: (n, a, ctx) => yearOnYear(ctx, visitNeedsSolved, a, n.code),
    visitTalentsFound: (n, a, ctx) => yearOnYear(ctx, visitTalents, a, n.code),
    visitingCommunities: (n, a, ctx) => yearOnYear(ctx, visitingCommunities, a, n.code),
  },
};
