import { AuditEntry } from '@district/common';
import { GigCareEvent } from './modules/care/care-event.entity';
import { GigCarePartner } from './modules/care/care-partner.entity';
import { GigIssue } from './modules/issues/gig-issue.entity';
import { GigPointsEntry } from './modules/points/points-entry.entity';
import { GigRiderCodeCompound } from './modules/rider-code/rider-code-compound.entity';
import { GigStation } from './modules/stations/gig-station.entity';
import { GigWorker } from './modules/workers/gig-worker.entity';

export const entities = [AuditEntry, GigWorker, GigStation, GigRiderCodeCompound, GigIssue, GigCareEvent, GigCarePartner, GigPointsEntry];
