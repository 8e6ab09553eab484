import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, globalId } from '@district/common';
import {
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  nextNumber,
  recordId,
  recordToChange,
  requiredText,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectDemonstrationApplicationInput, MutationResolvers } from '../../generated/graphql';
import { Recognition } from '../recognitions/recognition.entity';
import { Compound, Region } from '../regions/region.entity';
import { assertDaysInOrder, communityOf, optionalDay, sameDistrict } from '../shared/governance';
import { DemonstrationApplication, type ApplicationStage } from './demonstration-application.entity';

const DEPARTMENT = 'workforce';

/** 申报 → 预检 → 互促互评 → 命名, one step at a time; 未通过 may end it at any step before the last. */
export const APPLICATION_LOOP = defineLoop<ApplicationStage>({
  states: ['APPLIED', 'PRE_INSPECTED', 'PEER_REVIEWED', 'GRANTED'],
  labels: { APPLIED: '已申报', PRE_INSPECTED: '已预检', PEER_REVIEWED: '已互评', GRANTED: '已命名', REJECTED: '未通过' },
  what: '示范创建申报',
});

export const APPLICATION_RECORD = defineRecord<DemonstrationApplication>({
  type: 'DemonstrationApplication',
  entity: DemonstrationApplication,
  label: ['示范创建申报', 'demonstration application'],
  owner: DEPARTMENT,
  placeOf: (a) => a.communityCode,
  idOf: (a) => a.id,
});

/** The day of the step before the one being taken. */
const lastDay = (a: DemonstrationApplication) => a.peerReviewedOn ?? a.preInspectedOn ?? a.appliedOn;

async function compoundIn(ctx: RequestContext, em: EntityManager, given: string, community: string): Promise<Compound> {
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c || c.withdrawnOn) throw badInput(`小区不存在：${given} / no such compound`, 'compoundId');
  if (c.communityCode !== community) throw badInput('该小区不属于所填社区 / the compound is not in the community', 'compoundId');
  return c;
}

/** Takes one step on a day not before the step before. */
async function step(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  to: ApplicationStage,
  day: string | null | undefined,
  field: string,
) {
  const a = await recordToChange(ctx, em, APPLICATION_RECORD, given);
  if (to === 'REJECTED') {
    if (a.stage === 'GRANTED' || a.stage === 'REJECTED')
      throw conflict(`示范创建申报已${APPLICATION_LOOP.labels[a.stage]}，不能再改为未通过 / a ${a.stage} application cannot be rejected`);
  } else if (a.stage === 'REJECTED') {
    throw conflict(`示范创建申报已未通过，不能再${APPLICATION_LOOP.labels[to]} / a rejected application takes no further step`);
  } else assertStep(APPLICATION_LOOP, a.stage, to);
  const on = eventDay(day, field, '日期', { day: lastDay(a), after: '上一步的日期' });
  a.stage = to;
  if (to === 'PRE_INSPECTED') a.preInspectedOn = on;
  else if (to === 'PEER_REVIEWED') a.peerReviewedOn = on;
  else a.decidedOn = on;
  return a;
}

/** The recognition a grant names: the one given (a demonstration site or pilot of the district), else one recorded now. */
async function recognitionFor(ctx: RequestContext, em: EntityManager, a: DemonstrationApplication, given: string | null | undefined) {
  if (given) {
    const r = await em.findOne(Recognition, { id: await recordId(ctx, given, 'recognitionId') });
    if (!r || r.withdrawnOn || r.districtCode !== a.districtCode)
      throw badInput(`荣誉记录不存在：${given} / no such recognition`, 'recognitionId');
    if (r.kind !== 'DEMONSTRATION_SITE' && r.kind !== 'PILOT')
      throw badInput('应为示范点位或试点 / the recognition must be a demonstration site or pilot', 'recognitionId');
    return r;
  }
  const compound = a.compoundId ? await em.findOne(Compound, { id: a.compoundId }) : null;
  const community = await em.findOneOrFail(Region, { code: a.communityCode });
  const number = await nextNumber(em, {
    table: 'recognition',
    column: 'number',
    district: a.districtCode,
    prefix: `RY${a.decidedOn!.slice(0, 4)}`,
    width: 4,
  });
  return em.create(Recognition, {
    id: globalId(a.districtCode, number),
    districtCode: a.districtCode,
    number,
    regionCode: a.communityCode,
    kind: a.kind,
    level: a.level,
    title: a.title,
    holderType: compound ? 'COMPOUND' : 'COMMUNITY',
    holderName: compound?.name ?? community.name,
    holderId: compound?.id ?? null,
    rank: null,
    grantedBy: null,
    grantedOn: a.decidedOn!,
  });
}

const audit = (a: DemonstrationApplication) => `DemonstrationApplication:${a.id}`;

