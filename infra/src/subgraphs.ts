import { join } from 'node:path';
import type { Department } from '@district/common';

/** The five subgraphs as the local runner starts them. */
export interface SubgraphEntry {
  name: Department;
  /** upper-case name for environment variables, e.g. PARTY_BUILDING */
  envName: string;
  dir: string;
  defaultPort: number;
  database: string;
}

export const repoRoot = join(__dirname, '..', '..');

const entry = (name: Department, defaultPort: number): SubgraphEntry => ({
  name,
  envName: name.toUpperCase().replace(/-/g, '_'),
  dir: join(repoRoot, 'services', name),
  defaultPort,
  database: `district_${name.replace(/-/g, '_')}`,
});

/** In dependency order: the region tree first. */
export const SUBGRAPHS: SubgraphEntry[] = [
  entry('workforce', 4002),
  entry('party-building', 4001),
  entry('social-organizations', 4003),
  entry('volunteer-stations', 4004),
  entry('gig-care', 4005),
];
