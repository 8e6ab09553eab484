import { kitEntities } from '@district/subgraph-kit';
import { Station, StationStandard } from './modules/stations/station.entity';
import { Pilot } from './modules/pilots/pilot.entity';
import { Volunteer, VolunteerStint } from './modules/volunteers/volunteer.entity';
import { Activity, ServiceRecord } from './modules/activities/activity.entity';
import { Need, Resource } from './modules/needs/need.entity';
import { VolunteerProject } from './modules/projects/project.entity';
import { VolunteerRecruitment, VolunteerTraining } from './modules/recruitment/recruitment.entity';

export const entities = [
  ...kitEntities,
  Station,
  StationStandard,
  Pilot,
  Volunteer,
  VolunteerStint,
  Activity,
  ServiceRecord,
  Need,
  Resource,
  VolunteerProject,
  VolunteerRecruitment,
  VolunteerTraining,
];
