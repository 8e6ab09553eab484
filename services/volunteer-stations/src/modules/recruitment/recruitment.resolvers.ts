import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerRecruitmentFilter, VolunteerTrainingFilter } from '../../generated/graphql';
import { activityById } from '../activities/activities.resolvers';
import { VolunteerProject } from '../projects/project.entity';
import { stationById } from '../stations/stations.resolvers';
import { recruitmentsPublished, trainingPersonTimes, trainingsHeld, volunteersRecruited } from './recruitment.figures';
import { VolunteerRecruitment, VolunteerTraining } from './recruitment.entity';
import { RECRUITMENT_RECORD, recruitmentMutations, TRAINING_RECORD } from './recruitment.mutations';

const RECRUITMENTS: ListSpec<VolunteerRecruitment> = {
  entity: VolunteerRecruitment,
  table: 'volunteer_recruitment',
  place: 'community_code',
  sortColumns: { CODE: 't.number', PUBLISHED_ON: 't.published_on' },
  defaultOrder: 't.id',
};

const TRAININGS: ListSpec<VolunteerTraining> = {
  entity: VolunteerTraining,
  table: 'volunteer_training',
  place: 'community_code',
  sortColumns: { CODE: 't.number', HELD_ON: 't.held_on' },
  defaultOrder: 't.id',
};

/** Recruitments under a node (`prefix`, checked against the caller's scope). */
async function recruitmentList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerRecruitmentFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    f.stationCode ? eq('t.station_id', await recordId(ctx, f.stationCode, 'stationCode')) : undefined,
    f.from ? sql`t.published_on >= ${f.from}::date` : undefined,
    f.to ? sql`t.published_on <= ${f.to}::date` : undefined,
  );
  return listUnder(ctx, RECRUITMENTS, prefix, filter, args);
}

/** Trainings under a node. */
async function trainingList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerTrainingFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    f.stationCode ? eq('t.station_id', await recordId(ctx, f.stationCode, 'stationCode')) : undefined,
    f.from ? sql`t.held_on >= ${f.from}::date` : undefined,
    f.to ? sql`t.held_on <= ${f.to}::date` : undefined,
  );
  return listUnder(ctx, TRAININGS, prefix, filter, args);
}

const visibleRecruitment = async (ctx: RequestContext, id: string) =>
  visible(ctx, await byKey<VolunteerRecruitment>(ctx, VolunteerRecruitment, 'id').load(id), (r) => r.communityCode);
const visibleTraining = async (ctx: RequestContext, id: string) =>
  visible(ctx, await byKey<VolunteerTraining>(ctx, VolunteerTraining, 'id').load(id), (t) => t.communityCode);

export const recruitmentResolvers: Resolvers = {
  Query: {
    volunteerRecruitment: async (_, { code }, ctx) => visibleRecruitment(ctx, await recordId(ctx, code, 'code')),
    volunteerRecruitments: (_, args, ctx) => recruitmentList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    volunteerTraining: async (_, { code }, ctx) => visibleTraining(ctx, await recordId(ctx, code, 'code')),
    volunteerTrainings: (_, args, ctx) => trainingList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Mutation: recruitmentMutations,
  Region: {
    volunteerRecruitments: (r, args, ctx) => recruitmentList(ctx, listPrefix(ctx, r.code), args),
    volunteerTrainings: (r, args, ctx) => trainingList(ctx, listPrefix(ctx, r.code), args),
  },
  VolunteerRecruitment: {
    __resolveReference: (ref, ctx) => visibleRecruitment(ctx, ref.id),
    code: (r) => r.number,
    // the recruitment sits at its station's community: the station, project and activity are visible wherever it is
    station: async (r, _, ctx) => (await stationById(ctx, r.stationId))!,
    project: (r, _, ctx) => (r.projectId ? byKey<VolunteerProject>(ctx, VolunteerProject, 'id').load(r.projectId) : null),
    activity: (r, _, ctx) => (r.activityId ? activityById(ctx, r.activityId) : null),
    history: historyField(RECRUITMENT_RECORD),
  },
  VolunteerTraining: {
    __resolveReference: (ref, ctx) => visibleTraining(ctx, ref.id),
    code: (t) => t.number,
    station: async (t, _, ctx) => (await stationById(ctx, t.stationId))!,
    history: historyField(TRAINING_RECORD),
  },
  VolunteerFigures: {
    recruitments: (n, a, ctx) => yearOnYear(ctx, recruitmentsPublished, a, n.code),
    volunteersRecruited: (n, a, ctx) => yearOnYear(ctx, volunteersRecruited, a, n.code),
    volunteerTrainings: (n, a, ctx) => yearOnYear(ctx, trainingsHeld, a, n.code),
    volunteerTrainingPersonTimes: (n, a, ctx) => yearOnYear(ctx, trainingPersonTimes, a, n.code),
  },
};
