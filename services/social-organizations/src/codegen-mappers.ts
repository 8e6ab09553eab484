/**
 * What each GraphQL type's resolvers receive as their parent: the entity (or plain object) a
 * resolver above returns. Read by codegen.ts; paths are relative to src/generated/graphql.ts.
 */
export const mappers = {
  Region: '@district/subgraph-kit#RegionNode',
  SocialOrganizationFigures: '@district/subgraph-kit#RegionNode',
  SocialOrganization: '../modules/organizations/organization.entity#SocialOrganization',
  RegisteredOrganization: '../modules/organizations/organization.entity#SocialOrganization',
  CommunityOrganization: '../modules/organizations/organization.entity#SocialOrganization',
  EvaluationGrade: '../modules/organizations/evaluation#GradeView',
  AnnualInspection: '../modules/inspections/inspection.entity#AnnualInspection',
  MediationCase: '../modules/mediation/mediation-case.entity#MediationCase',
  SocialServiceProject: '../modules/projects/service-project.entity#ServiceProject',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  LedgerImport: '@district/subgraph-kit#LedgerImportView',
  LedgerRowImport: '@district/subgraph-kit#RowImportView',
};
