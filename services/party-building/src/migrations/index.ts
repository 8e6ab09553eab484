import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122003003 } from './Migration20261122003003';

/** Applied in order at start-up. New ones: `pnpm --filter @district/infra migration:create party-building`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122003003', class: Migration20261122003003 },
];
