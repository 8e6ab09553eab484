import type { LedgerImporter } from '@district/ledger';
import { careEventsLedger, carePartnersLedger } from './modules/care/care.ledger';
import { issuesLedger } from './modules/issues/issues.ledger';
import { riderCodeLedger } from './modules/rider-code/rider-code.ledger';
import { stationsLedger } from './modules/stations/stations.ledger';
import { workersLedger } from './modules/workers/workers.ledger';

/** The gig-care ledgers in dependency order: issues name their reporters, so workers come first. */
export const ledgers: LedgerImporter[] = [
  workersLedger,
  stationsLedger,
  riderCodeLedger,
  issuesLedger,
  careEventsLedger,
  carePartnersLedger,
];
