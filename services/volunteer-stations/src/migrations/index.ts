import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001938 } from './Migration20261122001938';
import { Migration20261130000000_DistrictKeys } from './Migration20261130000000_DistrictKeys';
import { Migration20261201000000_DailyWork } from './Migration20261201000000_DailyWork';
import { Migration20261201001800_FigureIndexes } from './Migration20261201001800_FigureIndexes';
import { Migration20261201001900_ServiceHoursIndex } from './Migration20261201001900_ServiceHoursIndex';
import { Migration20261210000000_VolunteerProjects } from './Migration20261210000000_VolunteerProjects';
import { Migration20261220000500_CategoriesRecruitment } from './Migration20261220000500_CategoriesRecruitment';

/** Applied in order at start-up. New ones: `pnpm migration:create volunteer-stations`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001938', class: Migration20261122001938 },
  { name: 'Migration20261130000000_DistrictKeys', class: Migration20261130000000_DistrictKeys },
  { name: 'Migration20261201000000_DailyWork', class: Migration20261201000000_DailyWork },
  { name: 'Migration20261201001800_FigureIndexes', class: Migration20261201001800_FigureIndexes },
  { name: 'Migration20261201001900_ServiceHoursIndex', class: Migration20261201001900_ServiceHoursIndex },
  { name: 'Migration20261210000000_VolunteerProjects', class: Migration20261210000000_VolunteerProjects },
  { name: 'Migration20261220000500_CategoriesRecruitment', class: Migration20261220000500_CategoriesRecruitment },
];
