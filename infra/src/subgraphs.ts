import { join } from 'node:path';
import { databaseName, envName, SUBGRAPHS as REGISTRY, type Department } from '@district/common';

/** The five subgraphs as the local runner starts them: the registry (common/subgraphs.ts) plus where each lives. */
export interface SubgraphEntry {
  name: Department;
  /** upper-case name for environment variables, e.g. PARTY_BUILDING */
  envName: string;
  dir: string;
  defaultPort: number;
  database: string;
}

export const repoRoot = join(__dirname, '..', '..');

/** In the registry's order: the region tree's owner first. */
export const SUBGRAPHS: SubgraphEntry[] = REGISTRY.map((s) => ({
  name: s.name,
  envName: envName(s.name),
  dir: join(repoRoot, 'services', s.name),
  defaultPort: s.port,
  database: databaseName(s.name),
}));
