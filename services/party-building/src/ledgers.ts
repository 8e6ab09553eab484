import type { LedgerImporter } from '@district/ledger';
import { instructorsLedger, visitsLedger } from './modules/instructors/instructors.ledger';
import { twoNewOrgsLedger } from './modules/organizations/organizations.ledger';
import { keyAreasLedger } from './modules/key-areas/key-areas.ledger';
import { committeeMembersLedger, industryCommitteesLedger, trainingsLedger } from './modules/committees/committees.ledger';

/** In dependency order: organizations name instructors and key areas; visits name both. */
export const ledgers: LedgerImporter[] = [
  instructorsLedger,
  keyAreasLedger,
  twoNewOrgsLedger,
  visitsLedger,
  trainingsLedger,
  committeeMembersLedger,
  industryCommitteesLedger,
];
