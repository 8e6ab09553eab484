import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001655 } from './Migration20261122001655';
import { Migration20261130000000_DistrictKeys } from './Migration20261130000000_DistrictKeys';
import { Migration20261201000000_DailyWork } from './Migration20261201000000_DailyWork';
import { Migration20261202000000_PointsKeysPerCaller } from './Migration20261202000000_PointsKeysPerCaller';

/** Applied in order at start-up. New ones: `pnpm migration:create gig-care`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001655', class: Migration20261122001655 },
  { name: 'Migration20261130000000_DistrictKeys', class: Migration20261130000000_DistrictKeys },
  { name: 'Migration20261201000000_DailyWork', class: Migration20261201000000_DailyWork },
  { name: 'Migration20261202000000_PointsKeysPerCaller', class: Migration20261202000000_PointsKeysPerCaller },
];
