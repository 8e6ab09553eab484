import { AuditEntry } from '@district/common';
import { SocialOrganization } from './modules/organizations/organization.entity';
import { AnnualInspection } from './modules/inspections/inspection.entity';
import { MediationCase } from './modules/mediation/mediation-case.entity';
import { ServiceProject } from './modules/projects/service-project.entity';

export const entities = [AuditEntry, SocialOrganization, AnnualInspection, MediationCase, ServiceProject];
