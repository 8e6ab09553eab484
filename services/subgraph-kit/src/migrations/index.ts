import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000000_DataVersion } from './Migration20261129000000_DataVersion';

/** Tables the kit itself keeps in every subgraph's database; applied before the subgraph's own. */
export const kitMigrations: MigrationObject[] = [{ name: 'Migration20261129000000_DataVersion', class: Migration20261129000000_DataVersion }];
export * from './district-keys';
