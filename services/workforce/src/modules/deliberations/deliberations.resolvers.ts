import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, globalId, notFound } from '@district/common';
import {
  and,
  assertStep,
  audited,
  byKey,
  defineLoop,
  eq,
  eventDay,
  listPrefix,
  listUnder,
  localNumberOf,
  nextNumber,
  recordId,
  regionCodeOf,
  requiredText,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { DeliberationTopicFilter, Resolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { regionByCode } from '../regions/regions.resolvers';
import { Deliberation, type DeliberationStatus } from './deliberation.entity';
import { topicCommunities, topicsRaised, topicsResolved } from './deliberations.figures';

const TOPICS: ListSpec<Deliberation> = {
  entity: Deliberation,
  table: 'deliberation',
  place: 'community_code',
  sortColumns: { ID: 't.number', RAISED_ON: 't.raised_on', CLOSED_ON: 't.closed_on' },
  defaultOrder: 't.id',
};

/** 议题 raised → in hand → closed, one step at a time. */
export const TOPIC_LOOP = defineLoop<DeliberationStatus>({
  states: ['RAISED', 'HANDLING', 'CLOSED'],
  labels: { RAISED: '已提出', HANDLING: '办理中', CLOSED: '已办结' },
  what: '议题',
});

function topicList(ctx: RequestContext, prefix: string, args: ListArgs<DeliberationTopicFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    eq('t.method', f.method?.trim() || null),
    eq('t.status', f.status),
    f.raisedFrom ? sql`t.raised_on >= ${f.raisedFrom}::date` : undefined,
    f.raisedTo ? sql`t.raised_on <= ${f.raisedTo}::date` : undefined,
  );
  return listUnder(ctx, TOPICS, prefix, filter, args);
}

/** Moves a topic one step along raised → in hand → closed, on a day not before the previous step. */
async function advance(ctx: RequestContext, em: EntityManager, given: string, to: DeliberationStatus, day: string, field: string) {
  const topic = await em.findOne(Deliberation, { id: await recordId(ctx, given) });
  if (!topic) throw notFound(`议题不存在：${given} / no such topic`, 'id');
  assertCanWrite(ctx.caller, 'workforce', topic.communityCode);
  assertStep(TOPIC_LOOP, topic.status, to);
  const on = eventDay(day, field, '日期', { day: topic.handledOn ?? topic.raisedOn, after: '上一步的日期' });
  topic.status = to;
  if (to === 'HANDLING') topic.handledOn = on;
  else topic.closedOn = on;
  return topic;
}

export const deliberationResolvers: Resolvers = {
  Query: {
    deliberationTopic: async (_, { id }, ctx) =>
      visible(ctx, await byKey<Deliberation>(ctx, Deliberation, 'id').load(await recordId(ctx, id)), (d) => d.communityCode),
    deliberationTopics: (_, args, ctx) => topicList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Mutation: {
    raiseDeliberationTopic: (_, { input }, ctx) =>
      audited(
        ctx,
        'raiseDeliberationTopic',
        input,
        async (em) => {
          const communityCode = regionCodeOf(input.communityCode, 'communityCode');
          assertCanWrite(ctx.caller, 'workforce', communityCode);
          const title = requiredText(input.title, 'title', '议题名称');
          const method = requiredText(input.method, 'method', '议事方法', 50);
          const raisedOn = eventDay(input.raisedOn, 'raisedOn', '提出日期');
          if (!(await em.findOne(Region, { code: communityCode, level: 'COMMUNITY' }))) {
            throw badInput(`社区不存在：${communityCode} / no such community`, 'communityCode');
          }
          const district = districtOf(communityCode);
          // numbers follow the ledger's pattern YS<year><4 digits>, continuing the year's highest
          const number = input.id
            ? localNumberOf(input.id, 'id', '议题编号')
            : await nextNumber(em, { table: 'deliberation', column: 'number', district, prefix: `YS${raisedOn.slice(0, 4)}`, width: 4 });
          const id = globalId(district, number);
          if (await em.findOne(Deliberation, { id })) throw conflict(`议题编号 ${number} 已存在 / topic number already in use`, 'id');
          return em.create(Deliberation, {
            id,
            districtCode: district,
            number,
            communityCode,
            title,
            method,
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
  },
  Region: {
    deliberationTopics: (r, args, ctx) => topicList(ctx, listPrefix(ctx, r.code), args),
  },
  DeliberationTopic: {
    community: async (d, _, ctx) => (await regionByCode(ctx, d.communityCode))!,
  },
  WorkforceFigures: {
    deliberations: (n, a, ctx) => yearOnYear(ctx, topicsRaised, a, n.code),
    deliberationsResolved: (n, a, ctx) => yearOnYear(ctx, topicsResolved, a, n.code),
    deliberationCommunities: (n, a, ctx) => yearOnYear(ctx, topicCommunities, a, n.code),
  },
};
