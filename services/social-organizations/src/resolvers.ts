import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { organizationResolvers } from './modules/organizations/organizations.resolvers';
import { organizationMutations } from './modules/organizations/organizations.mutations';
import { inspectionResolvers } from './modules/inspections/inspections.resolvers';
import { inspectionMutations } from './modules/inspections/inspections.mutations';
import { mediationResolvers } from './modules/mediation/mediation.resolvers';
import { mediationMutations } from './modules/mediation/mediation.mutations';
import { projectResolvers } from './modules/projects/projects.resolvers';
import { projectMutations } from './modules/projects/projects.mutations';
import { figureResolvers } from './modules/figures/figures.resolvers';

/** Resolvers of every module, merged per type. */
export const resolvers = {
  Date: DateScalar,
  ...organizationResolvers,
  ...inspectionResolvers,
  ...mediationResolvers,
  ...projectResolvers,
  ...figureResolvers,
  Region: { ...figureResolvers.Region, ...organizationResolvers.Region },
  Query: {
    ...organizationResolvers.Query,
    ...inspectionResolvers.Query,
    ...mediationResolvers.Query,
    ...projectResolvers.Query,
    socialOrganizationsAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
  },
  Mutation: { ...organizationMutations, ...inspectionMutations, ...mediationMutations, ...projectMutations },
};
