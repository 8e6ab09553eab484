import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtNode, districtOf, globalId, inScope, notFound } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  districtFor,
  findRecord,
  localNumberOf,
  markWithdrawn,
  NOTE_MAX,
  notFuture,
  optionalText,
  recordId,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  withdrawnView,
  writeHistory,
  LIVE,
  type RequestContext,
  visible,
} from '@district/subgraph-kit';
import type { CorrectWorkforceTrainingInput, MutationResolvers } from '../../generated/graphql';
import { Worker, WorkerPost } from '../workers/worker.entity';
import { assertAttendanceInService } from './attendance';
import { HEADCOUNT_AUDIENCES, Training, TrainingAttendance, type TrainingAudience } from './training.entity';
import { Region } from '../regions/region.entity';
import { regionOfUnit } from '../certification/work-unit';

const DEPARTMENT = 'workforce';

/** A training session, at the node of the office that organised it (the district's by default); its attendance goes with it. */
export const TRAINING_RECORD = defineRecord<Training>({
  type: 'WorkforceTraining',
  entity: Training,
  label: ['培训班次', 'training session'],
  owner: DEPARTMENT,
  placeOf: (t) => t.organiserCode || districtNode(t.districtCode),
  idOf: (t) => t.id,
  owns: [{ table: 'training_attendance', column: 'training_id' }],
});

/** One worker's answer at one session, where the worker served. */
export const ATTENDANCE_RECORD = defineRecord<TrainingAttendance>({
  type: 'WorkforceTrainingAttendance',
  entity: TrainingAttendance,
  label: ['签到记录', 'attendance row'],
  owner: DEPARTMENT,
  placeOf: (a) => a.communityCode,
  idOf: (a) => String(a.id),
});

/**
 * Where an attendance belongs: the worker's post on the session's first day, or, for training
 * before the job begins (the ledger has many), the first post the worker takes up.
 */
async function attendanceCommunity(em: EntityManager, worker: Worker, day: string): Promise<string> {
  const posts = await em.find(WorkerPost, { workerId: worker.id }, { orderBy: { fromOn: 'asc' } });
  // posts do not overlap: the first one not ended by the day is the one held then, or the next one
  return posts.find((p) => !p.toOn || p.toOn > day)?.communityCode ?? worker.communityCode;
}

/** A session a mutation names, live (a withdrawn one is CONFLICT, none NOT_FOUND). */
async function liveTraining(ctx: RequestContext, em: EntityManager, given: string): Promise<Training> {
  const training = await findRecord(ctx, em, TRAINING_RECORD, given, 'trainingId');
  if (!training) throw notFound(`培训不存在：${given} / no such training`, 'trainingId');
  if (training.withdrawnOn) throw conflict(`该培训已于${training.withdrawnOn}撤销 / the session was withdrawn`, 'trainingId');
  return training;
}

/**
 * The node of the office organising a session: the one given (a street, community or the district,
 * of the session's district), else the node the organiser's name names (as imports place it), else
 * the district's.
 */
async function organiserOf(
  em: EntityManager,
  district: string,
  given: string | null | undefined,
  organiser: string | null,
): Promise<string> {
  if (given) {
    const code = regionCodeOf(given, 'organiserCode', ['DISTRICT', 'STREET', 'COMMUNITY']);
    if (districtOf(code) !== district || !(await em.findOne(Region, { code })))
      throw badInput(`主办单位区划不存在：${code} / no such organising office in the district`, 'organiserCode');
    return code;
  }
  const regions = await em.find(Region, { code: { $like: `${district}%` } });
  return regionOfUnit(regions, organiser, districtNode(district));
}

/** A headcount only for an audience who are not workers: workers' person-times come from their attendance. */
function participantsOf(value: number | null | undefined, audience: TrainingAudience): number | null {
  if (value === null || value === undefined) return null;
  if (!HEADCOUNT_AUDIENCES.includes(audience))
    throw badInput(
      '参训人次仅用于物业服务人员等非社工对象，社工人次按签到统计 / a headcount only for an audience who are not workers',
      'participants',
    );
  return wholeNumber(value, 'participants', '参训人次', 0, 1_000_000);
}

