import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf, globalId } from '@district/common';
import {
  assertKeyFree,
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  localNumberOf,
  recordToChange,
  regionCodeOf,
  requiredText,
  wholeNumber,
  withdrawal,
  writeHistory,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectCommunityFacilityInput, CorrectFacilityWorkInput, MutationResolvers } from '../../generated/graphql';
import { assertDaysInOrder, communityOf, moneyOf, optionalDay, roomsOf, sameDistrict } from '../shared/governance';
import { Facility, FacilityEarlierRating, FacilityWork, type FacilityWorkStatus } from './facility.entity';

const DEPARTMENT = 'workforce';

export const FACILITY_RECORD = defineRecord<Facility>({
  type: 'CommunityFacility',
  entity: Facility,
  label: ['社区服务设施', 'community facility'],
  owner: DEPARTMENT,
  placeOf: (f) => f.communityCode,
  idOf: (f) => f.id,
  referencedBy: [{ table: 'facility_work', column: 'facility_id', label: ['建设项目', 'building works'] }],
});

export const FACILITY_WORK_RECORD = defineRecord<FacilityWork>({
  type: 'FacilityWork',
  entity: FacilityWork,
  label: ['设施建设项目', 'facility work'],
  owner: DEPARTMENT,
  placeOf: (w) => w.communityCode,
  idOf: (w) => w.id,
});

/** 项目 started → completed → accepted, one step at a time. */
export const WORK_LOOP = defineLoop<FacilityWorkStatus>({
  states: ['STARTED', 'COMPLETED', 'ACCEPTED'],
  labels: { STARTED: '已启动', COMPLETED: '已完成', ACCEPTED: '已验收' },
  what: '建设项目',
});

const starOf = (v: number | null | undefined) => (v === undefined || v === null ? v : wholeNumber(v, 'starLevel', '星级', 1, 5));
const areaOf = (v: number | null | undefined) => {
  if (v === undefined || v === null) return v;
  if (!Number.isFinite(v) || v < 0 || v > 1_000_000) throw badInput('建筑面积应为0到100万平方米 / area must be 0–1,000,000 m²', 'area');
  return v.toFixed(2);
};

function assertFacility(f: Facility): void {
  if (f.starLevel && !f.starRatedOn) throw badInput('有星级须给出评定日期 / a star level needs its rating day', 'starRatedOn');
  if (f.openedOn && f.closedOn && f.closedOn <= f.openedOn) throw badInput('停用日期须晚于投用日期 / closed after it opened', 'closedOn');
}

function assertWork(w: FacilityWork): void {
  if (w.completedOn && w.status === 'STARTED') throw badInput('项目尚未完成 / the work is not completed', 'completedOn');
  if (w.acceptedOn && w.status !== 'ACCEPTED') throw badInput('项目尚未验收 / the work is not accepted', 'acceptedOn');
  assertDaysInOrder([
    [w.startedOn, 'startedOn', '启动日期'],
    [w.completedOn, 'completedOn', '完成日期'],
    [w.acceptedOn, 'acceptedOn', '验收日期'],
  ]);
  if (w.funding && Number(w.funding) > 0 && !w.fundingSource)
    throw badInput('有资金须给出资金来源 / funding needs its source', 'fundingSource');
}

async function facilityFor(ctx: RequestContext, em: EntityManager, given: string): Promise<Facility> {
  const f = await recordToChange(ctx, em, FACILITY_RECORD, given, 'facilityId');
  return f;
}

async function advance(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  to: FacilityWorkStatus,
  day: string | null | undefined,
  field: string,
) {
  const work = await recordToChange(ctx, em, FACILITY_WORK_RECORD, given);
  assertStep(WORK_LOOP, work.status, to);
  const on = eventDay(day, field, to === 'COMPLETED' ? '完成日期' : '验收日期', {
    day: work.completedOn ?? work.startedOn,
    after: '上一步的日期',
  });
  work.status = to;
  if (to === 'COMPLETED') work.completedOn = on;
  else work.acceptedOn = on;
  return work;
}

