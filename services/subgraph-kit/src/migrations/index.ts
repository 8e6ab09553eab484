import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129000000_DataVersion } from './Migration20261129000000_DataVersion';
import { Migration20261201000000_LedgerImports } from './Migration20261201000000_LedgerImports';

/** Tables the kit itself keeps in every subgraph's database; applied before the subgraph's own. */
export const kitMigrations: MigrationObject[] = [
  { name: 'Migration20261129000000_DataVersion', class: Migration20261129000000_DataVersion },
  { name: 'Migration20261201000000_LedgerImports', class: Migration20261201000000_LedgerImports },
];
export * from './district-keys';
