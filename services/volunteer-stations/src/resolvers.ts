import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { regionResolvers } from './modules/regions/regions.resolvers';
import { stationResolvers } from './modules/stations/stations.resolvers';
import { pilotResolvers } from './modules/pilots/pilots.resolvers';
import { volunteerResolvers } from './modules/volunteers/volunteers.resolvers';
import { activityResolvers } from './modules/activities/activities.resolvers';
import { needResolvers } from './modules/needs/needs.resolvers';
import { projectResolvers } from './modules/projects/projects.resolvers';
import { projectMutations } from './modules/projects/projects.mutations';
import { recruitmentResolvers } from './modules/recruitment/recruitment.resolvers';

/** Each module contributes fields to shared types (Query, Mutation, Region, VolunteerFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  regionResolvers,
  stationResolvers,
  pilotResolvers,
  volunteerResolvers,
  activityResolvers,
  needResolvers,
  projectResolvers,
  { Mutation: projectMutations },
  recruitmentResolvers,
  { Query: { volunteerStationsAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('volunteer-stations'),
);
