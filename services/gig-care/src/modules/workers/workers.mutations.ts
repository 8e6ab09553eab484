import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { assertCanWrite, badInput, conflict, districtOf, globalId } from '@district/common';
import {
  assertInRegionTree,
  audited,
  correction,
  defineRecord,
  eventDay,
  idNumberOf,
  nextNumber,
  notFuture,
  phoneOf,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type Correcting,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectGigWorkerInput, MutationResolvers } from '../../generated/graphql';
import { GigMobileGridMembership, GigWorker } from './worker.entity';

const ALREADY = '该身份证号已在本区县登记 / a gig worker with this ID number is already registered in this district';

/** A gig worker, where they live; their mobile grid periods go with them; issues and points name them. */
export const GIG_WORKER_RECORD = defineRecord<GigWorker>({
  type: 'GigWorker',
  entity: GigWorker,
  label: ['新就业群体人员', 'gig worker'],
  owner: 'gig-care',
  placeOf: (w) => w.communityCode,
  idOf: (w) => w.id,
  owns: [{ table: 'gig_grid_membership', column: 'worker_id' }],
  referencedBy: [
    { table: 'gig_issue', column: 'reporter_id', label: ['上报的问题', 'reported issues'] },
    { table: 'gig_points_entry', column: 'worker_id', label: ['积分流水', 'points entries'] },
  ],
  personal: { name: 'NAME', idNumber: 'ID_NUMBER', phone: 'PHONE' },
});

const membershipsOf = (em: EntityManager, workerId: string) =>
  em.find(GigMobileGridMembership, { workerId }, { orderBy: { fromOn: 'asc' } });

/** Periods as a mobile grid member begin after the registration, end after they begin and never overlap. */
function assertMemberships(w: GigWorker, periods: GigMobileGridMembership[], field: string): void {
  periods.forEach((p, i) => {
    if (p.fromOn < w.registeredOn) throw badInput(`担任流动网格员早于登记日期 ${w.registeredOn} / a member before registering`, field);
    if (p.toOn && p.toOn <= p.fromOn) throw badInput('担任流动网格员的结束日须晚于起始日 / a period must end after it begins', field);
    const next = periods[i + 1];
    if (next && (!p.toOn || p.toOn > next.fromOn)) throw badInput('担任流动网格员的时间段重叠 / the periods overlap', field);
    if (w.leftOn && (!p.toOn || p.toOn > w.leftOn)) throw badInput(`离开日期 ${w.leftOn} 后仍为流动网格员 / a member after leaving`, field);
  });
}

async function activeWorker(ctx: RequestContext, em: EntityManager, given: string): Promise<GigWorker> {
  const w = await recordToChange(ctx, em, GIG_WORKER_RECORD, given, 'code');
  if (w.leftOn) throw conflict(`该人员已于${w.leftOn}离开 / the worker left on ${w.leftOn}`, 'code');
  return w;
}

