/**
 * What each GraphQL type's resolvers receive as their parent: the entity (or plain object) a
 * resolver above returns. Read by codegen.ts; paths are relative to src/generated/graphql.ts.
 */
export const mappers = {
  Region: '../modules/regions/regions.resolvers#GigRegion',
  GigCareFigures: '../modules/regions/regions.resolvers#GigCareNode',
  GigWorker: '../modules/workers/worker.entity#GigWorker',
  GigStation: '../modules/stations/station.entity#GigStation',
  GigRiderCodeCompound: '../modules/rider-code/rider-code.entity#GigRiderCodeCompound',
  GigIssue: '../modules/issues/issue.entity#GigIssue',
  GigCareEvent: '../modules/care/care.entity#GigCareEvent',
  GigCarePartner: '../modules/care/care.entity#GigCarePartner',
  GigPointsEntry: '../modules/points/points.entity#GigPointsEntry',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  LedgerImport: '@district/subgraph-kit#LedgerImportView',
  LedgerRowImport: '@district/subgraph-kit#RowImportView',
};
