import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122001918 } from './Migration20261122001918';
import { Migration20261130000000_DistrictKeys } from './Migration20261130000000_DistrictKeys';
import { Migration20261201000000_DailyWork } from './Migration20261201000000_DailyWork';
import { Migration20261201001800_FigureIndexes } from './Migration20261201001800_FigureIndexes';
import { Migration20261210000000_Facilities } from './Migration20261210000000_Facilities';
import { Migration20261210000001_AutonomyStations } from './Migration20261210000001_AutonomyStations';
import { Migration20261210000002_Elections } from './Migration20261210000002_Elections';
import { Migration20261210000003_Suggestions } from './Migration20261210000003_Suggestions';
import { Migration20261210000004_Property } from './Migration20261210000004_Property';
import { Migration20261210000005_HouseholdVisits } from './Migration20261210000005_HouseholdVisits';
import { Migration20261210000006_MicroProjects } from './Migration20261210000006_MicroProjects';
import { Migration20261210000007_Recognitions } from './Migration20261210000007_Recognitions';
import { Migration20261210000008_Writeups } from './Migration20261210000008_Writeups';
import { Migration20261210000009_TrainingOrganiser } from './Migration20261210000009_TrainingOrganiser';
import { Migration20261210000010_VillagersGroups } from './Migration20261210000010_VillagersGroups';
import { Migration20261210000011_TrainingProgramme } from './Migration20261210000011_TrainingProgramme';
import { Migration20261220000400_TalentPool } from './Migration20261220000400_TalentPool';
import { Migration20261220000401_DemonstrationApplications } from './Migration20261220000401_DemonstrationApplications';
import { Migration20261220000402_DeliberationMethodKind } from './Migration20261220000402_DeliberationMethodKind';

/** Applied in order at start-up. New ones: `pnpm migration:create workforce`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122001918', class: Migration20261122001918 },
  { name: 'Migration20261130000000_DistrictKeys', class: Migration20261130000000_DistrictKeys },
  { name: 'Migration20261201000000_DailyWork', class: Migration20261201000000_DailyWork },
  { name: 'Migration20261201001800_FigureIndexes', class: Migration20261201001800_FigureIndexes },
  { name: 'Migration20261210000000_Facilities', class: Migration20261210000000_Facilities },
  { name: 'Migration20261210000001_AutonomyStations', class: Migration20261210000001_AutonomyStations },
  { name: 'Migration20261210000002_Elections', class: Migration20261210000002_Elections },
  { name: 'Migration20261210000003_Suggestions', class: Migration20261210000003_Suggestions },
  { name: 'Migration20261210000004_Property', class: Migration20261210000004_Property },
  { name: 'Migration20261210000005_HouseholdVisits', class: Migration20261210000005_HouseholdVisits },
  { name: 'Migration20261210000006_MicroProjects', class: Migration20261210000006_MicroProjects },
  { name: 'Migration20261210000007_Recognitions', class: Migration20261210000007_Recognitions },
  { name: 'Migration20261210000008_Writeups', class: Migration20261210000008_Writeups },
  { name: 'Migration20261210000009_TrainingOrganiser', class: Migration20261210000009_TrainingOrganiser },
  { name: 'Migration20261210000010_VillagersGroups', class: Migration20261210000010_VillagersGroups },
  { name: 'Migration20261210000011_TrainingProgramme', class: Migration20261210000011_TrainingProgramme },
  { name: 'Migration20261220000400_TalentPool', class: Migration20261220000400_TalentPool },
  { name: 'Migration20261220000401_DemonstrationApplications', class: Migration20261220000401_DemonstrationApplications },
  { name: 'Migration20261220000402_DeliberationMethodKind', class: Migration20261220000402_DeliberationMethodKind },
];
