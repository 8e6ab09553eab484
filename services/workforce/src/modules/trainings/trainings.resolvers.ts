import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtNode, districtOf, globalId, inScope, notFound } from '@district/common';
import {
  and,
  audited,
  byKey,
  districtFor,
  eq,
  listWhere,
  localNumberOf,
  notFuture,
  optionalText,
  recordId,
  requiredText,
  rowsBy,
  sql,
  yearOnYear,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Worker, WorkerPost } from '../workers/worker.entity';
import { workerById } from '../workers/workers.resolvers';
import { Training, TrainingAttendance } from './training.entity';
import { trainingPersonTimes, trainingSessions } from './trainings.figures';

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

/**
 * Where an attendance belongs: the worker's post on the session's first day, or, for training
 * before the job begins (the ledger has many), the first post the worker takes up.
 */
async function attendanceCommunity(em: EntityManager, worker: Worker, day: string): Promise<string> {
  const posts = await em.find(WorkerPost, { workerId: worker.id }, { orderBy: { fromOn: 'asc' } });
  // posts do not overlap: the first one not ended by the day is the one held then, or the next one
  return posts.find((p) => !p.toOn || p.toOn > day)?.communityCode ?? worker.communityCode;
}

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
        f.startFrom ? sql`t.start_on >= ${f.startFrom}::date` : undefined,
        f.startTo ? sql`t.start_on <= ${f.startTo}::date` : undefined,
      );
      return listWhere(ctx, TRAININGS, where, args);
    },
  },
  Mutation: {
    scheduleWorkforceTraining: (_, { input }, ctx) =>
      audited(
        ctx,
        'scheduleWorkforceTraining',
        input,
        async (em) => {
          const district = await districtFor(ctx, input.districtCode);
          assertCanWrite(ctx.caller, 'workforce', districtNode(district));
          const number = localNumberOf(input.id, 'id', '培训编号');
          const name = requiredText(input.name, 'name', '培训名称');
          if (input.endOn && input.endOn < input.startOn) throw badInput('结束日期不能早于开始日期 / endOn is before startOn', 'endOn');
          const id = globalId(district, number);
          if (await em.findOne(Training, { id })) throw conflict(`培训编号 ${number} 已存在 / training number already in use`, 'id');
          return em.create(Training, {
            id,
            districtCode: district,
            number,
            name,
            type: input.type,
            startOn: input.startOn,
            endOn: input.endOn ?? null,
            organiser: optionalText(input.organiser, 'organiser', '主办单位'),
            audience: input.audience,
          });
        },
        (t) => `WorkforceTraining:${t.id}`,
      ),

    recordTrainingAttendance: (_, { input }, ctx) =>
      audited(
        ctx,
        'recordTrainingAttendance',
        input,
        async (em) => {
          const training = await em.findOne(Training, { id: await recordId(ctx, input.trainingId, 'trainingId') });
          if (!training) throw notFound(`培训不存在：${input.trainingId} / no such training`, 'trainingId');
          const worker = await em.findOne(Worker, { id: await recordId(ctx, input.workerId, 'workerId') });
          if (!worker) throw badInput(`工作人员不存在：${input.workerId} / no such worker`, 'workerId');
          if (worker.districtCode !== training.districtCode)
            throw badInput('工作人员与培训不属于同一区县 / the worker and the session are in different districts', 'workerId');
          assertCanWrite(ctx.caller, 'workforce', worker.communityCode);
          notFuture(training.startOn, 'trainingId', '培训开始日期');
          if (worker.leftOn && worker.leftOn <= training.startOn) {
            throw badInput(`该工作人员已于 ${worker.leftOn} 离职 / the worker had left before the training began`, 'workerId');
          }
          const communityCode = await attendanceCommunity(em, worker, training.startOn);
          // one answer per worker and session: a new record replaces whatever was signed before
          await em.nativeDelete(TrainingAttendance, { trainingId: training.id, workerId: worker.id });
          return em.create(TrainingAttendance, { trainingId: training.id, workerId: worker.id, communityCode, status: input.status });
        },
        (a) => `WorkforceTrainingAttendance:${a.trainingId}/${a.workerId}`,
      ),
  },
  WorkforceTraining: {
    number: (t) => t.number,
    personTimes: async (t, _, ctx) =>
      new Set((await attendanceOf(ctx, t.id)).filter((a) => a.status === 'PRESENT').map((a) => a.workerId)).size,
    attendance: (t, _, ctx) => attendanceOf(ctx, t.id),
  },
  WorkforceTrainingAttendance: {
    id: (a) => `${a.trainingId}/${a.workerId}`,
    training: async (a, _, ctx) => (await byKey<Training>(ctx, Training, 'id').load(a.trainingId))!,
    worker: async (a, _, ctx) => (await workerById(ctx, a.workerId))!,
    community: async (a, _, ctx) => (await regionByCode(ctx, a.communityCode))!,
  },
  WorkforceFigures: {
    trainingSessions: (n, a, ctx) => yearOnYear(ctx, trainingSessions, a, n.code),
    trainingPersonTimes: (n, a, ctx) => yearOnYear(ctx, trainingPersonTimes, a, n.code),
  },
};
