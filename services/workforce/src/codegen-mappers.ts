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
  GovernanceFigures: '@district/subgraph-kit#RegionNode',
  CommunityFacility: '../modules/facilities/facility.entity#Facility',
  FacilityWork: '../modules/facilities/facility.entity#FacilityWork',
  AutonomyStation: '../modules/autonomy/autonomy.entity#AutonomyStation',
  AutonomySubsidy: '../modules/autonomy/autonomy.entity#AutonomySubsidy',
  AutonomyActivity: '../modules/autonomy/autonomy.entity#AutonomyActivity',
  CommunityElection: '../modules/elections/election.entity#CommunityElection',
  ElectionResult: '../modules/elections/election.entity#ElectionResult',
  ResidentSuggestion: '../modules/suggestions/suggestion.entity#Suggestion',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  RecordChange: '@district/subgraph-kit#RecordChangeView',
  WithdrawnRecord: '@district/subgraph-kit#WithdrawnView',
  Person: '../modules/persons/persons#PersonRef',
  PersonsOnDay: '../modules/persons/persons#PersonsOnDay',
};
