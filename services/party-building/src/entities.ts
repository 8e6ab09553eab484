import { AuditEntry } from '@district/common';
import { InstructorAssignment, PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './modules/organizations/organization.entity';
import { Instructor, InstructorContact } from './modules/instructors/instructor.entity';
import { CommitteeMemberUnit, IndustryCommittee, PartyTraining } from './modules/committees/committee.entity';

export const entities = [
  AuditEntry,
  TwoNewOrganization,
  PartyOrganization,
  PartyOrgUnit,
  InstructorAssignment,
  Instructor,
  InstructorContact,
  CommitteeMemberUnit,
  IndustryCommittee,
  PartyTraining,
];
