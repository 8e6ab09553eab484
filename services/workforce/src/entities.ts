import { AuditEntry } from '@district/common';
import { Compound, Grid, Region } from './modules/regions/region.entity';

export const entities = [AuditEntry, Region, Grid, Compound];
