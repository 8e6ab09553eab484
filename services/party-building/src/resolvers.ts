import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { regionResolvers } from './modules/regions/regions.resolvers';
import { organizationResolvers } from './modules/organizations/organizations.resolvers';
import { organizationMutations } from './modules/organizations/organizations.mutations';
import { instructorResolvers } from './modules/instructors/instructors.resolvers';
import { instructorMutations } from './modules/instructors/instructors.mutations';
import { committeeResolvers } from './modules/committees/committees.resolvers';
import { committeeMutations } from './modules/committees/committees.mutations';
import { keyAreaResolvers } from './modules/key-areas/key-areas.resolvers';

/** Each module contributes fields to shared types (Query, Mutation, Region, PartyBuildingFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  regionResolvers,
  organizationResolvers,
  { Mutation: organizationMutations },
  instructorResolvers,
  { Mutation: instructorMutations },
  committeeResolvers,
  { Mutation: committeeMutations },
  keyAreaResolvers,
  { Query: { partyBuildingAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('party-building'),
);
