import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001918 } from './Migration20261122001918';
import { Migration20261130000000_DistrictKeys } from './Migration20261130000000_DistrictKeys';
import { Migration20261201001800_FigureIndexes } from './Migration20261201001800_FigureIndexes';

/** Applied in order at start-up. New ones: `pnpm migration:create workforce`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001918', class: Migration20261122001918 },
  { name: 'Migration20261130000000_DistrictKeys', class: Migration20261130000000_DistrictKeys },
  { name: 'Migration20261201001800_FigureIndexes', class: Migration20261201001800_FigureIndexes },
];
