import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, globalId, inScope } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  localNumberOf,
  optionalText,
  recordId,
  wholeNumber,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type {
  CorrectOwnersCommitteeInput,
  CorrectPropertyFeesInput,
  CorrectPropertyServiceInput,
  MutationResolvers,
} from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { optionalDay } from '../shared/governance';
import { OwnersCommittee, PropertyFee, PropertyService } from './property.entity';

const DEPARTMENT = 'workforce';

export const SERVICE_RECORD = defineRecord<PropertyService>({
  type: 'PropertyService',
  entity: PropertyService,
  label: ['物业管理记录', 'property management period'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
});
export const COMMITTEE_RECORD = defineRecord<OwnersCommittee>({
  type: 'OwnersCommittee',
  entity: OwnersCommittee,
  label: ['业委会', 'owners’ committee'],
  owner: DEPARTMENT,
  placeOf: (c) => c.communityCode,
  idOf: (c) => c.id,
});
export const FEES_RECORD = defineRecord<PropertyFee>({
  type: 'PropertyFees',
  entity: PropertyFee,
  label: ['物业费收缴记录', 'property fee record'],
  owner: DEPARTMENT,
  placeOf: (f) => f.communityCode,
  idOf: (f) => f.id,
  lookup: (_ctx, given) => ({ id: (given ?? '').trim() }),
});

async function compoundOf(ctx: RequestContext, em: EntityManager, given: string): Promise<Compound> {
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  // a compound outside the caller's region is answered as a missing one
  if (!c || !inScope(ctx.caller, c.communityCode)) throw badInput(`小区不存在：${given} / no such compound`, 'compoundId');
  assertCanWrite(ctx.caller, DEPARTMENT, c.communityCode);
  return c;
}

const small = (v: number | null | undefined, field: string, label: string, max = 1_000_000) =>
  v === undefined || v === null ? v : wholeNumber(v, field, label, 0, max);

function assertCommittee(c: OwnersCommittee): void {
  if (c.termTo < c.termFrom) throw badInput('任期止早于任期起 / the term ends before it begins', 'termTo');
  if (c.partyMembers > c.members) throw badInput('党员委员多于委员 / more Party members than members', 'partyMembers');
}

function assertFees(f: PropertyFee): void {
  if (f.householdsPaid > f.householdsDue) throw badInput('实缴户数多于应缴户数 / more households paid than owed', 'householdsPaid');
}

export const propertyMutations: MutationResolvers = {
  /** A compound's management from a day on: its open period ends that day, the new one begins. */
  changePropertyService: (_, { input }, ctx) =>
    audited(
      ctx,
      'changePropertyService',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const current = await em.findOne(PropertyService, { compoundId: compound.id, toOn: null });
        const fromOn = eventDay(
          input.fromOn,
          'fromOn',
          '起始日期',
          current ? { day: current.fromOn, after: '现行模式的起始日期' } : undefined,
        );
        if (current && current.fromOn === fromOn)
          throw badInput(`起始日期须晚于 ${current.fromOn} / begin after ${current.fromOn}`, 'fromOn');
        const district = compound.districtCode;
        const { id, number } = await newRecordKey(em, PropertyService, {
          given: input.id,
          label: '记录编号',
          table: 'property_service',
          district,
          prefix: `WY${fromOn.slice(0, 4)}`,
          width: 5,
        });
        if (current) current.toOn = fromOn;
        return em.create(PropertyService, {
          id,
          districtCode: district,
          number,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          mode: input.mode,
          provider: optionalText(input.provider, 'provider', '物业服务企业', 100),
          redProperty: input.redProperty ?? false,
          fromOn,
          toOn: null,
        });
      },
      (s) => `PropertyService:${s.id}`,
    ),
  correctPropertyService: correction<PropertyService, CorrectPropertyServiceInput>(SERVICE_RECORD, ({ row, change }, input) => {
    if (input.mode) change.set(row, 'mode', input.mode);
    if (input.provider !== undefined) change.set(row, 'provider', optionalText(input.provider, 'provider', '物业服务企业', 100));
    if (input.redProperty !== undefined && input.redProperty !== null) change.set(row, 'redProperty', input.redProperty);
    if (input.fromOn) change.set(row, 'fromOn', optionalDay(input.fromOn, 'fromOn', '起始日期')!);
    if (input.toOn !== undefined) change.set(row, 'toOn', optionalDay(input.toOn, 'toOn', '结束日期'));
    if (row.toOn && row.toOn <= row.fromOn) throw badInput('结束日期须晚于起始日期 / ends after it begins', 'toOn');
  }),
  withdrawPropertyService: withdrawal(SERVICE_RECORD),

  recordOwnersCommittee: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordOwnersCommittee',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const termFrom = eventDay(input.termFrom, 'termFrom', '任期起');
        const number = localNumberOf(input.id, 'id', '业委会编号');
        const id = globalId(compound.districtCode, number);
        await assertKeyFree(em, OwnersCommittee, { id }, 'id', `业委会编号 ${number} `);
        const c = em.create(OwnersCommittee, {
          id,
          districtCode: compound.districtCode,
          number,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          termFrom,
          termTo: input.termTo,
          members: small(input.members, 'members', '委员人数', 50) ?? 0,
          partyMembers: small(input.partyMembers, 'partyMembers', '党员委员人数', 50) ?? 0,
          red: input.red ?? false,
        });
        assertCommittee(c);
        return c;
      },
      (c) => `OwnersCommittee:${c.id}`,
    ),
  correctOwnersCommittee: correction<OwnersCommittee, CorrectOwnersCommitteeInput>(COMMITTEE_RECORD, ({ row, change }, input) => {
    if (input.termFrom) change.set(row, 'termFrom', optionalDay(input.termFrom, 'termFrom', '任期起')!);
    if (input.termTo) change.set(row, 'termTo', input.termTo);
    change.set(row, 'members', small(input.members, 'members', '委员人数', 50) ?? undefined);
    change.set(row, 'partyMembers', small(input.partyMembers, 'partyMembers', '党员委员人数', 50) ?? undefined);
    if (input.red !== undefined && input.red !== null) change.set(row, 'red', input.red);
    assertCommittee(row);
  }),
  withdrawOwnersCommittee: withdrawal(COMMITTEE_RECORD),

  recordPropertyFees: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordPropertyFees',
      input,
      async (em) => {
        const compound = await compoundOf(ctx, em, input.compoundId);
        const year = wholeNumber(input.year, 'year', '年度', 2000, Number(new Date().getFullYear()));
        const id = `${compound.id}:${year}`;
        await assertKeyFree(em, PropertyFee, { id }, 'year', `${year}年的收缴记录`);
        const f = em.create(PropertyFee, {
          id,
          districtCode: compound.districtCode,
          compoundId: compound.id,
          communityCode: compound.communityCode,
          year,
          householdsDue: wholeNumber(input.householdsDue, 'householdsDue', '应缴户数', 0, 1_000_000),
          householdsPaid: wholeNumber(input.householdsPaid, 'householdsPaid', '实缴户数', 0, 1_000_000),
        });
        assertFees(f);
        return f;
      },
      (f) => `PropertyFees:${f.id}`,
    ),
  correctPropertyFees: correction<PropertyFee, CorrectPropertyFeesInput>(FEES_RECORD, ({ row, change }, input) => {
    change.set(row, 'householdsDue', small(input.householdsDue, 'householdsDue', '应缴户数') ?? undefined);
    change.set(row, 'householdsPaid', small(input.householdsPaid, 'householdsPaid', '实缴户数') ?? undefined);
    assertFees(row);
  }),
  withdrawPropertyFees: withdrawal(FEES_RECORD),
};
