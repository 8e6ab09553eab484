import { kitEntities } from '@district/subgraph-kit';
import { SocialOrganization } from './modules/organizations/organization.entity';
import { OrganizationGrade } from './modules/organizations/grade.entity';
import { AnnualInspection } from './modules/inspections/inspection.entity';
import { MediationCase } from './modules/mediation/mediation-case.entity';
import { ServiceProject } from './modules/projects/service-project.entity';
import { ProjectMilestone } from './modules/projects/milestone.entity';

export const entities = [
  ...kitEntities,
  SocialOrganization,
  OrganizationGrade,
  AnnualInspection,
  MediationCase,
  ServiceProject,
  ProjectMilestone,
];
