import {
  assertCanWrite,
  audited,
  badInput,
  conflict,
  connection,
  countFigure,
  notFound,
  pageWindow,
  periodOf,
  previousPeriod,
  scopePrefix,
  type RequestContext,
} from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFuture, optionalText, required } from '../../input';
import { rowById, type ListArgs } from '../../list';
import { regionByCode } from '../regions/regions.resolvers';
import { Worker, WorkerPost } from '../workers/worker.entity';
import { Training, TrainingAttendance, type AttendanceStatus, type TrainingAudience, type TrainingType } from './training.entity';
import { trainingCount } from './trainings.figures';

const SORT: Record<string, keyof Training> = { ID: 'id', START_ON: 'startOn', TYPE: 'type' };
const TRAINING_NUMBER = /^[A-Za-z0-9_-]{1,20}$/;

interface TrainingFilter {
  type?: TrainingType;
  audience?: TrainingAudience;
  startFrom?: string;
  startTo?: string;
}
interface ScheduleInput {
  id: string;
  name: string;
  type: TrainingType;
  startOn: string;
  endOn?: string | null;
  organiser?: string | null;
  audience: TrainingAudience;
}
interface AttendanceInput {
  trainingId: string;
  workerId: string;
  status: AttendanceStatus;
}
type FigureArgs = { year: number; asOf?: string | null; type?: TrainingType | null; audience?: TrainingAudience | null };

/** Attendance rows of many sessions at once, limited to the caller's scope. */
function attendanceOf(ctx: RequestContext, trainingId: string) {
  const prefix = scopePrefix(ctx.caller);
  const loader = ctx.loaders.get<string, TrainingAttendance[]>('training:attendance', async (ids) => {
    const rows = await ctx.em.find(
      TrainingAttendance,
      { trainingId: { $in: [...ids] }, ...(prefix ? { communityCode: { $like: `${prefix}%` } } : {}) },
      { orderBy: { workerId: 'asc', status: 'asc' } },
    );
    return ids.map((id) => rows.filter((r) => r.trainingId === id));
  });
  return loader.load(trainingId);
}

/**
 * Where an attendance belongs: the worker's post on the session's first day, or, for training
 * before the job begins (the ledger has many), the first post the worker takes up.
 */
async function attendanceCommunity(em: EntityManager, worker: Worker, day: string): Promise<string> {
  const posts = await em.find(WorkerPost, { workerId: worker.id }, { orderBy: { fromOn: 'asc' } });
  // posts do not overlap: the first one not ended by the day is the one held then, or the next one
  return posts.find((p) => !p.toOn || p.toOn > day)?.communityCode ?? worker.communityCode;
}

export const trainingResolvers = {
  Query: {
    workforceTraining: (_: unknown, { id }: { id: string }, ctx: RequestContext) => rowById(ctx, Training, id),
    workforceTrainings: async (_: unknown, args: ListArgs<TrainingFilter>, ctx: RequestContext) => {
      const f = args.filter ?? {};
      const { limit, offset } = pageWindow(args);
      const where: Record<string, unknown> = {};
      if (f.type) where.type = f.type;
      if (f.audience) where.audience = f.audience;
      if (f.startFrom || f.startTo)
        where.startOn = { ...(f.startFrom ? { $gte: f.startFrom } : {}), ...(f.startTo ? { $lte: f.startTo } : {}) };
      const field = args.sort ? SORT[args.sort.field] : 'id';
      if (!field) throw badInput(`不能按 ${args.sort?.field} 排序 / cannot sort by ${args.sort?.field}`, 'sort');
      const orderBy = [{ [field]: args.sort?.direction === 'DESC' ? 'desc' : 'asc' }, { id: 'asc' }];
      const [nodes, total] = await ctx.em.findAndCount(Training, where, { orderBy: orderBy as never, limit, offset });
      return connection(nodes, total, offset);
    },
  },
  Mutation: {
    scheduleWorkforceTraining: (_: unknown, { input }: { input: ScheduleInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'scheduleWorkforceTraining',
        input,
        async (em) => {
          assertCanWrite(ctx.caller, 'workforce', null);
          const id = required(input.id, 'id', '培训编号');
          if (!TRAINING_NUMBER.test(id)) throw badInput('培训编号只能含字母、数字、-、_ / training number: letters, digits, - and _', 'id');
          const name = required(input.name, 'name', '培训名称');
          if (input.endOn && input.endOn < input.startOn) throw badInput('结束日期不能早于开始日期 / endOn is before startOn', 'endOn');
          if (await em.findOne(Training, { id })) throw conflict(`培训编号 ${id} 已存在 / training number already in use`);
          return em.create(Training, {
            id,
            name,
            type: input.type,
            startOn: input.startOn,
            endOn: input.endOn ?? null,
            organiser: optionalText(input.organiser),
            audience: input.audience,
          });
        },
        (t) => `WorkforceTraining:${t.id}`,
      ),

    recordTrainingAttendance: (_: unknown, { input }: { input: AttendanceInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'recordTrainingAttendance',
        input,
        async (em) => {
          const training = await em.findOne(Training, { id: input.trainingId });
          if (!training) throw notFound(`培训不存在：${input.trainingId} / no such training`);
          const worker = await em.findOne(Worker, { id: input.workerId });
          if (!worker) throw badInput(`工作人员不存在：${input.workerId} / no such worker`, 'workerId');
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
    personTimes: async (t: Training, _: unknown, ctx: RequestContext) =>
      new Set((await attendanceOf(ctx, t.id)).filter((a) => a.status === 'PRESENT').map((a) => a.workerId)).size,
    attendance: (t: Training, _: unknown, ctx: RequestContext) => attendanceOf(ctx, t.id),
  },
  WorkforceTrainingAttendance: {
    training: (a: TrainingAttendance, _: unknown, ctx: RequestContext) => rowById(ctx, Training, a.trainingId),
    worker: (a: TrainingAttendance, _: unknown, ctx: RequestContext) => rowById(ctx, Worker, a.workerId),
    community: (a: TrainingAttendance, _: unknown, ctx: RequestContext) => regionByCode(ctx, a.communityCode),
  },
  WorkforceFigures: {
    trainingSessions: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const now = periodOf(a.year, a.asOf);
      return countFigure(
        await trainingCount(ctx, n.code, now, a.type, a.audience, 'sessions'),
        await trainingCount(ctx, n.code, previousPeriod(now), a.type, a.audience, 'sessions'),
      );
    },
    trainingPersonTimes: async (n: { code: string }, a: FigureArgs, ctx: RequestContext) => {
      const now = periodOf(a.year, a.asOf);
      return countFigure(
        await trainingCount(ctx, n.code, now, a.type, a.audience, 'personTimes'),
        await trainingCount(ctx, n.code, previousPeriod(now), a.type, a.audience, 'personTimes'),
      );
    },
  },
};
