import { auditTrail, DateScalar, ledgerImportResolvers, mergeResolvers } from '@district/subgraph-kit';
import type { Resolvers } from './generated/graphql';
import { lookupResolvers, regionResolvers } from './modules/regions/regions.resolvers';
import { workerResolvers } from './modules/workers/workers.resolvers';
import { workerMutations } from './modules/workers/workers.mutations';
import { certificationResolvers } from './modules/certification/certification.resolvers';
import { trainingResolvers } from './modules/trainings/trainings.resolvers';
import { deliberationResolvers } from './modules/deliberations/deliberations.resolvers';
import { certificationMutations } from './modules/certification/certification.mutations';
import { trainingMutations } from './modules/trainings/trainings.mutations';
import { deliberationMutations } from './modules/deliberations/deliberations.mutations';
import { regionMutations } from './modules/regions/regions.mutations';
import { personResolvers } from './modules/persons/persons.resolvers';
import { facilityResolvers } from './modules/facilities/facilities.resolvers';
import { facilityMutations } from './modules/facilities/facilities.mutations';
import { autonomyResolvers } from './modules/autonomy/autonomy.resolvers';
import { autonomyMutations } from './modules/autonomy/autonomy.mutations';
import { electionResolvers } from './modules/elections/elections.resolvers';
import { electionMutations } from './modules/elections/elections.mutations';
import { suggestionResolvers } from './modules/suggestions/suggestions.resolvers';
import { suggestionMutations } from './modules/suggestions/suggestions.mutations';
import { propertyResolvers } from './modules/property/property.resolvers';
import { propertyMutations } from './modules/property/property.mutations';
import { visitResolvers } from './modules/visits/visits.resolvers';
import { visitMutations } from './modules/visits/visits.mutations';
import { microProjectResolvers } from './modules/micro-projects/micro-projects.resolvers';
import { microProjectMutations } from './modules/micro-projects/micro-projects.mutations';
import { compoundRecordResolvers } from './modules/compound-records/compound-records.resolvers';
import { compoundRecordMutations } from './modules/compound-records/compound-records.mutations';
import { recognitionResolvers } from './modules/recognitions/recognitions.resolvers';
import { recognitionMutations } from './modules/recognitions/recognitions.mutations';
import { talentPoolResolvers } from './modules/talent-pool/talent-pool.resolvers';
import { talentPoolMutations } from './modules/talent-pool/talent-pool.mutations';
import { demonstrationResolvers } from './modules/demonstrations/demonstrations.resolvers';
import { demonstrationMutations } from './modules/demonstrations/demonstrations.mutations';
import { writeupResolvers } from './modules/writeups/writeups.resolvers';
import { writeupMutations } from './modules/writeups/writeups.mutations';
import { villagersGroupResolvers } from './modules/villagers-groups/villagers-groups.resolvers';
import { villagersGroupMutations } from './modules/villagers-groups/villagers-groups.mutations';
import { bodyResolvers } from './modules/bodies/bodies.resolvers';
import { bodyMutations } from './modules/bodies/bodies.mutations';
import { documentResolvers } from './modules/documents/documents.resolvers';
import { documentMutations } from './modules/documents/documents.mutations';

/** Each module contributes fields to shared types (Query, Region, WorkforceFigures …); merged per type. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>(
  { Date: DateScalar },
  regionResolvers,
  lookupResolvers,
  workerResolvers,
  { Mutation: workerMutations },
  certificationResolvers,
  { Mutation: certificationMutations },
  trainingResolvers,
  { Mutation: trainingMutations },
  deliberationResolvers,
  { Mutation: deliberationMutations },
  { Mutation: regionMutations },
  personResolvers,
  facilityResolvers,
  { Mutation: facilityMutations },
  autonomyResolvers,
  { Mutation: autonomyMutations },
  electionResolvers,
  { Mutation: electionMutations },
  suggestionResolvers,
  { Mutation: suggestionMutations },
  propertyResolvers,
  { Mutation: propertyMutations },
  visitResolvers,
  { Mutation: visitMutations },
  microProjectResolvers,
  { Mutation: microProjectMutations },
  compoundRecordResolvers,
  { Mutation: compoundRecordMutations },
  recognitionResolvers,
  { Mutation: recognitionMutations },
  talentPoolResolvers,
  { Mutation: talentPoolMutations },
  demonstrationResolvers,
  { Mutation: demonstrationMutations },
  writeupResolvers,
  { Mutation: writeupMutations },
  villagersGroupResolvers,
  { Mutation: villagersGroupMutations },
  bodyResolvers,
  { Mutation: bodyMutations },
  documentResolvers,
  { Mutation: documentMutations },
  { Query: { workforceAuditTrail: (_, args, ctx) => auditTrail(ctx, args) } },
  ledgerImportResolvers<Resolvers>('workforce'),
);
