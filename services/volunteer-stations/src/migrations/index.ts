import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001938 } from './Migration20261122001938';

/** Applied in order at start-up. New ones: `pnpm --filter @district/infra migration:create volunteer-stations`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001938', class: Migration20261122001938 },
];
