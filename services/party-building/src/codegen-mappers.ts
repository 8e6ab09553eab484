/**
 * What each GraphQL type's resolvers receive as their parent: the entity (or plain object) a
 * resolver above returns. Read by codegen.ts; paths are relative to src/generated/graphql.ts.
 */
export const mappers = {
  Region: '@district/subgraph-kit#RegionNode',
  PartyBuildingFigures: '@district/subgraph-kit#RegionNode',
  PartyCoverageFigures: '../modules/organizations/organizations.resolvers#CoverageNode',
  RegisteredOrganization: '../modules/organizations/organizations.resolvers#RegisteredOrganizationRef',
  TwoNewOrganization: '../modules/organizations/organization.entity#TwoNewOrganization',
  OrganizationCoverage: '../modules/organizations/organizations.resolvers#Coverage',
  PartyOrganization: '../modules/organizations/organization.entity#PartyOrganization',
  PartyInstructor: '../modules/instructors/instructor.entity#Instructor',
  PartyInstructorAssignment: '../modules/instructors/instructor-links#Assignment',
  PartyInstructorContact: '../modules/instructors/instructor-links#Contact',
  PartyInstructorRhythm: '../modules/instructors/rhythm#Rhythm',
  PartyCommitteeMemberUnit: '../modules/committees/committee.entity#CommitteeMemberUnit',
  PartyIndustryCommittee: '../modules/committees/committee.entity#IndustryCommittee',
  PartyTraining: '../modules/committees/committee.entity#PartyTraining',
  PartyKeyArea: '../modules/key-areas/key-area.entity#PartyKeyArea',
  PartyKeyAreaCoverage: '../modules/key-areas/key-areas.resolvers#KeyAreaCoverage',
  CountFigure: '@district/subgraph-kit#CountFigure',
  RateFigure: '@district/subgraph-kit#RateFigure',
  AuditEntry: '@district/subgraph-kit#AuditEntryView',
  RecordChange: '@district/subgraph-kit#RecordChangeView',
  WithdrawnRecord: '@district/subgraph-kit#WithdrawnView',
  Person: '../modules/instructors/persons#PersonRef',
  LedgerImport: '@district/subgraph-kit#LedgerImportView',
  LedgerRowImport: '@district/subgraph-kit#RowImportView',
};
