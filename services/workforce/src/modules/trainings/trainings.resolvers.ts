import { districtOf, inScope } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listWhere,
  recordId,
  rowsBy,
  sql,
  underPrefix,
  rateYearOnYear,
  yearOnYear,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { workerById } from '../workers/workers.resolvers';
import { Training, TrainingAttendance } from './training.entity';
import { cohortOf, workersInPost } from '../workers/workers.figures';
import {
  organisedParticipants,
  organisedPersonTimes,
  trainedWorkers,
  trainingPersonTimes,
  trainingsOrganised,
  trainingSessions,
} from './trainings.figures';
import { ATTENDANCE_RECORD, TRAINING_RECORD } from './trainings.mutations';

const TRAININGS = {
  entity: Training,
  table: 'training',
  sortColumns: { ID: 't.number', START_ON: 't.start_on', TYPE: 't.type' },
  defaultOrder: 't.id',
};

/** Attendance rows of many sessions at once, limited to the caller's scope. */
async function attendanceOf(ctx: RequestContext, trainingId: string) {
  const rows = await rowsBy<TrainingAttendance>(ctx, TrainingAttendance, 'trainingId', {
    orderBy: { workerId: 'asc', status: 'asc' },
  }).load(trainingId);
  return rows.filter((r) => inScope(ctx.caller, r.communityCode));
}

/** A district's sessions are visible to every caller within that district. */
const visibleTraining = (ctx: RequestContext, t: Training | null) =>
  t && (!ctx.caller.regionScope || districtOf(ctx.caller.regionScope) === t.districtCode) ? t : null;

export const trainingResolvers: Resolvers = {
  Query: {
    workforceTraining: async (_, { id }, ctx) =>
      visibleTraining(ctx, await byKey<Training>(ctx, Training, 'id').load(await recordId(ctx, id))),
    workforceTrainings: (_, args, ctx) => {
      const f = args.filter ?? {};
      const scope = ctx.caller.regionScope;
      const where = and(
        scope ? sql`t.district_code = ${districtOf(scope)}` : undefined,
        eq('t.type', f.type),
        eq('t.audience', f.audience),
        eq('t.programme', f.programme),
        f.startFrom ? sql`t.start_on >= ${f.startFrom}::date` : undefined,
        f.startTo ? sql`t.start_on <= ${f.startTo}::date` : undefined,
        f.organiserCode ? underPrefix('t.organiser_code', listPrefix(ctx, f.organiserCode)) : undefined,
      );
      return listWhere(ctx, TRAININGS, where, args);
    },
  },
  WorkforceTraining: {
    number: (t) => t.number,
    organiserRegion: async (t, _, ctx) => (await regionByCode(ctx, t.organiserCode))!,
    history: historyField(TRAINING_RECORD),
    personTimes: async (t, _, ctx) =>
      new Set((await attendanceOf(ctx, t.id)).filter((a) => a.status === 'PRESENT').map((a) => a.workerId)).size,
    attendance: (t, _, ctx) => attendanceOf(ctx, t.id),
  },
  WorkforceTrainingAttendance: {
    id: (a) => `${a.trainingId}/${a.workerId}`,
    training: async (a, _, ctx) => (await byKey<Training>(ctx, Training, 'id').load(a.trainingId))!,
    worker: async (a, _, ctx) => (await workerById(ctx, a.workerId))!,
    community: async (a, _, ctx) => (await regionByCode(ctx, a.communityCode))!,
    history: historyField(ATTENDANCE_RECORD),
  },
  WorkforceFigures: {
    trainingSessions: (n, a, ctx) => yearOnYear(ctx, trainingSessions, cohortOf(a), n.code),
    trainingPersonTimes: (n, a, ctx) => yearOnYear(ctx, trainingPersonTimes, cohortOf(a), n.code),
    trainingsOrganised: (n, a, ctx) => yearOnYear(ctx, trainingsOrganised, a, n.code),
    trainingOrganisedPersonTimes: (n, a, ctx) => yearOnYear(ctx, organisedPersonTimes, cohortOf(a), n.code),
    trainingOrganisedParticipants: (n, a, ctx) => yearOnYear(ctx, organisedParticipants, a, n.code),
    trainedWorkers: (n, a, ctx) => yearOnYear(ctx, trainedWorkers, cohortOf(a), n.code),
    trainingCoverageRate: (n, a, ctx) => rateYearOnYear(ctx, trainedWorkers, workersInPost, cohortOf(a), n.code),
  },
};
