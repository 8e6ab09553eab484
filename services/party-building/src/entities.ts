import { kitEntities } from '@district/subgraph-kit';
import { InstructorAssignment, PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './modules/organizations/organization.entity';
import { Instructor, InstructorContact } from './modules/instructors/instructor.entity';
import { PartyKeyArea } from './modules/key-areas/key-area.entity';
import { CommitteeMemberUnit, IndustryCommittee, PartyTraining } from './modules/committees/committee.entity';

export const entities = [
  ...kitEntities,
  TwoNewOrganization,
  PartyOrganization,
  PartyOrgUnit,
  InstructorAssignment,
  Instructor,
  InstructorContact,
  CommitteeMemberUnit,
  IndustryCommittee,
  PartyTraining,
  PartyKeyArea,
];
