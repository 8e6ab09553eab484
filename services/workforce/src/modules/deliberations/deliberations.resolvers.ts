import {
  assertCanWrite,
  audited,
  badInput,
  conflict,
  countFigure,
  inScope,
  normaliseRegionCode,
  notFound,
  periodOf,
  previousPeriod,
  type RequestContext,
} from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFuture, required } from '../../input';
import { listPrefix } from '@district/common';
import { allOf, eq, pageUnder, rowById, sql, type ListArgs, type ListSpec } from '../../list';
import { Region } from '../regions/region.entity';
import { regionByCode } from '../regions/regions.resolvers';
import { Deliberation, type DeliberationStatus } from './deliberation.entity';
import { deliberationCount } from './deliberations.figures';

const TOPICS: ListSpec<Deliberation> = {
  entity: Deliberation,
  table: 'deliberation',
  regionColumn: 'community_code',
  sortColumns: { ID: 't.id', RAISED_ON: 't.raised_on', CLOSED_ON: 't.closed_on' },
  defaultOrder: 't.id',
};

interface TopicFilter {
  regionCode?: string;
  method?: string;
  status?: DeliberationStatus;
  raisedFrom?: string;
  raisedTo?: string;
}
type TopicArgs = ListArgs<TopicFilter>;
interface RaiseInput {
  id?: string | null;
  communityCode: string;
  title: string;
  method: string;
  raisedOn: string;
}
type FigureArgs = { year: number; asOf?: string | null; method?: string | null };

function topicList(ctx: RequestContext, prefix: string, args: TopicArgs) {
  const f = args.filter ?? {};
  const filter = allOf([
    eq('t.method', f.method?.trim()),
    eq('t.status', f.status),
    f.raisedFrom ? sql('t.raised_on >= ?', f.raisedFrom) : undefined,
    f.raisedTo ? sql('t.raised_on <= ?', f.raisedTo) : undefined,
  ]);
  return pageUnder(ctx, TOPICS, prefix, filter, args);
}

/** Numbers follow the ledger's pattern YS<year><4 digits>, continuing the year's highest. */
async function nextTopicId(em: EntityManager, raisedOn: string): Promise<string> {
  const prefix = `YS${raisedOn.slice(0, 4)}`;
  const [row] = await em
    .getConnection()
    .execute(`SELECT max(substring(id from ${prefix.length + 1})::int) AS n FROM deliberation WHERE id ~ ?`, [`^${prefix}[0-9]{4}$`]);
  return `${prefix}${String(Number(row?.n ?? 0) + 1).padStart(4, '0')}`;
}

/** Moves a topic one step along raised → handling → closed, on a day not before the previous step. */
async function advance(
  ctx: RequestContext,
  em: EntityManager,
  id: string,
  from: DeliberationStatus,
  to: DeliberationStatus,
  day: string,
  field: string,
) {
  const topic = await em.findOne(Deliberation, { id });
  if (!topic) throw notFound(`议题不存在：${id} / no such topic`);
  assertCanWrite(ctx.caller, 'workforce', topic.communityCode);
  if (topic.status !== from) throw conflict(`议题当前状态为 ${topic.status}，不能转为 ${to} / a ${topic.status} topic cannot become ${to}`);
  notFuture(day, field, '日期');
  const previous = topic.handledOn ?? topic.raisedOn;
  if (day < previous) throw badInput(`日期不能早于 ${previous} / ${field} cannot be before ${previous}`, field);
  topic.status = to;
  if (to === 'HANDLING') topic.handledOn = day;
  else topic.closedOn = day;
  return topic;
}

export const deliberationResolvers = {
  Query: {
    deliberationTopic: async (_: unknown, { id }: { id: string }, ctx: RequestContext) => {
      const topic = await rowById(ctx, Deliberation, id);
      return topic && inScope(ctx.caller, topic.communityCode) ? topic : null;
    },
    deliberationTopics: (_: unknown, args: TopicArgs, ctx: RequestContext) =>
      topicList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Mutation: {
    raiseDeliberationTopic: (_: unknown, { input }: { input: RaiseInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'raiseDeliberationTopic',
        input,
        async (em) => {
          const communityCode = normaliseRegionCode(required(input.communityCode, 'communityCode', '所属社区'));
          assertCanWrite(ctx.caller, 'workforce', communityCode);
          const title = required(input.title, 'title', '议题名称');
          const method = required(input.method, 'method', '议事方法');
          notFuture(input.raisedOn, 'raisedOn', '提出日期');
          if (!(await em.findOne(Region, { code: communityCode, level: 'COMMUNITY' }))) {
            throw badInput(`社区不存在：${communityCode} / no such community`, 'communityCode');
          }
          const id = input.id?.trim() || (await nextTopicId(em, input.raisedOn));
          if (await em.findOne(Deliberation, { id })) throw conflict(`议题编号 ${id} 已存在 / topic number already in use`);
          return em.create(Deliberation, {
            id,
            communityCode,
            title,
            method,
            raisedOn: input.raisedOn,
            handledOn: null,
            closedOn: null,
            status: 'RAISED',
          });
        },
        (d) => `DeliberationTopic:${d.id}`,
      ),
    handleDeliberationTopic: (_: unknown, args: { id: string; handledOn: string }, ctx: RequestContext) =>
      audited(
        ctx,
        'handleDeliberationTopic',
        args,
        (em) => advance(ctx, em, args.id, 'RAISED', 'HANDLING', args.handledOn, 'handledOn'),
        (d) => `DeliberationTopic:${d.id}`,
      ),
    closeDeliberationTopic: (_: unknown, args: { id: string; closedOn: string }, ctx: RequestContext) =>
      audited(
        ctx,
        'closeDeliberationTopic',
        args,
        (em) => advance(ctx, em, args.id, 'HANDLING', 'CLOSED', args.closedOn, 'closedOn'),
        (d) => `DeliberationTopic:${d.id}`,
      ),
  },
  Region: {
    deliberationTopics: (r: Region, args: TopicArgs, ctx: RequestContext) => topicList(ctx, listPrefix(ctx, r.code), args),
  },
  DeliberationTopic: {
    community: (d: Deliberation, _: unknown, ctx: RequestContext) => regionByCode(ctx, d.communityCode),
  },
  WorkforceFigures: {
    deliberations: (n: { code: string }, a: FigureArgs, ctx: RequestContext) => figure(ctx, n.code, a, 'raised'),
    deliberationsResolved: (n: { code: string }, a: FigureArgs, ctx: RequestContext) => figure(ctx, n.code, a, 'resolved'),
    deliberationCommunities: (n: { code: string }, a: FigureArgs, ctx: RequestContext) => figure(ctx, n.code, a, 'communities'),
  },
};

async function figure(ctx: RequestContext, code: string, a: FigureArgs, what: 'raised' | 'resolved' | 'communities') {
  const now = periodOf(a.year, a.asOf);
  const method = a.method?.trim() || null;
  return countFigure(
    await deliberationCount(ctx, code, now, method, what),
    await deliberationCount(ctx, code, previousPeriod(now), method, what),
  );
}
