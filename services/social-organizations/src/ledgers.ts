import type { LedgerImporter } from '@district/ledger';
import { organizationsLedger } from './modules/organizations/organizations.ledger';
import { inspectionsLedger } from './modules/inspections/inspections.ledger';
import { mediationLedger } from './modules/mediation/mediation.ledger';
import { projectsLedger } from './modules/projects/projects.ledger';
import { milestonesLedger } from './modules/projects/milestones';

/** This subgraph's ledgers in dependency order: organisations first, everything else names them. */
export const ledgers: LedgerImporter[] = [organizationsLedger, inspectionsLedger, mediationLedger, projectsLedger, milestonesLedger];
