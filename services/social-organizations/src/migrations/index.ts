import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001814 } from './Migration20261122001814';

/** Applied in order at start-up. New ones: `pnpm migration:create social-organizations`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001814', class: Migration20261122001814 },
];
