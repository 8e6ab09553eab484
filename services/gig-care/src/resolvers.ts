import { auditTrail, DateScalar, type RequestContext } from '@district/common';
import { careResolvers } from './modules/care/care.resolvers';
import { figureResolvers } from './modules/figures/figures.resolvers';
import { issueResolvers } from './modules/issues/issues.resolvers';
import { pointsResolvers } from './modules/points/points.resolvers';
import { riderCodeResolvers } from './modules/rider-code/rider-code.resolvers';
import { stationResolvers } from './modules/stations/stations.resolvers';
import { workerResolvers } from './modules/workers/workers.resolvers';

/** Resolvers of every module, merged per type. */
export const resolvers = {
  Date: DateScalar,
  ...careResolvers,
  ...figureResolvers,
  ...issueResolvers,
  ...pointsResolvers,
  ...riderCodeResolvers,
  ...stationResolvers,
  ...workerResolvers,
  Query: {
    ...careResolvers.Query,
    ...issueResolvers.Query,
    ...pointsResolvers.Query,
    ...riderCodeResolvers.Query,
    ...stationResolvers.Query,
    ...workerResolvers.Query,
    gigCareAuditTrail: (_: unknown, args: { first?: number; operation?: string }, ctx: RequestContext) => auditTrail(ctx, args),
  },
  Mutation: {
    ...issueResolvers.Mutation,
    ...pointsResolvers.Mutation,
    ...stationResolvers.Mutation,
    ...workerResolvers.Mutation,
  },
  Region: {
    ...figureResolvers.Region,
    ...issueResolvers.Region,
    ...stationResolvers.Region,
  },
};
