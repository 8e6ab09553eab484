import { AuditEntry } from '@district/common';
import { Activity, ServiceRecord } from './modules/activities/activity.entity';
import { Need, Resource } from './modules/needs/need.entity';
import { Pilot, Station } from './modules/stations/station.entity';
import { Volunteer } from './modules/volunteers/volunteer.entity';

export const entities = [AuditEntry, Station, Pilot, Volunteer, Activity, ServiceRecord, Need, Resource];
