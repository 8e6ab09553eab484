import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  notFuture,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectDeliberationTopicInput, MutationResolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { Deliberation, type DeliberationStatus } from './deliberation.entity';
import { methodKindOf } from './methods';

const DEPARTMENT = 'workforce';

/** 议题 raised → in hand → closed, one step at a time. */
export const TOPIC_LOOP = defineLoop<DeliberationStatus>({
  states: ['RAISED', 'HANDLING', 'CLOSED'],
  labels: { RAISED: '已提出', HANDLING: '办理中', CLOSED: '已办结' },
  what: '议题',
});

export const TOPIC_RECORD = defineRecord<Deliberation>({
  type: 'DeliberationTopic',
  entity: Deliberation,
  label: ['议题', 'deliberation topic'],
  owner: DEPARTMENT,
  placeOf: (d) => d.communityCode,
  idOf: (d) => d.id,
});

async function communityOf(em: EntityManager, raw: string, field: string): Promise<string> {
  const code = regionCodeOf(raw, field);
  if (!(await em.findOne(Region, { code, level: 'COMMUNITY' }))) throw badInput(`社区不存在：${code} / no such community`, field);
  return code;
}

/** Moves a topic one step along raised → in hand → closed, on a day not before the previous step. */
async function advance(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  to: DeliberationStatus,
  day: string | null | undefined,
  field: string,
) {
  const topic = await recordToChange(ctx, em, TOPIC_RECORD, given);
  assertStep(TOPIC_LOOP, topic.status, to);
  const on = eventDay(day, field, '日期', { day: topic.handledOn ?? topic.raisedOn, after: '上一步的日期' });
  topic.status = to;
  if (to === 'HANDLING') topic.handledOn = on;
  else topic.closedOn = on;
  return topic;
}

/** A topic's days follow its loop: raised ≤ taken up ≤ closed, each only once the topic got there, none in the future. */
function assertTopicDays(t: Deliberation): void {
  if (t.handledOn && t.status === 'RAISED') throw badInput('议题尚未转入办理 / the topic was not taken up', 'handledOn');
  if (t.closedOn && t.status !== 'CLOSED') throw badInput('议题尚未办结 / the topic is not closed', 'closedOn');
  if (t.handledOn && t.handledOn < t.raisedOn) throw badInput('转入办理日期早于提出日期 / taken up before it was raised', 'handledOn');
  if (t.closedOn && t.closedOn < (t.handledOn ?? t.raisedOn))
    throw badInput('办结日期早于上一步 / closed before the step before', 'closedOn');
}

export const deliberationMutations: MutationResolvers = {
  raiseDeliberationTopic: (_, { input }, ctx) =>
    audited(
      ctx,
      'raiseDeliberationTopic',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const title = requiredText(input.title, 'title', '议题名称');
        const method = requiredText(input.method, 'method', '议事方法', 50);
        const raisedOn = eventDay(input.raisedOn, 'raisedOn', '提出日期');
        await communityOf(em, communityCode, 'communityCode');
        const district = districtOf(communityCode);
        // numbers follow the ledger's pattern YS<year><4 digits>, continuing the year's highest
        const { id, number } = await newRecordKey(em, Deliberation, {
          given: input.id,
          label: '议题编号',
          table: 'deliberation',
          district,
          prefix: `YS${raisedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Deliberation, {
          id,
          districtCode: district,
          number,
          communityCode,
          title,
          method,
          methodKind: input.methodKind ?? methodKindOf(method),
          raisedOn,
          handledOn: null,
          closedOn: null,
          status: 'RAISED',
        });
      },
      (d) => `DeliberationTopic:${d.id}`,
    ),
  handleDeliberationTopic: (_, args, ctx) =>
    audited(
      ctx,
      'handleDeliberationTopic',
      args,
      (em) => advance(ctx, em, args.id, 'HANDLING', args.handledOn, 'handledOn'),
      (d) => `DeliberationTopic:${d.id}`,
    ),
  closeDeliberationTopic: (_, args, ctx) =>
    audited(
      ctx,
      'closeDeliberationTopic',
      args,
      (em) => advance(ctx, em, args.id, 'CLOSED', args.closedOn, 'closedOn'),
      (d) => `DeliberationTopic:${d.id}`,
    ),
  correctDeliberationTopic: correction<Deliberation, CorrectDeliberationTopicInput>(TOPIC_RECORD, async ({ em, row, change }, input) => {
    if (input.communityCode) {
      const code = await communityOf(em, input.communityCode, 'communityCode');
      if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
      change.set(row, 'communityCode', code);
    }
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '议题名称'));
    if (input.method !== undefined) change.set(row, 'method', requiredText(input.method, 'method', '议事方法', 50));
    // a new text brings its own kind unless a kind is given with it
    if (input.methodKind) change.set(row, 'methodKind', input.methodKind);
    else if (input.method !== undefined) change.set(row, 'methodKind', methodKindOf(row.method));
    for (const [field, label] of [
      ['raisedOn', '提出日期'],
      ['handledOn', '转入办理日期'],
      ['closedOn', '办结日期'],
    ] as const) {
      const value = input[field];
      if (value === undefined || (field === 'raisedOn' && value === null)) continue;
      change.set(row, field, value === null ? null : notFuture(value, field, label));
    }
    assertTopicDays(row);
  }),
  withdrawDeliberationTopic: withdrawal(TOPIC_RECORD),
};
