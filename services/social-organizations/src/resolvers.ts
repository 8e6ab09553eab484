import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { organizationResolvers } from './modules/organizations/organizations.resolvers';
import { organizationMutations } from './modules/organizations/organizations.mutations';
import { inspectionResolvers } from './modules/inspections/inspections.resolvers';
import { inspectionMutations } from './modules/inspections/inspections.mutations';
import { mediationResolvers } from './modules/mediation/mediation.resolvers';
import { mediationMutations } from './modules/mediation/mediation.mutations';
import { projectResolvers } from './modules/projects/projects.resolvers';
import { projectMutations } from './modules/projects/projects.mutations';

/** Each module contributes fields to shared types (Query, Mutation, Region, SocialOrganizationFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  organizationResolvers,
  { Mutation: organizationMutations },
  inspectionResolvers,
  { Mutation: inspectionMutations },
  mediationResolvers,
  { Mutation: mediationMutations },
  projectResolvers,
  { Mutation: projectMutations },
  { Query: { socialOrganizationsAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('social-organizations'),
);