export const trainingMutations: MutationResolvers = {
  scheduleWorkforceTraining: (_, { input }, ctx) =>
    audited(
      ctx,
      'scheduleWorkforceTraining',
      input,
      async (em) => {
        const district = await districtFor(ctx, input.districtCode);
        const organiser = optionalText(input.organiser, 'organiser', '主办单位');
        const organiserCode = await organiserOf(em, district, input.organiserCode, organiser);
        assertCanWrite(ctx.caller, DEPARTMENT, organiserCode);
        const number = localNumberOf(input.id, 'id', '培训编号');
        const name = requiredText(input.name, 'name', '培训名称');
        if (input.endOn && input.endOn < input.startOn) throw badInput('结束日期不能早于开始日期 / endOn is before startOn', 'endOn');
        const id = globalId(district, number);
        await assertKeyFree(em, Training, { id }, 'id', `培训编号 ${number} `);
        return em.create(Training, {
          id,
          districtCode: district,
          number,
          name,
          programme: optionalText(input.programme, 'programme', '培训项目'),
          type: input.type,
          startOn: input.startOn,
          endOn: input.endOn ?? null,
          organiser,
          organiserCode,
          audience: input.audience,
          participants: participantsOf(input.participants, input.audience),
        });
      },
      (t) => `WorkforceTraining:${t.id}`,
    ),

  correctWorkforceTraining: correction<Training, CorrectWorkforceTrainingInput>(TRAINING_RECORD, async ({ em, row, change }, input) => {
    const startedOn = row.startOn;
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '培训名称'));
    if (input.programme !== undefined) change.set(row, 'programme', optionalText(input.programme, 'programme', '培训项目'));
    if (input.type) change.set(row, 'type', input.type);
    if (input.audience) change.set(row, 'audience', input.audience);
    if (input.participants !== undefined) change.set(row, 'participants', input.participants);
    participantsOf(row.participants, row.audience);
    if (input.organiser !== undefined) change.set(row, 'organiser', optionalText(input.organiser, 'organiser', '主办单位'));
    if (input.organiserCode)
      change.set(row, 'organiserCode', await organiserOf(em, row.districtCode, input.organiserCode, row.organiser ?? null));
    if (input.startOn) change.set(row, 'startOn', input.startOn);
    if (input.endOn !== undefined) change.set(row, 'endOn', input.endOn);
    if (row.endOn && row.endOn < row.startOn) throw badInput('结束日期不能早于开始日期 / endOn is before startOn', 'endOn');
    if (change.has('startOn')) {
      // those who attended must have served on the session's corrected first day, which is then past
      const attended = await em.find(TrainingAttendance, { trainingId: row.id });
      if (attended.length) notFuture(row.startOn, 'startOn', '培训开始日期');
      const workers = await em.find(Worker, { id: { $in: attended.map((a) => a.workerId) } });
      await assertAttendanceInService(
        em,
        workers.map((w) => ({ workerId: w.id, before: w, after: w })),
        'startOn',
        { before: new Map([[row.id, startedOn]]), after: new Map([[row.id, row.startOn]]) },
      );
    }
  }),
  withdrawWorkforceTraining: withdrawal(TRAINING_RECORD),

  recordTrainingAttendance: (_, { input }, ctx, info) =>
    audited(
      ctx,
      'recordTrainingAttendance',
      input,
      async (em) => {
        const training = await liveTraining(ctx, em, input.trainingId);
        // a worker outside the caller's region is answered as a missing one, not refused: the refusal would tell them apart
        const worker = visible(
          ctx,
          await em.findOne(Worker, { id: await recordId(ctx, input.workerId, 'workerId') }),
          (w) => w.communityCode,
        );
        if (!worker) throw badInput(`工作人员不存在：${input.workerId} / no such worker`, 'workerId');
        if (worker.districtCode !== training.districtCode)
          throw badInput('工作人员与培训不属于同一区县 / the worker and the session are in different districts', 'workerId');
        assertCanWrite(ctx.caller, DEPARTMENT, worker.communityCode);
        notFuture(training.startOn, 'trainingId', '培训开始日期');
        if (training.startOn < worker.hiredOn) {
          throw conflict(
            `培训开始日（${training.startOn}）早于该工作人员入职日期（${worker.hiredOn}）/ the session began before the worker was hired`,
            'workerId',
          );
        }
        if (worker.leftOn && worker.leftOn <= training.startOn) {
          throw conflict(`该工作人员已于 ${worker.leftOn} 离职 / the worker had left before the training began`, 'workerId');
        }
        const communityCode = await attendanceCommunity(em, worker, training.startOn);
        // one answer per worker and session: a new answer replaces the old one, which is withdrawn, not deleted
        const rows = await em.find(TrainingAttendance, { trainingId: training.id, workerId: worker.id }, { filters: { [LIVE]: false } });
        const live = rows.filter((r) => !r.withdrawnOn);
        let answer = rows.find((r) => r.status === input.status);
        if (answer && !answer.withdrawnOn && live.length === 1) return answer;
        if (answer?.withdrawnOn) {
          await writeHistory(
            em,
            ctx,
            ATTENDANCE_RECORD,
            String(answer.id),
            info.fieldName,
            [{ field: 'withdrawn', old: answer.withdrawnOn, new: null }],
            '重新登记 / recorded again',
          );
          answer.withdrawnOn = null;
          answer.withdrawalReason = null;
        } else if (!answer) {
          answer = em.create(TrainingAttendance, { trainingId: training.id, workerId: worker.id, communityCode, status: input.status });
          await em.flush();
        }
        for (const old of live.filter((r) => r !== answer)) {
          await markWithdrawn(
            em,
            ctx,
            ATTENDANCE_RECORD,
            old,
            `由新的签到结果取代 / replaced by the answer ${input.status}`,
            info.fieldName,
          );
        }
        return answer;
      },
      (a) => `WorkforceTrainingAttendance:${a.trainingId}/${a.workerId}`,
    ),

  withdrawTrainingAttendance: (_, args, ctx, info) =>
    audited(
      ctx,
      'withdrawTrainingAttendance',
      args,
      async (em) => {
        const training = await liveTraining(ctx, em, args.trainingId);
        const workerId = await recordId(ctx, args.workerId, 'workerId');
        const reason = requiredText(args.reason, 'reason', '撤销原因', NOTE_MAX);
        // rows outside the caller's region are as none: the answer must not tell an unseen worker's attendance from none
        const rows = (await em.find(TrainingAttendance, { trainingId: training.id, workerId }, { orderBy: { id: 'asc' } })).filter((r) =>
          inScope(ctx.caller, r.communityCode),
        );
        if (!rows.length) throw notFound('该工作人员在该培训没有签到记录 / no attendance of this worker at this session', 'workerId');
        for (const row of rows) {
          assertCanWrite(ctx.caller, DEPARTMENT, row.communityCode);
          await markWithdrawn(em, ctx, ATTENDANCE_RECORD, row, reason, info.fieldName);
        }
        return withdrawnView(em, ctx, ATTENDANCE_RECORD, rows[0]);
      },
      (v) => `${v.type}:${v.id}`,
    ),
};
