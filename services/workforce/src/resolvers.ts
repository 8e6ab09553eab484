import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { regionResolvers } from './modules/regions/regions.resolvers';
import { lookupResolvers } from './modules/regions/lookups.resolvers';
import { workerResolvers } from './modules/workers/workers.resolvers';
import { workerMutations } from './modules/workers/workers.mutations';
import { certificationResolvers } from './modules/certification/certification.resolvers';
import { trainingResolvers } from './modules/trainings/trainings.resolvers';
import { deliberationResolvers } from './modules/deliberations/deliberations.resolvers';

type ResolverMap = Record<string, Record<string, unknown>>;

/** Each module contributes fields to shared types (Query, Region, WorkforceFigures …); merged per type. */
function mergeByType(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) out[type] = { ...out[type], ...fields };
  }
  return out;
}

export const resolvers = {
  Date: DateScalar,
  ...mergeByType(
    regionResolvers,
    lookupResolvers,
    workerResolvers,
    { Mutation: workerMutations },
    certificationResolvers,
    trainingResolvers,
    deliberationResolvers,
    {
      Query: {
        workforceAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
      },
    },
  ),
};