export const demonstrationMutations: MutationResolvers = {
  recordDemonstrationApplication: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordDemonstrationApplication',
      input,
      async (em) => {
        const communityCode = await communityOf(em, input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const compound = input.compoundId ? await compoundIn(ctx, em, input.compoundId, communityCode) : null;
        const appliedOn = eventDay(input.appliedOn, 'appliedOn', '申报日期');
        const district = districtOf(communityCode);
        const { id, number } = await newRecordKey(em, DemonstrationApplication, {
          given: input.id,
          label: '申报编号',
          table: 'demonstration_application',
          district,
          prefix: `SF${appliedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(DemonstrationApplication, {
          id,
          districtCode: district,
          number,
          communityCode,
          compoundId: compound?.id ?? null,
          kind: input.kind,
          level: input.level,
          title: requiredText(input.title, 'title', '申报名称', 200),
          stage: 'APPLIED',
          appliedOn,
          preInspectedOn: null,
          peerReviewedOn: null,
          decidedOn: null,
          recognitionId: null,
        });
      },
      audit,
    ),
  preInspectDemonstrationApplication: (_, args, ctx) =>
    audited(
      ctx,
      'preInspectDemonstrationApplication',
      args,
      (em) => step(ctx, em, args.id, 'PRE_INSPECTED', args.preInspectedOn, 'preInspectedOn'),
      audit,
    ),
  peerReviewDemonstrationApplication: (_, args, ctx) =>
    audited(
      ctx,
      'peerReviewDemonstrationApplication',
      args,
      (em) => step(ctx, em, args.id, 'PEER_REVIEWED', args.peerReviewedOn, 'peerReviewedOn'),
      audit,
    ),
  grantDemonstrationApplication: (_, args, ctx) =>
    audited(
      ctx,
      'grantDemonstrationApplication',
      args,
      async (em) => {
        const a = await step(ctx, em, args.id, 'GRANTED', args.grantedOn, 'grantedOn');
        a.recognitionId = (await recognitionFor(ctx, em, a, args.recognitionId)).id;
        return a;
      },
      audit,
    ),
  rejectDemonstrationApplication: (_, args, ctx) =>
    audited(ctx, 'rejectDemonstrationApplication', args, (em) => step(ctx, em, args.id, 'REJECTED', args.rejectedOn, 'rejectedOn'), audit),
  correctDemonstrationApplication: correction<DemonstrationApplication, CorrectDemonstrationApplicationInput>(
    APPLICATION_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.communityCode) {
        const code = sameDistrict(await communityOf(em, input.communityCode, 'communityCode'), row.districtCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, code);
        change.set(row, 'communityCode', code);
      }
      if (input.compoundId !== undefined)
        change.set(row, 'compoundId', input.compoundId ? (await compoundIn(ctx, em, input.compoundId, row.communityCode)).id : null);
      else if (input.communityCode && row.compoundId) await compoundIn(ctx, em, row.compoundId, row.communityCode);
      if (input.kind) change.set(row, 'kind', input.kind);
      if (input.level) change.set(row, 'level', input.level);
      if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '申报名称', 200));
      if (input.appliedOn) change.set(row, 'appliedOn', optionalDay(input.appliedOn, 'appliedOn', '申报日期')!);
      for (const [field, label, from] of [
        ['preInspectedOn', '预检日期', 'PRE_INSPECTED'],
        ['peerReviewedOn', '互评日期', 'PEER_REVIEWED'],
      ] as const) {
        const value = input[field];
        if (value === undefined) continue;
        // a step's day is corrected, never added or removed: the step mutations move the application
        if (!row[field]) throw badInput(`申报尚未${APPLICATION_LOOP.labels[from]} / the application has not reached ${from}`, field);
        if (value === null) throw badInput(`${label}不能清除 / ${field} cannot be cleared`, field);
        change.set(row, field, optionalDay(value, field, label)!);
      }
      if (input.decidedOn !== undefined) {
        if (!row.decidedOn) throw badInput('申报尚无结果 / the application has no result yet', 'decidedOn');
        if (input.decidedOn === null) throw badInput('结果日期不能清除 / decidedOn cannot be cleared', 'decidedOn');
        change.set(row, 'decidedOn', optionalDay(input.decidedOn, 'decidedOn', '结果日期')!);
      }
      assertDaysInOrder([
        [row.appliedOn, 'appliedOn', '申报日期'],
        [row.preInspectedOn, 'preInspectedOn', '预检日期'],
        [row.peerReviewedOn, 'peerReviewedOn', '互评日期'],
        [row.decidedOn, 'decidedOn', '结果日期'],
      ]);
    },
  ),
  withdrawDemonstrationApplication: withdrawal(APPLICATION_RECORD),
};
