import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtNode, globalId } from '@district/common';
import {
  assertKeyFree,
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  districtFor,
  eventDay,
  localNumberOf,
  nextNumber,
  notFuture,
  recordToChange,
  type RequestContext,
  requiredText,
  wholeNumber,
  withdrawal,
} from '@district/subgraph-kit';
import type {
  CorrectPartyCommitteeMemberUnitInput,
  CorrectPartyIndustryCommitteeInput,
  CorrectPartyTrainingInput,
  MutationResolvers,
} from '../../generated/graphql';
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
  await assertKeyFree(em, entity as typeof PartyTraining, { id }, field, what);
}

/** District-wide records, at their district's node. */
const districtRecord = <T extends CommitteeMemberUnit | IndustryCommittee | PartyTraining>(
  type: string,
  entity: (new () => T) & { name: string },
  label: [string, string],
) => defineRecord<T>({ type, entity, label, owner: DEPARTMENT, placeOf: (r) => r.regionCode, idOf: (r) => r.id });

export const TRAINING_RECORD = districtRecord('PartyTraining', PartyTraining, ['党建培训', 'training session']);
export const MEMBER_RECORD = districtRecord('PartyCommitteeMemberUnit', CommitteeMemberUnit, ['两新工委成员单位', 'member unit']);
export const COMMITTEE_RECORD = districtRecord('PartyIndustryCommittee', IndustryCommittee, ['行业党委', 'industry Party committee']);

/** A name corrected must stay unique within the district: names are how the ledger knows these units. */
async function nameFree(em: EntityManager, entity: typeof CommitteeMemberUnit | typeof IndustryCommittee, district: string, name: string) {
  await assertKeyFree(em, entity as typeof IndustryCommittee, { districtCode: district, name }, 'name', `名称 ${name} `);
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
        const unit = await recordToChange(ctx, em, MEMBER_RECORD, args.id);
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

  correctPartyTraining: correction<PartyTraining, CorrectPartyTrainingInput>(TRAINING_RECORD, ({ row, change }, input) => {
    if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '培训名称'));
    if (input.heldOn) change.set(row, 'heldOn', notFuture(input.heldOn, 'heldOn', '培训日期'));
    if (input.participantCategory !== undefined)
      change.set(row, 'participantCategory', requiredText(input.participantCategory, 'participantCategory', '参训人员类别', 50));
    if (input.personTimes !== undefined && input.personTimes !== null)
      change.set(row, 'personTimes', wholeNumber(input.personTimes, 'personTimes', '参训人次', 0, 100_000));
  }),
  withdrawPartyTraining: withdrawal(TRAINING_RECORD),
  correctPartyCommitteeMemberUnit: correction<CommitteeMemberUnit, CorrectPartyCommitteeMemberUnitInput>(
    MEMBER_RECORD,
    async ({ em, row, change }, input) => {
      if (input.name !== undefined) {
        const name = requiredText(input.name, 'name', '成员单位');
        if (name !== row.name) await nameFree(em, CommitteeMemberUnit, row.districtCode, name);
        change.set(row, 'name', name);
      }
      if (input.joinedOn) change.set(row, 'joinedOn', notFuture(input.joinedOn, 'joinedOn', '加入日期'));
      if (input.leftOn !== undefined)
        change.set(row, 'leftOn', input.leftOn === null ? null : notFuture(input.leftOn, 'leftOn', '退出日期'));
      if (row.leftOn && row.leftOn <= row.joinedOn) throw badInput('退出日期须晚于加入日期 / left after it joined', 'leftOn');
    },
  ),
  withdrawPartyCommitteeMemberUnit: withdrawal(MEMBER_RECORD),
  correctPartyIndustryCommittee: correction<IndustryCommittee, CorrectPartyIndustryCommitteeInput>(
    COMMITTEE_RECORD,
    async ({ em, row, change }, input) => {
      if (input.name !== undefined) {
        const name = requiredText(input.name, 'name', '党委名称');
        if (name !== row.name) await nameFree(em, IndustryCommittee, row.districtCode, name);
        change.set(row, 'name', name);
      }
      if (input.industry !== undefined) change.set(row, 'industry', requiredText(input.industry, 'industry', '行业', 50));
      if (input.foundedOn) change.set(row, 'foundedOn', notFuture(input.foundedOn, 'foundedOn', '成立日期'));
    },
  ),
  withdrawPartyIndustryCommittee: withdrawal(COMMITTEE_RECORD),
};
