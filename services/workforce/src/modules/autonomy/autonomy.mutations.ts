import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, globalId, inScope } from '@district/common';
import {
  amountOf,
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  localNumberOf,
  recordId,
  recordToChange,
  requiredText,
  wholeNumber,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type {
  CorrectAutonomyActivityInput,
  CorrectAutonomyStationInput,
  CorrectAutonomySubsidyInput,
  MutationResolvers,
} from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { assertDaysInOrder, optionalDay } from '../shared/governance';
import { AutonomyActivity, AutonomyStation, AutonomySubsidy } from './autonomy.entity';

const DEPARTMENT = 'workforce';

export const STATION_RECORD = defineRecord<AutonomyStation>({
  type: 'AutonomyStation',
  entity: AutonomyStation,
  label: ['小区居民自治站', 'autonomy station'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
  referencedBy: [
    { table: 'autonomy_subsidy', column: 'station_id', label: ['补助', 'subsidies'] },
    { table: 'autonomy_activity', column: 'station_id', label: ['活动', 'activities'] },
  ],
});

export const SUBSIDY_RECORD = defineRecord<AutonomySubsidy>({
  type: 'AutonomySubsidy',
  entity: AutonomySubsidy,
  label: ['自治站补助', 'station subsidy'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
});

export const ACTIVITY_RECORD = defineRecord<AutonomyActivity>({
  type: 'AutonomyActivity',
  entity: AutonomyActivity,
  label: ['自治站活动', 'station activity'],
  owner: DEPARTMENT,
  placeOf: (a) => a.communityCode,
  idOf: (a) => a.id,
});

async function compoundOf(ctx: RequestContext, em: EntityManager, given: string): Promise<Compound> {
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  // a compound outside the caller's region is answered as a missing one
  if (!c || !inScope(ctx.caller, c.communityCode)) throw badInput(`小区不存在：${given} / no such compound`, 'compoundId');
  assertCanWrite(ctx.caller, DEPARTMENT, c.communityCode);
  return c;
}

function assertStationDays(s: AutonomyStation): void {
  assertDaysInOrder([
    [s.startedOn, 'startedOn', '建设启动日期'],
    [s.openedOn, 'openedOn', '投用日期'],
  ]);
  assertDaysInOrder([
    [s.startedOn, 'startedOn', '建设启动日期'],
    [s.acceptedOn, 'acceptedOn', '验收日期'],
  ]);
  if (s.closedOn && (!s.openedOn || s.closedOn <= s.openedOn))
    throw badInput('停用日期须晚于投用日期 / closed after it opened', 'closedOn');
}

const count = (v: number | null | undefined, field: string, label: string) =>
  v === undefined || v === null ? v : wholeNumber(v, field, label, 0, 100_000);

/** A station's day event (opened, accepted): once, not before building started, not in the future. */
function stationEvent(field: 'openedOn' | 'acceptedOn', label: string, op: 'openAutonomyStation' | 'acceptAutonomyStation') {
  return (_: unknown, args: { id: string; on?: string | null }, ctx: RequestContext) =>
    audited(
      ctx,
      op,
      args,
      async (em) => {
        const s = await recordToChange(ctx, em, STATION_RECORD, args.id);
        if (s[field]) throw conflict(`该自治站已于${s[field]}${label.replace('日期', '')} / already done on ${s[field]}`, 'id');
        s[field] = eventDay(args.on, 'on', label, s.startedOn ? { day: s.startedOn, after: '建设启动日期' } : undefined);
        return s;
      },
      (s) => `AutonomyStation:${s.id}`,
    );
}

async function stationFor(ctx: RequestContext, em: EntityManager, given: string) {
  return recordToChange(ctx, em, STATION_RECORD, given, 'stationId');
}

export const autonomyMutations: MutationResolvers = {
  createAutonomyStation: (_, { input }, ctx) =>
    audited(
      ctx,
      'createAutonomyStation',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const number = localNumberOf(input.id, 'id', '自治站编号');
        const id = globalId(compound.districtCode, number);
        await assertKeyFree(em, AutonomyStation, { id }, 'id', `自治站编号 ${number} `);
        const s = em.create(AutonomyStation, {
          id,
          districtCode: compound.districtCode,
          number,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          name: requiredText(input.name, 'name', '自治站名称', 100),
          startedOn: optionalDay(input.startedOn, 'startedOn', '建设启动日期') ?? null,
          openedOn: optionalDay(input.openedOn, 'openedOn', '投用日期') ?? null,
          acceptedOn: null,
          closedOn: null,
        });
        assertStationDays(s);
        return s;
      },
      (s) => `AutonomyStation:${s.id}`,
    ),
  openAutonomyStation: stationEvent('openedOn', '投用日期', 'openAutonomyStation'),
  acceptAutonomyStation: stationEvent('acceptedOn', '验收日期', 'acceptAutonomyStation'),
  correctAutonomyStation: correction<AutonomyStation, CorrectAutonomyStationInput>(
    STATION_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.compoundId) {
        const c = await compoundOf(ctx, em, input.compoundId);
        if (c.districtCode !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'compoundId');
        change.set(row, 'compoundId', c.id);
        row.communityCode = c.communityCode;
        for (const x of [
          ...(await em.find(AutonomySubsidy, { stationId: row.id })),
          ...(await em.find(AutonomyActivity, { stationId: row.id })),
        ])
          x.communityCode = c.communityCode;
      }
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '自治站名称', 100));
      for (const [field, label] of [
        ['startedOn', '建设启动日期'],
        ['openedOn', '投用日期'],
        ['acceptedOn', '验收日期'],
        ['closedOn', '停用日期'],
      ] as const)
        if (input[field] !== undefined) change.set(row, field, optionalDay(input[field], field, label));
      assertStationDays(row);
    },
  ),
  withdrawAutonomyStation: withdrawal(STATION_RECORD),

  grantAutonomySubsidy: (_, { input }, ctx) =>
    audited(
      ctx,
      'grantAutonomySubsidy',
      input,
      async (em) => {
        const station = await stationFor(ctx, em, input.stationId);
        const grantedOn = eventDay(input.grantedOn, 'grantedOn', '拨付日期');
        const district = station.districtCode;
        const { id, number } = await newRecordKey(em, AutonomySubsidy, {
          given: input.id,
          label: '补助编号',
          table: 'autonomy_subsidy',
          district,
          prefix: `ZZBZ${grantedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(AutonomySubsidy, {
          id,
          districtCode: district,
          number,
          stationId: station.id,
          communityCode: station.communityCode,
          source: input.source,
          purpose: input.purpose,
          amount: amountOf(input.amount, 'amount', '金额').toFixed(2),
          grantedOn,
        });
      },
      (s) => `AutonomySubsidy:${s.id}`,
    ),
  correctAutonomySubsidy: correction<AutonomySubsidy, CorrectAutonomySubsidyInput>(
    SUBSIDY_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.stationId) {
        const s = await stationFor(ctx, em, input.stationId);
        change.set(row, 'stationId', s.id);
        row.communityCode = s.communityCode;
      }
      if (input.source) change.set(row, 'source', input.source);
      if (input.purpose) change.set(row, 'purpose', input.purpose);
      if (input.amount !== undefined && input.amount !== null)
        change.set(row, 'amount', amountOf(input.amount, 'amount', '金额').toFixed(2));
      if (input.grantedOn) change.set(row, 'grantedOn', optionalDay(input.grantedOn, 'grantedOn', '拨付日期')!);
    },
  ),
  withdrawAutonomySubsidy: withdrawal(SUBSIDY_RECORD),

  recordAutonomyActivity: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordAutonomyActivity',
      input,
      async (em) => {
        const station = await stationFor(ctx, em, input.stationId);
        const heldOn = eventDay(input.heldOn, 'heldOn', '开展日期');
        if (!station.openedOn || heldOn < station.openedOn)
          throw badInput('自治站在该日尚未投用 / the station was not in use on that day', 'heldOn');
        const district = station.districtCode;
        const { id, number } = await newRecordKey(em, AutonomyActivity, {
          given: input.id,
          label: '活动编号',
          table: 'autonomy_activity',
          district,
          prefix: `ZZHD${heldOn.slice(0, 4)}`,
          width: 5,
        });
        return em.create(AutonomyActivity, {
          id,
          districtCode: district,
          number,
          stationId: station.id,
          communityCode: station.communityCode,
          kind: input.kind,
          title: requiredText(input.title, 'title', '活动名称', 200),
          heldOn,
          participants: count(input.participants, 'participants', '参与人次') ?? 0,
          needsCollected: count(input.needsCollected, 'needsCollected', '收集需求') ?? 0,
          issuesResolved: count(input.issuesResolved, 'issuesResolved', '解决问题') ?? 0,
        });
      },
      (a) => `AutonomyActivity:${a.id}`,
    ),
  correctAutonomyActivity: correction<AutonomyActivity, CorrectAutonomyActivityInput>(
    ACTIVITY_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.stationId) {
        const s = await stationFor(ctx, em, input.stationId);
        change.set(row, 'stationId', s.id);
        row.communityCode = s.communityCode;
      }
      if (input.kind) change.set(row, 'kind', input.kind);
      if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '活动名称', 200));
      if (input.heldOn) change.set(row, 'heldOn', optionalDay(input.heldOn, 'heldOn', '开展日期')!);
      change.set(row, 'participants', count(input.participants, 'participants', '参与人次') ?? undefined);
      change.set(row, 'needsCollected', count(input.needsCollected, 'needsCollected', '收集需求') ?? undefined);
      change.set(row, 'issuesResolved', count(input.issuesResolved, 'issuesResolved', '解决问题') ?? undefined);
    },
  ),
  withdrawAutonomyActivity: withdrawal(ACTIVITY_RECORD),
};
