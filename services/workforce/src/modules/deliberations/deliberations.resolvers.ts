import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { DeliberationTopicFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Deliberation } from './deliberation.entity';
import { TOPIC_RECORD } from './deliberations.mutations';
import { topicCommunities, topicsRaised, topicsResolved } from './deliberations.figures';

const TOPICS: ListSpec<Deliberation> = {
  entity: Deliberation,
  table: 'deliberation',
  place: 'community_code',
  sortColumns: { ID: 't.number', RAISED_ON: 't.raised_on', CLOSED_ON: 't.closed_on' },
  defaultOrder: 't.id',
};

function topicList(ctx: RequestContext, prefix: string, args: ListArgs<DeliberationTopicFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    eq('t.method', f.method?.trim() || null),
    eq('t.method_kind', f.methodKind),
    eq('t.status', f.status),
    f.raisedFrom ? sql`t.raised_on >= ${f.raisedFrom}::date` : undefined,
    f.raisedTo ? sql`t.raised_on <= ${f.raisedTo}::date` : undefined,
  );
  return listUnder(ctx, TOPICS, prefix, filter, args);
}

export const deliberationResolvers: Resolvers = {
  Query: {
    deliberationTopic: async (_, { id }, ctx) =>
      visible(ctx, await byKey<Deliberation>(ctx, Deliberation, 'id').load(await recordId(ctx, id)), (d) => d.communityCode),
    deliberationTopics: (_, args, ctx) => topicList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    deliberationTopics: (r, args, ctx) => topicList(ctx, listPrefix(ctx, r.code), args),
  },
  DeliberationTopic: {
    community: async (d, _, ctx) => (await regionByCode(ctx, d.communityCode))!,
    history: historyField(TOPIC_RECORD),
  },
  WorkforceFigures: {
    deliberations: (n, a, ctx) => yearOnYear(ctx, topicsRaised, a, n.code),
    deliberationsResolved: (n, a, ctx) => yearOnYear(ctx, topicsResolved, a, n.code),
    deliberationCommunities: (n, a, ctx) => yearOnYear(ctx, topicCommunities, a, n.code),
  },
};
