import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { organizationResolvers } from './modules/organizations/organizations.resolvers';
import { organizationMutations } from './modules/organizations/organizations.mutations';
import { instructorResolvers } from './modules/instructors/instructors.resolvers';
import { instructorMutations } from './modules/instructors/instructors.mutations';
import { committeeResolvers } from './modules/committees/committees.resolvers';
import { figureResolvers } from './modules/regions/figures.resolvers';

/** Resolvers of every module, merged per type. */
export const resolvers = {
  Date: DateScalar,
  ...organizationResolvers,
  ...instructorResolvers,
  ...figureResolvers,
  Region: { ...figureResolvers.Region, ...organizationResolvers.Region },
  Query: {
    ...organizationResolvers.Query,
    ...instructorResolvers.Query,
    ...committeeResolvers.Query,
    partyBuildingAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
  },
  Mutation: { ...organizationMutations, ...instructorMutations },
};
