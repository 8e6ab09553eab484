import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  recordId,
  regionCodeOf,
  wholeNumber,
  withdrawal,
  type RequestContext,
  visible,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectHouseholdVisitInput, MutationResolvers } from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { Worker } from '../workers/worker.entity';
import { communityOf, optionalDay } from '../shared/governance';
import { HouseholdVisit } from './visit.entity';

const DEPARTMENT = 'workforce';

export const VISIT_RECORD = defineRecord<HouseholdVisit>({
  type: 'HouseholdVisit',
  entity: HouseholdVisit,
  label: ['走访记录', 'household visit'],
  owner: DEPARTMENT,
  placeOf: (v) => v.communityCode,
  idOf: (v) => v.id,
});

const count = (v: number | null | undefined, field: string, label: string) =>
  v === undefined || v === null ? v : wholeNumber(v, field, label, 0, 100_000);

async function compoundIn(ctx: RequestContext, em: EntityManager, given: string | null | undefined, communityCode: string) {
  if (!given) return null;
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c || c.communityCode !== communityCode) throw badInput('小区不在该社区 / the compound is not in the community', 'compoundId');
  return c.id;
}

async function workerOf(ctx: RequestContext, em: EntityManager, given: string | null | undefined, district: string) {
  if (!given) return null;
  // a worker outside the caller's region is answered as a missing one: a write names only records its caller may see
  const w = visible(ctx, await em.findOne(Worker, { id: await recordId(ctx, given, 'workerId') }), (x) => x.communityCode);
  if (!w || w.districtCode !== district) throw badInput(`社区工作者不存在：${given} / no such worker`, 'workerId');
  return w.id;
}

function assertCounts(v: HouseholdVisit): void {
  if (v.needsSolved > v.needsFound) throw badInput('解决诉求多于收集诉求 / more needs solved than found', 'needsSolved');
}

export const visitMutations: MutationResolvers = {
  recordHouseholdVisit: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordHouseholdVisit',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const visitedOn = eventDay(input.visitedOn, 'visitedOn', '走访日期');
        const { id, number } = await newRecordKey(em, HouseholdVisit, {
          given: input.id,
          label: '走访编号',
          table: 'household_visit',
          district,
          prefix: `ZF${visitedOn.slice(0, 4)}`,
          width: 6,
        });
        const v = em.create(HouseholdVisit, {
          id,
          districtCode: district,
          number,
          communityCode,
          compoundId: await compoundIn(ctx, em, input.compoundId, communityCode),
          workerId: await workerOf(ctx, em, input.workerId, district),
          kind: input.kind,
          visitedOn,
          households: count(input.households, 'households', '覆盖户数') ?? 0,
          enterprises: count(input.enterprises, 'enterprises', '覆盖企业数') ?? 0,
          needsFound: count(input.needsFound, 'needsFound', '收集诉求') ?? 0,
          needsSolved: count(input.needsSolved, 'needsSolved', '解决诉求') ?? 0,
          talentsFound: count(input.talentsFound, 'talentsFound', '挖掘能人') ?? 0,
        });
        assertCounts(v);
        return v;
      },
      (v) => `HouseholdVisit:${v.id}`,
    ),
  correctHouseholdVisit: correction<HouseholdVisit, CorrectHouseholdVisitInput>(VISIT_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.compoundId !== undefined) change.set(row, 'compoundId', await compoundIn(ctx, em, input.compoundId, row.communityCode));
    if (input.workerId !== undefined) change.set(row, 'workerId', await workerOf(ctx, em, input.workerId, row.districtCode));
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.visitedOn) change.set(row, 'visitedOn', optionalDay(input.visitedOn, 'visitedOn', '走访日期')!);
    change.set(row, 'households', count(input.households, 'households', '覆盖户数') ?? undefined);
    change.set(row, 'enterprises', count(input.enterprises, 'enterprises', '覆盖企业数') ?? undefined);
    change.set(row, 'needsFound', count(input.needsFound, 'needsFound', '收集诉求') ?? undefined);
    change.set(row, 'needsSolved', count(input.needsSolved, 'needsSolved', '解决诉求') ?? undefined);
    change.set(row, 'talentsFound', count(input.talentsFound, 'talentsFound', '挖掘能人') ?? undefined);
    assertCounts(row);
  }),
  withdrawHouseholdVisit: withdrawal(VISIT_RECORD),
};
