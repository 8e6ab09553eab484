import type { LedgerImporter } from '@district/common';
import { activityLedger, serviceRecordLedger } from './modules/activities/activities.ledgers';
import { needLedger, resourceLedger } from './modules/needs/needs.ledgers';
import { pilotLedger, stationLedger } from './modules/stations/stations.ledgers';
import { volunteerLedger } from './modules/volunteers/volunteers.ledgers';

/** In dependency order: stations before the volunteers and activities that name them, activities before their records. */
export const ledgers: LedgerImporter[] = [
  stationLedger,
  pilotLedger,
  volunteerLedger,
  activityLedger,
  serviceRecordLedger,
  needLedger,
  resourceLedger,
];
