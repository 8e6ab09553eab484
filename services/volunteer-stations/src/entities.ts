import { kitEntities } from '@district/subgraph-kit';
import { Station } from './modules/stations/station.entity';
import { Pilot } from './modules/pilots/pilot.entity';
import { Volunteer } from './modules/volunteers/volunteer.entity';
import { Activity, ServiceRecord } from './modules/activities/activity.entity';
import { Need, Resource } from './modules/needs/need.entity';

export const entities = [...kitEntities, Station, Pilot, Volunteer, Activity, ServiceRecord, Need, Resource];
