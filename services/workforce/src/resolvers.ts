import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { lookupResolvers, regionResolvers } from './modules/regions/regions.resolvers';
import { workerResolvers } from './modules/workers/workers.resolvers';
import { workerMutations } from './modules/workers/workers.mutations';
import { certificationResolvers } from './modules/certification/certification.resolvers';
import { trainingResolvers } from './modules/trainings/trainings.resolvers';
import { deliberationResolvers } from './modules/deliberations/deliberations.resolvers';

/** Each module contributes fields to shared types (Query, Region, WorkforceFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  regionResolvers,
  lookupResolvers,
  workerResolvers,
  { Mutation: workerMutations },
  certificationResolvers,
  trainingResolvers,
  deliberationResolvers,
  { Query: { workforceAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('workforce'),
);
