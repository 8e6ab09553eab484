import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { regionResolvers } from './modules/regions/regions.resolvers';
import { workerResolvers } from './modules/workers/workers.resolvers';
import { workerMutations } from './modules/workers/workers.mutations';
import { stationResolvers } from './modules/stations/stations.resolvers';
import { stationMutations } from './modules/stations/stations.mutations';
import { riderCodeResolvers } from './modules/rider-code/rider-code.resolvers';
import { issueResolvers } from './modules/issues/issues.resolvers';
import { issueMutations } from './modules/issues/issues.mutations';
import { careResolvers } from './modules/care/care.resolvers';
import { pointsResolvers } from './modules/points/points.resolvers';
import { pointsMutations } from './modules/points/points.mutations';

/** Each module contributes fields to shared types (Query, Mutation, Region, GigCareFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  regionResolvers,
  workerResolvers,
  { Mutation: workerMutations },
  stationResolvers,
  { Mutation: stationMutations },
  riderCodeResolvers,
  issueResolvers,
  { Mutation: issueMutations },
  careResolvers,
  pointsResolvers,
  { Mutation: pointsMutations },
  { Query: { gigCareAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('gig-care'),
);
