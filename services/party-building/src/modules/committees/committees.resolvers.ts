import { todayInChina } from '@district/common';
import { historyField, listPrefix, type ListSpec, listUnder, sql, yearOnYear } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { between } from '../date-range';
import { CommitteeMemberUnit, IndustryCommittee, PartyTraining } from './committee.entity';
import { industryCommittees, industryCommitteesFounded, memberUnits, trainingPersonTimes, trainingSessions } from './committees.figures';
import { COMMITTEE_RECORD, MEMBER_RECORD, TRAINING_RECORD } from './committees.mutations';

/**
 * The district's own ledgers sit at its node: a caller sees those of the districts in its scope
 * (a street or community office sees none of them, as it sees none of the district's figures).
 */
const MEMBERS: ListSpec<CommitteeMemberUnit> = {
  entity: CommitteeMemberUnit,
  table: 'committee_member_unit',
  place: 'region_code',
  sortColumns: {},
  defaultOrder: 't.joined_on, t.id',
};
const COMMITTEES: ListSpec<IndustryCommittee> = {
  entity: IndustryCommittee,
  table: 'industry_committee',
  place: 'region_code',
  sortColumns: {},
  defaultOrder: 't.founded_on, t.id',
};
const TRAININGS: ListSpec<PartyTraining> = {
  entity: PartyTraining,
  table: 'party_training',
  place: 'region_code',
  sortColumns: {},
  defaultOrder: 't.held_on, t.id',
};

export const committeeResolvers: Resolvers = {
  Query: {
    partyCommitteeMemberUnits: (_, args, ctx) => {
      const day = args.asOf ?? todayInChina();
      const member = sql`t.joined_on <= ${day}::date AND (t.left_on IS NULL OR t.left_on > ${day}::date)`;
      return listUnder(ctx, MEMBERS, listPrefix(ctx), member, args);
    },
    partyIndustryCommittees: (_, args, ctx) =>
      listUnder(ctx, COMMITTEES, listPrefix(ctx), between('t.founded_on', args.foundedFrom, args.foundedTo, 'foundedFrom'), args),
    partyTrainings: (_, args, ctx) => listUnder(ctx, TRAININGS, listPrefix(ctx), between('t.held_on', args.from, args.to, 'from'), args),
  },
  PartyTraining: {
    code: (t) => t.number,
    history: historyField(TRAINING_RECORD),
  },
  PartyCommitteeMemberUnit: {
    history: historyField(MEMBER_RECORD),
  },
  PartyIndustryCommittee: {
    history: historyField(COMMITTEE_RECORD),
  },
  PartyBuildingFigures: {
    trainings: (n, args, ctx) => yearOnYear(ctx, trainingSessions, args, n.code),
    trainingPersonTimes: (n, args, ctx) => yearOnYear(ctx, trainingPersonTimes, args, n.code),
    workingCommitteeMembers: (n, args, ctx) => yearOnYear(ctx, memberUnits, args, n.code),
    industryCommittees: (n, args, ctx) => yearOnYear(ctx, industryCommittees, args, n.code),
    industryCommitteesNew: (n, args, ctx) => yearOnYear(ctx, industryCommitteesFounded, args, n.code),
  },
};
