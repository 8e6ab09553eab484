/**
 * What each GraphQL type's resolvers receive as their parent: the entity (or plain object) a
 * resolver above returns. Read by codegen.ts; paths are relative to src/generated/graphql.ts.
 */
export const mappers = {
  Region: '../modules/regions/region.entity#Region',
  Grid: '../modules/regions/region.entity#Grid',
  Compound: '../modules/regions/region.entity#Compound',
  RegionStructure: '../modules/regions/regions.resolvers#StructureNode',
  WorkforceFigures: '@district/subgraph-kit#RegionNode',
  CommunityWorker: '../modules/workers/worker.entity#Worker',
  CommunityWorkerPost: '../modules/workers/worker.entity#WorkerPost',
  SocialWorkCertificate: '../modules/certification/certification.entity#Certificate',
  SocialWorkExamRegistration: '../modules/certification/certification.entity#ExamRegistration',
  WorkforceTraining: '../modules/trainings/training.entity#Training',
  WorkforceTrainingAttendance: '../modules/trainings/training.entity#TrainingAttendance',
  DeliberationTopic: '../modules/deliberations/deliberation.entity#Deliberation',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  LedgerImport: '@district/subgraph-kit#LedgerImportView',
  LedgerRowImport: '@district/subgraph-kit#RowImportView',
};
