import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122003003 } from './Migration20261122003003';
import { Migration20261130000000_DistrictKeys } from './Migration20261130000000_DistrictKeys';
import { Migration20261201000000_DailyWork } from './Migration20261201000000_DailyWork';
import { Migration20261220000600_KeyAreas } from './Migration20261220000600_KeyAreas';

/** Applied in order at start-up. New ones: `pnpm migration:create party-building`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122003003', class: Migration20261122003003 },
  { name: 'Migration20261130000000_DistrictKeys', class: Migration20261130000000_DistrictKeys },
  { name: 'Migration20261201000000_DailyWork', class: Migration20261201000000_DailyWork },
  { name: 'Migration20261220000600_KeyAreas', class: Migration20261220000600_KeyAreas },
];
