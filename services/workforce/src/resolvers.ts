import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { regionResolvers } from './modules/regions/regions.resolvers';

/** Resolvers of every module, merged per type. */
export const resolvers = {
  Date: DateScalar,
  ...regionResolvers,
  Query: {
    ...regionResolvers.Query,
    workforceAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
  },
};
