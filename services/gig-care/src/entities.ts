import { kitEntities } from '@district/subgraph-kit';
import { GigMobileGridMembership, GigWorker } from './modules/workers/worker.entity';
import { GigStation } from './modules/stations/station.entity';
import { GigRiderCodeCompound } from './modules/rider-code/rider-code.entity';
import { GigIssue } from './modules/issues/issue.entity';
import { GigCareEvent, GigCarePartner } from './modules/care/care.entity';
import { GigPointsEntry } from './modules/points/points.entity';

export const entities = [
  ...kitEntities,
  GigWorker,
  GigMobileGridMembership,
  GigStation,
  GigRiderCodeCompound,
  GigIssue,
  GigCareEvent,
  GigCarePartner,
  GigPointsEntry,
];
