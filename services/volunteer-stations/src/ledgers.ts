import type { LedgerImporter } from '@district/ledger';
import { stationsLedger } from './modules/stations/stations.ledger';
import { pilotsLedger } from './modules/pilots/pilots.ledger';
import { volunteersLedger } from './modules/volunteers/volunteers.ledger';
import { activitiesLedger, serviceRecordsLedger } from './modules/activities/activities.ledger';
import { needsLedger, resourcesLedger } from './modules/needs/needs.ledger';
import { projectsLedger } from './modules/projects/projects.ledger';
import { recruitmentsLedger, trainingsLedger } from './modules/recruitment/recruitment.ledger';

/**
 * In dependency order: stations before the volunteers and activities that name them, activities and
 * volunteers before their records, projects and activities before the recruitments for them.
 */
export const ledgers: LedgerImporter[] = [
  stationsLedger,
  pilotsLedger,
  volunteersLedger,
  activitiesLedger,
  serviceRecordsLedger,
  needsLedger,
  resourcesLedger,
  projectsLedger,
  recruitmentsLedger,
  trainingsLedger,
];