export const facilityMutations: MutationResolvers = {
  createCommunityFacility: (_, { input }, ctx) =>
    audited(
      ctx,
      'createCommunityFacility',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const number = localNumberOf(input.id, 'id', '设施编号');
        const id = globalId(district, number);
        await assertKeyFree(em, Facility, { id }, 'id', `设施编号 ${number} `);
        const f = em.create(Facility, {
          id,
          districtCode: district,
          number,
          communityCode,
          name: requiredText(input.name, 'name', '设施名称', 100),
          kind: input.kind,
          starLevel: starOf(input.starLevel) ?? null,
          starRatedOn: optionalDay(input.starRatedOn, 'starRatedOn', '星级评定日期') ?? null,
          area: areaOf(input.area) ?? null,
          rooms: roomsOf(input.rooms),
          openedOn: optionalDay(input.openedOn, 'openedOn', '投用日期') ?? null,
          closedOn: null,
        });
        assertFacility(f);
        return f;
      },
      (f) => `CommunityFacility:${f.id}`,
    ),
  rateCommunityFacility: (_, args, ctx) =>
    audited(
      ctx,
      'rateCommunityFacility',
      args,
      async (em) => {
        const f = await recordToChange(ctx, em, FACILITY_RECORD, args.id);
        const starLevel = wholeNumber(args.starLevel, 'starLevel', '星级', 1, 5);
        const on = eventDay(
          args.ratedOn,
          'ratedOn',
          '星级评定日期',
          f.starRatedOn ? { day: f.starRatedOn, after: '上次评定日期' } : undefined,
        );
        // a new rating replaces the current one; the earlier one stays in the facility's history
        await writeHistory(
          em,
          ctx,
          FACILITY_RECORD,
          f.id,
          'rateCommunityFacility',
          [
            { field: 'starLevel', old: f.starLevel ?? null, new: starLevel },
            { field: 'starRatedOn', old: f.starRatedOn ?? null, new: on },
          ],
          null,
        );
        if (f.starRatedOn && f.starLevel)
          em.create(FacilityEarlierRating, { facilityId: f.id, ratedOn: f.starRatedOn, starLevel: f.starLevel, replacedOn: on });
        f.starLevel = starLevel;
        f.starRatedOn = on;
        return f;
      },
      (f) => `CommunityFacility:${f.id}`,
    ),
  correctCommunityFacility: correction<Facility, CorrectCommunityFacilityInput>(
    FACILITY_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.communityCode) {
        const code = sameDistrict(await communityOf(em, input.communityCode, 'communityCode'), row.districtCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, code);
        change.set(row, 'communityCode', code);
        // its works sit where it does
        for (const w of await em.find(FacilityWork, { facilityId: row.id })) w.communityCode = code;
      }
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '设施名称', 100));
      if (input.kind) change.set(row, 'kind', input.kind);
      if (input.starLevel !== undefined) change.set(row, 'starLevel', starOf(input.starLevel));
      if (input.starRatedOn !== undefined) change.set(row, 'starRatedOn', optionalDay(input.starRatedOn, 'starRatedOn', '星级评定日期'));
      if (input.area !== undefined) change.set(row, 'area', areaOf(input.area));
      if (input.rooms !== undefined) change.set(row, 'rooms', roomsOf(input.rooms));
      if (input.openedOn !== undefined) change.set(row, 'openedOn', optionalDay(input.openedOn, 'openedOn', '投用日期'));
      if (input.closedOn !== undefined) change.set(row, 'closedOn', optionalDay(input.closedOn, 'closedOn', '停用日期'));
      assertFacility(row);
    },
  ),
  withdrawCommunityFacility: withdrawal(FACILITY_RECORD),

  startFacilityWork: (_, { input }, ctx) =>
    audited(
      ctx,
      'startFacilityWork',
      input,
      async (em) => {
        const facility = await facilityFor(ctx, em, input.facilityId);
        const startedOn = eventDay(input.startedOn, 'startedOn', '启动日期');
        const district = facility.districtCode;
        const { id, number } = await newRecordKey(em, FacilityWork, {
          given: input.id,
          label: '项目编号',
          table: 'facility_work',
          district,
          prefix: `SSXM${startedOn.slice(0, 4)}`,
          width: 4,
        });
        const w = em.create(FacilityWork, {
          id,
          districtCode: district,
          number,
          facilityId: facility.id,
          communityCode: facility.communityCode,
          kind: input.kind,
          content: requiredText(input.content, 'content', '建设内容', 500),
          rooms: roomsOf(input.rooms),
          startedOn,
          completedOn: null,
          acceptedOn: null,
          status: 'STARTED',
          funding: moneyOf(input.funding, 'funding', '资金') ?? null,
          fundingSource: input.fundingSource ?? null,
        });
        assertWork(w);
        return w;
      },
      (w) => `FacilityWork:${w.id}`,
    ),
  completeFacilityWork: (_, args, ctx) =>
    audited(
      ctx,
      'completeFacilityWork',
      args,
      (em) => advance(ctx, em, args.id, 'COMPLETED', args.completedOn, 'completedOn'),
      (w) => `FacilityWork:${w.id}`,
    ),
  acceptFacilityWork: (_, args, ctx) =>
    audited(
      ctx,
      'acceptFacilityWork',
      args,
      (em) => advance(ctx, em, args.id, 'ACCEPTED', args.acceptedOn, 'acceptedOn'),
      (w) => `FacilityWork:${w.id}`,
    ),
  correctFacilityWork: correction<FacilityWork, CorrectFacilityWorkInput>(FACILITY_WORK_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.facilityId) {
      const f = await facilityFor(ctx, em, input.facilityId);
      if (f.districtCode !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'facilityId');
      change.set(row, 'facilityId', f.id);
      row.communityCode = f.communityCode;
    }
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.content !== undefined) change.set(row, 'content', requiredText(input.content, 'content', '建设内容', 500));
    if (input.rooms !== undefined) change.set(row, 'rooms', roomsOf(input.rooms));
    if (input.startedOn) change.set(row, 'startedOn', optionalDay(input.startedOn, 'startedOn', '启动日期')!);
    if (input.completedOn !== undefined) change.set(row, 'completedOn', optionalDay(input.completedOn, 'completedOn', '完成日期'));
    if (input.acceptedOn !== undefined) change.set(row, 'acceptedOn', optionalDay(input.acceptedOn, 'acceptedOn', '验收日期'));
    if (input.funding !== undefined) change.set(row, 'funding', moneyOf(input.funding, 'funding', '资金'));
    if (input.fundingSource !== undefined) change.set(row, 'fundingSource', input.fundingSource);
    assertWork(row);
  }),
  withdrawFacilityWork: withdrawal(FACILITY_WORK_RECORD),
};
