import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001655 } from './Migration20261122001655';

/** Applied in order at start-up. New ones: `pnpm --filter @district/infra migration:create gig-care`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001655', class: Migration20261122001655 },
];