async function applyWorkerCorrection({ ctx, em, row: w, change }: Correcting<GigWorker>, input: CorrectGigWorkerInput) {
  if (input.name !== undefined) change.set(w, 'name', requiredText(input.name, 'name', '姓名', 50));
  if (input.idNumber !== undefined) {
    const idNumber = idNumberOf(input.idNumber ?? '', 'idNumber');
    if (idNumber !== w.idNumber) {
      if (await em.count(GigWorker, { districtCode: w.districtCode, idNumber })) throw conflict(ALREADY, 'idNumber');
      change.set(w, 'idNumber', idNumber);
      w.personHash = ctx.personKey.hash(idNumber);
    }
  }
  if (input.phone !== undefined) change.set(w, 'phone', phoneOf(input.phone, 'phone'));
  if (input.jobType) change.set(w, 'jobType', input.jobType);
  if (input.platform !== undefined) change.set(w, 'platform', requiredText(input.platform, 'platform', '所属平台企业', 100));
  if (input.partyMember !== undefined && input.partyMember !== null) change.set(w, 'partyMember', input.partyMember);
  if (input.communityCode) {
    const code = regionCodeOf(input.communityCode, 'communityCode');
    if (districtOf(code) !== w.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
    assertCanWrite(ctx.caller, 'gig-care', code);
    await assertInRegionTree(ctx, 'regions', code, 'communityCode');
    change.set(w, 'communityCode', code);
  }
  const periods = await membershipsOf(em, w.id);
  if (input.registeredOn) {
    const day = notFuture(input.registeredOn, 'registeredOn', '登记日期');
    const [first] = await em
      .getConnection()
      .execute<{ day: string | null }[]>(
        `SELECT to_char(min(reported_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS day FROM gig_issue WHERE reporter_id = ? AND withdrawn_on IS NULL`,
        [w.id],
        'all',
        em.getTransactionContext(),
      );
    if (first?.day && first.day < day)
      throw badInput(`登记日期晚于其上报的问题（${first.day}）/ registered after reporting on ${first.day}`, 'registeredOn');
    // a member since registering stays one since the corrected day
    if (periods[0]?.fromOn === w.registeredOn) periods[0].fromOn = day;
    change.set(w, 'registeredOn', day);
  }
  if (input.leftOn !== undefined) {
    const leftOn = input.leftOn === null ? null : notFuture(input.leftOn, 'leftOn', '离开日期');
    const last = periods[periods.length - 1];
    if (last && last.toOn === w.leftOn) last.toOn = leftOn;
    change.set(w, 'leftOn', leftOn);
    if (leftOn === null && last && !last.toOn) w.mobileGridMember = true;
  }
  assertMemberships(w, periods, input.registeredOn ? 'registeredOn' : 'leftOn');
}

export const workerMutations: MutationResolvers = {
  registerGigWorker: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerGigWorker',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, 'gig-care', communityCode);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const platform = requiredText(input.platform, 'platform', '所属平台企业', 100);
        const registeredOn = eventDay(input.registeredOn, 'registeredOn', '登记日期');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const district = districtOf(communityCode);
        // numbering follows the ledger's XJY00001…; the lock also makes a second registration of one person wait and see the first
        const number = await nextNumber(em, { table: 'gig_worker', column: 'number', district, prefix: 'XJY', width: 5 });
        if (await em.count(GigWorker, { districtCode: district, idNumber })) throw conflict(ALREADY, 'idNumber');
        const worker = em.create(GigWorker, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          idNumber,
          phone,
          jobType: input.jobType,
          platform,
          partyMember: input.partyMember,
          mobileGridMember: input.mobileGridMember,
          registeredOn,
          communityCode,
          pointsBalance: 0,
          personHash: ctx.personKey.hash(idNumber),
        });
        if (input.mobileGridMember) em.create(GigMobileGridMembership, { workerId: worker.id, fromOn: registeredOn });
        try {
          await em.flush();
        } catch (e) {
          // the unique index on (district, ID number) decides whatever raced past the check
          if (e instanceof UniqueConstraintViolationException) throw conflict(ALREADY, 'idNumber');
          throw e;
        }
        return worker;
      },
      (w) => `GigWorker:${w.id}`,
    ),

  setMobileGridMember: (_, args, ctx) =>
    audited(
      ctx,
      'setMobileGridMember',
      args,
      async (em) => {
        const w = await activeWorker(ctx, em, args.code);
        const periods = await membershipsOf(em, w.id);
        const open = periods.find((p) => !p.toOn);
        if (args.member === !!open) {
          throw conflict(
            args.member ? '已是流动网格员 / already a mobile grid member' : '不是流动网格员 / not a mobile grid member',
            'member',
          );
        }
        const last = periods[periods.length - 1];
        const after = open
          ? { day: open.fromOn, after: '担任流动网格员的起始日' }
          : { day: last?.toOn ?? w.registeredOn, after: '登记日期或上次卸任日' };
        const on = eventDay(args.on, 'on', args.member ? '担任日期' : '卸任日期', after);
        if (open) {
          if (on === open.fromOn) throw badInput(`卸任日期须晚于 ${open.fromOn} / stop after ${open.fromOn}`, 'on');
          open.toOn = on;
        } else em.create(GigMobileGridMembership, { workerId: w.id, fromOn: on });
        w.mobileGridMember = args.member;
        return w;
      },
      (w) => `GigWorker:${w.id}`,
    ),

  recordGigWorkerLeaving: (_, args, ctx) =>
    audited(
      ctx,
      'recordGigWorkerLeaving',
      args,
      async (em) => {
        const w = await activeWorker(ctx, em, args.code);
        const periods = await membershipsOf(em, w.id);
        const open = periods.find((p) => !p.toOn);
        const leftOn = eventDay(args.leftOn, 'leftOn', '离开日期', {
          day: open?.fromOn ?? w.registeredOn,
          after: open ? '担任流动网格员的起始日' : '登记日期',
        });
        if (open) {
          if (leftOn === open.fromOn) throw badInput(`离开日期须晚于 ${open.fromOn} / leave after ${open.fromOn}`, 'leftOn');
          open.toOn = leftOn;
        }
        w.leftOn = leftOn;
        w.mobileGridMember = false;
        return w;
      },
      (w) => `GigWorker:${w.id}`,
    ),

  correctGigWorker: correction<GigWorker, CorrectGigWorkerInput, 'code'>(GIG_WORKER_RECORD, applyWorkerCorrection, 'code'),
  withdrawGigWorker: withdrawal(GIG_WORKER_RECORD, { idArg: 'code' }),
};
