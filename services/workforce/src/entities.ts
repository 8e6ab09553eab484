import { kitEntities } from '@district/subgraph-kit';
import { Compound, Grid, Region } from './modules/regions/region.entity';
import { Person } from './modules/persons/person.entity';
import { Worker, WorkerPost } from './modules/workers/worker.entity';
import { Certificate, ExamRegistration } from './modules/certification/certification.entity';
import { Training, TrainingAttendance } from './modules/trainings/training.entity';
import { Deliberation } from './modules/deliberations/deliberation.entity';
import { Facility, FacilityEarlierRating, FacilityWork } from './modules/facilities/facility.entity';
import { AutonomyActivity, AutonomyStation, AutonomySubsidy } from './modules/autonomy/autonomy.entity';
import { CommunityElection, ElectionResult } from './modules/elections/election.entity';
import { Suggestion } from './modules/suggestions/suggestion.entity';
import { OwnersCommittee, PropertyFee, PropertyService } from './modules/property/property.entity';
import { HouseholdVisit } from './modules/visits/visit.entity';
import { MicroProject, MicroProjectSupervision } from './modules/micro-projects/micro-project.entity';
import { CompoundFiling, CompoundInspection, SmartCompound } from './modules/compound-records/compound-record.entity';
import { Recognition } from './modules/recognitions/recognition.entity';
import { TalentPoolMember } from './modules/talent-pool/talent-pool-member.entity';
import { DemonstrationApplication } from './modules/demonstrations/demonstration-application.entity';
import { Writeup } from './modules/writeups/writeup.entity';
import { JointEvent, WorkingBody, WorkingBodyMember } from './modules/bodies/bodies.entity';
import { VillagersGroup } from './modules/villagers-groups/villagers-group.entity';
import { Document, DocumentItem } from './modules/documents/document.entity';

export const entities = [
  ...kitEntities,
  Region,
  Grid,
  Compound,
  Person,
  Worker,
  WorkerPost,
  Certificate,
  ExamRegistration,
  Training,
  TrainingAttendance,
  Deliberation,
  Facility,
  FacilityEarlierRating,
  FacilityWork,
  AutonomyStation,
  AutonomySubsidy,
  AutonomyActivity,
  CommunityElection,
  ElectionResult,
  Suggestion,
  PropertyService,
  OwnersCommittee,
  PropertyFee,
  HouseholdVisit,
  MicroProject,
  MicroProjectSupervision,
  CompoundInspection,
  CompoundFiling,
  SmartCompound,
  Recognition,
  TalentPoolMember,
  DemonstrationApplication,
  Writeup,
  WorkingBody,
  WorkingBodyMember,
  JointEvent,
  VillagersGroup,
  Document,
  DocumentItem,
];
