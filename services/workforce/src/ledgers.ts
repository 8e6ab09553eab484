import type { LedgerImporter } from '@district/ledger';
import { compoundsLedger, gridsLedger, regionsLedger } from './modules/regions/regions.ledger';
import { workersLedger } from './modules/workers/workers.ledger';
import { certificatesLedger, examRegistrationsLedger } from './modules/certification/certification.ledger';
import { trainingAttendanceLedger, trainingsLedger } from './modules/trainings/trainings.ledger';
import { deliberationsLedger } from './modules/deliberations/deliberations.ledger';
import { facilitiesLedger, facilityWorksLedger } from './modules/facilities/facilities.ledger';
import { autonomyActivitiesLedger, autonomyStationsLedger, autonomySubsidiesLedger } from './modules/autonomy/autonomy.ledger';
import { electionResultsLedger, electionsLedger } from './modules/elections/elections.ledger';
import { suggestionsLedger } from './modules/suggestions/suggestions.ledger';
import { ownersCommitteesLedger, propertyFeesLedger, propertyServicesLedger } from './modules/property/property.ledger';
import { householdVisitsLedger } from './modules/visits/visits.ledger';
import { microProjectsLedger, microProjectSupervisionsLedger } from './modules/micro-projects/micro-projects.ledger';
import { compoundFilingsLedger, compoundInspectionsLedger, smartCompoundsLedger } from './modules/compound-records/compound-records.ledger';
import { recognitionsLedger } from './modules/recognitions/recognitions.ledger';
import { talentPoolLedger } from './modules/talent-pool/talent-pool.ledger';
import { demonstrationApplicationsLedger } from './modules/demonstrations/demonstrations.ledger';
import { writeupsLedger } from './modules/writeups/writeups.ledger';
import { jointEventsLedger, workingBodiesLedger, workingBodyMembersLedger } from './modules/bodies/bodies.ledger';
import { villagersGroupsLedger } from './modules/villagers-groups/villagers-groups.ledger';
import { documentItemsLedger, documentsLedger } from './modules/documents/documents.ledger';

/** In dependency order: the region tree first (every ledger of every subgraph refers to it), then workers before what names them. */
export const ledgers: LedgerImporter[] = [
  regionsLedger,
  gridsLedger,
  compoundsLedger,
  villagersGroupsLedger,
  workersLedger,
  certificatesLedger,
  examRegistrationsLedger,
  trainingsLedger,
  trainingAttendanceLedger,
  deliberationsLedger,
  facilitiesLedger,
  facilityWorksLedger,
  autonomyStationsLedger,
  autonomySubsidiesLedger,
  autonomyActivitiesLedger,
  electionsLedger,
  electionResultsLedger,
  suggestionsLedger,
  propertyServicesLedger,
  ownersCommitteesLedger,
  propertyFeesLedger,
  householdVisitsLedger,
  microProjectsLedger,
  microProjectSupervisionsLedger,
  compoundInspectionsLedger,
  compoundFilingsLedger,
  smartCompoundsLedger,
  recognitionsLedger,
  talentPoolLedger,
  demonstrationApplicationsLedger,
  writeupsLedger,
  workingBodiesLedger,
  workingBodyMembersLedger,
  jointEventsLedger,
  documentsLedger,
  documentItemsLedger,
];
