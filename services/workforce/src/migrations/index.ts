import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001918 } from './Migration20261122001918';

/** Applied in order at start-up. New ones: `pnpm --filter @district/infra migration:create workforce`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001918', class: Migration20261122001918 },
];
