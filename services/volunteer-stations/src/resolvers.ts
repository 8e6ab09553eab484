import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { activityResolvers } from './modules/activities/activities.resolvers';
import { figureResolvers } from './modules/figures/figures.resolvers';
import { needResolvers } from './modules/needs/needs.resolvers';
import { stationResolvers } from './modules/stations/stations.resolvers';
import { volunteerResolvers } from './modules/volunteers/volunteers.resolvers';

/** Resolvers of every module, merged per type. */
export const resolvers: Record<string, object> = {
  Date: DateScalar,
  ...stationResolvers,
  ...volunteerResolvers,
  ...activityResolvers,
  ...needResolvers,
  ...figureResolvers,
  Query: {
    ...stationResolvers.Query,
    ...volunteerResolvers.Query,
    ...activityResolvers.Query,
    ...needResolvers.Query,
    volunteerStationsAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
  },
  Mutation: {
    ...stationResolvers.Mutation,
    ...volunteerResolvers.Mutation,
    ...activityResolvers.Mutation,
    ...needResolvers.Mutation,
  },
  Region: { ...needResolvers.Region, ...figureResolvers.Region },
};
