import type { LedgerImporter } from '@district/ledger';
import { instructorsLedger, visitsLedger } from './modules/instructors/instructors.ledger';
import { twoNewOrgsLedger } from './modules/organizations/organizations.ledger';
import { committeeMembersLedger, industryCommitteesLedger, trainingsLedger } from './modules/committees/committees.ledger';

/** In dependency order: organizations name instructors; visits name both. */
export const ledgers: LedgerImporter[] = [
  instructorsLedger,
  twoNewOrgsLedger,
  visitsLedger,
  trainingsLedger,
  committeeMembersLedger,
  industryCommitteesLedger,
];
