import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  recordId,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CorrectResidentSuggestionInput, MutationResolvers } from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { communityOf, optionalDay, sameDistrict } from '../shared/governance';
import { Suggestion, type SuggestionStatus } from './suggestion.entity';

const DEPARTMENT = 'workforce';

export const SUGGESTION_RECORD = defineRecord<Suggestion>({
  type: 'ResidentSuggestion',
  entity: Suggestion,
  label: ['群众建议', 'residents’ suggestion'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
});

/** 建议 collected → closed (adopted or not), one step. */
export const SUGGESTION_LOOP = defineLoop<SuggestionStatus>({
  states: ['COLLECTED', 'CLOSED'],
  labels: { COLLECTED: '已收集', CLOSED: '已办结' },
  what: '建议',
});

/** A compound of the suggestion's community, or none. */
async function compoundIn(ctx: RequestContext, em: EntityManager, given: string | null | undefined, communityCode: string) {
  if (!given) return null;
  const c = await em.findOne(Compound, { id: await recordId(ctx, given, 'compoundId') });
  if (!c || c.communityCode !== communityCode) throw badInput('小区不在该社区 / the compound is not in the community', 'compoundId');
  return c.id;
}

function assertDays(s: Suggestion): void {
  if (s.closedOn && s.status !== 'CLOSED') throw badInput('建议尚未办结 / the suggestion is not closed', 'closedOn');
  if (s.closedOn && s.closedOn < s.collectedOn) throw badInput('办结日期早于收集日期 / closed before it was collected', 'closedOn');
  if (s.status !== 'CLOSED' && s.adopted !== null && s.adopted !== undefined)
    throw badInput('仅已办结的建议可标记是否采纳 / only a closed suggestion is adopted or not', 'adopted');
}

export const suggestionMutations: MutationResolvers = {
  collectResidentSuggestion: (_, { input }, ctx) =>
    audited(
      ctx,
      'collectResidentSuggestion',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const collectedOn = eventDay(input.collectedOn, 'collectedOn', '收集日期');
        const { id, number } = await newRecordKey(em, Suggestion, {
          given: input.id,
          label: '建议编号',
          table: 'suggestion',
          district,
          prefix: `JY${collectedOn.slice(0, 4)}`,
          width: 5,
        });
        return em.create(Suggestion, {
          id,
          districtCode: district,
          number,
          communityCode,
          compoundId: await compoundIn(ctx, em, input.compoundId, communityCode),
          category: input.category,
          content: requiredText(input.content, 'content', '建议内容', 1000),
          collectedOn,
          closedOn: null,
          status: 'COLLECTED',
          adopted: null,
        });
      },
      (s) => `ResidentSuggestion:${s.id}`,
    ),
  closeResidentSuggestion: (_, args, ctx) =>
    audited(
      ctx,
      'closeResidentSuggestion',
      args,
      async (em) => {
        const s = await recordToChange(ctx, em, SUGGESTION_RECORD, args.id);
        assertStep(SUGGESTION_LOOP, s.status, 'CLOSED');
        s.closedOn = eventDay(args.closedOn, 'closedOn', '办结日期', { day: s.collectedOn, after: '收集日期' });
        s.status = 'CLOSED';
        s.adopted = args.adopted;
        return s;
      },
      (s) => `ResidentSuggestion:${s.id}`,
    ),
  correctResidentSuggestion: correction<Suggestion, CorrectResidentSuggestionInput>(
    SUGGESTION_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.communityCode) {
        const code = sameDistrict(await communityOf(em, input.communityCode, 'communityCode'), row.districtCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, code);
        change.set(row, 'communityCode', code);
        if (input.compoundId === undefined && row.compoundId) change.set(row, 'compoundId', null);
      }
      if (input.compoundId !== undefined) change.set(row, 'compoundId', await compoundIn(ctx, em, input.compoundId, row.communityCode));
      if (input.category) change.set(row, 'category', input.category);
      if (input.content !== undefined) change.set(row, 'content', requiredText(input.content, 'content', '建议内容', 1000));
      if (input.collectedOn) change.set(row, 'collectedOn', optionalDay(input.collectedOn, 'collectedOn', '收集日期')!);
      if (input.closedOn !== undefined) change.set(row, 'closedOn', optionalDay(input.closedOn, 'closedOn', '办结日期'));
      if (input.adopted !== undefined) change.set(row, 'adopted', input.adopted);
      assertDays(row);
    },
  ),
  withdrawResidentSuggestion: withdrawal(SUGGESTION_RECORD),
};
