/**
 * What each GraphQL type's resolvers receive as their parent: the entity (or plain object) a
 * resolver above returns. Read by codegen.ts; paths are relative to src/generated/graphql.ts.
 */
export const mappers = {
  Region: '@district/subgraph-kit#RegionNode',
  VolunteerProject: '../modules/projects/project.entity#VolunteerProject',
  VolunteerRecruitment: '../modules/recruitment/recruitment.entity#VolunteerRecruitment',
  VolunteerTraining: '../modules/recruitment/recruitment.entity#VolunteerTraining',
  Grid: '@district/subgraph-kit#RegionNode',
  VolunteerFigures: '@district/subgraph-kit#RegionNode',
  VolunteerStation: '../modules/stations/station.entity#Station',
  VolunteerPilot: '../modules/pilots/pilot.entity#Pilot',
  Volunteer: '../modules/volunteers/volunteer.entity#Volunteer',
  VolunteerActivity: '../modules/activities/activity.entity#Activity',
  VolunteerServiceRecord: '../modules/activities/activity.entity#ServiceRecord',
  VolunteerNeed: '../modules/needs/need.entity#Need',
  VolunteerResource: '../modules/needs/need.entity#Resource',
  VolunteerResourceSuggestion: '../modules/needs/suggest#Suggestion',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  RecordChange: '@district/subgraph-kit#RecordChangeView',
  WithdrawnRecord: '@district/subgraph-kit#WithdrawnView',
  Person: '../modules/volunteers/persons#PersonRef',
  VolunteerStationStint: '../modules/volunteers/volunteer.entity#VolunteerStint',
  VolunteerStationStandardPeriod: '../modules/stations/station.entity#StationStandard',
  LedgerImport: '@district/subgraph-kit#LedgerImportView',
  LedgerRowImport: '@district/subgraph-kit#RowImportView',
};
