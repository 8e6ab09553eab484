import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, conflict, districtNode, globalId, notFound } from '@district/common';
import {
  assertStep,
  audited,
  defineLoop,
  districtFor,
  eventDay,
  localNumberOf,
  nextNumber,
  notFuture,
  recordId,
  requiredText,
  wholeNumber,
  type RequestContext,
} from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { CommitteeMemberUnit, IndustryCommittee, PartyTraining } from './committee.entity';

const DEPARTMENT = 'party-building';

/** A unit's membership of the working committee: a member → left. */
export const MEMBERSHIP_LOOP = defineLoop<'MEMBER' | 'LEFT'>({
  states: ['MEMBER', 'LEFT'],
  labels: { MEMBER: '在册', LEFT: '已退出' },
  what: '成员单位',
});

/** The district a new district-wide record belongs to, and the node it sits at, checked against the caller's rights. */
async function districtOfNewRecord(ctx: RequestContext, given: string | null | undefined) {
  const district = await districtFor(ctx, given);
  const regionCode = districtNode(district);
  assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
  return { district, regionCode };
}

async function assertFree(
  em: EntityManager,
  entity: typeof CommitteeMemberUnit | typeof IndustryCommittee | typeof PartyTraining,
  id: string,
  what: string,
  field: string,
) {
  if (await em.findOne(entity, { id })) throw conflict(`${what}已存在 / already recorded in the district`, field);
}

export const committeeMutations: MutationResolvers = {
  recordPartyTraining: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordPartyTraining',
      input,
      async (em) => {
        const { district, regionCode } = await districtOfNewRecord(ctx, input.districtCode);
        const name = requiredText(input.name, 'name', '培训名称');
        const heldOn = notFuture(input.heldOn, 'heldOn', '培训日期');
        const participantCategory = requiredText(input.participantCategory, 'participantCategory', '参训人员类别', 50);
        const personTimes = wholeNumber(input.personTimes, 'personTimes', '参训人次', 0, 100_000);
        // numbers follow the ledger's pattern DJPX + year + 2 digits, continuing the year's highest
        const number = input.code
          ? localNumberOf(input.code, 'code', '培训编号')
          : await nextNumber(em, { table: 'party_training', column: 'number', district, prefix: `DJPX${heldOn.slice(0, 4)}`, width: 2 });
        const id = globalId(district, number);
        await assertFree(em, PartyTraining, id, `培训编号 ${number} `, 'code');
        return em.create(PartyTraining, { id, districtCode: district, number, name, heldOn, participantCategory, personTimes, regionCode });
      },
      (t) => `PartyTraining:${t.id}`,
    ),

  addPartyCommitteeMemberUnit: (_, { input }, ctx) =>
    audited(
      ctx,
      'addPartyCommitteeMemberUnit',
      input,
      async (em) => {
        const { district, regionCode } = await districtOfNewRecord(ctx, input.districtCode);
        const name = requiredText(input.name, 'name', '成员单位');
        const joinedOn = notFuture(input.joinedOn, 'joinedOn', '加入日期');
        const id = globalId(district, name);
        await assertFree(em, CommitteeMemberUnit, id, `成员单位 ${name} `, 'name');
        return em.create(CommitteeMemberUnit, { id, districtCode: district, name, joinedOn, leftOn: null, regionCode });
      },
      (m) => `PartyCommitteeMemberUnit:${m.id}`,
    ),

  removePartyCommitteeMemberUnit: (_, args, ctx) =>
    audited(
      ctx,
      'removePartyCommitteeMemberUnit',
      args,
      async (em) => {
        const unit = await em.findOne(CommitteeMemberUnit, { id: await recordId(ctx, args.id) });
        if (!unit) throw notFound(`没有该成员单位 / no such member unit: ${args.id}`, 'id');
        assertCanWrite(ctx.caller, DEPARTMENT, unit.regionCode);
        assertStep(MEMBERSHIP_LOOP, unit.leftOn ? 'LEFT' : 'MEMBER', 'LEFT');
        unit.leftOn = eventDay(args.leftOn, 'leftOn', '退出日期', { day: unit.joinedOn, after: '加入日期' });
        return unit;
      },
      (m) => `PartyCommitteeMemberUnit:${m.id}`,
    ),

  foundPartyIndustryCommittee: (_, { input }, ctx) =>
    audited(
      ctx,
      'foundPartyIndustryCommittee',
      input,
      async (em) => {
        const { district, regionCode } = await districtOfNewRecord(ctx, input.districtCode);
        const name = requiredText(input.name, 'name', '党委名称');
        const industry = requiredText(input.industry, 'industry', '行业', 50);
        const foundedOn = notFuture(input.foundedOn, 'foundedOn', '成立日期');
        const id = globalId(district, name);
        await assertFree(em, IndustryCommittee, id, `行业党委 ${name} `, 'name');
        return em.create(IndustryCommittee, { id, districtCode: district, name, industry, foundedOn, regionCode });
      },
      (c) => `PartyIndustryCommittee:${c.id}`,
    ),
};
