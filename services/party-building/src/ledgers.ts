import type { LedgerImporter } from '@district/common';
import { instructorLedger, visitLedger } from './modules/instructors/instructors.ledger';
import { twoNewOrgLedger } from './modules/organizations/organizations.ledger';
import { committeeMemberLedger, industryCommitteeLedger, trainingLedger } from './modules/committees/committees.ledger';

/** In dependency order: organisations name instructors; visits name both. */
export const ledgers: LedgerImporter[] = [
  instructorLedger,
  twoNewOrgLedger,
  visitLedger,
  trainingLedger,
  committeeMemberLedger,
  industryCommitteeLedger,
];
