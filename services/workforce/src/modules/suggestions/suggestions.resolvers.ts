import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  rateYearOnYear,
  raw,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, ResidentSuggestionFilter } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { Suggestion } from './suggestion.entity';
import { SUGGESTION_RECORD } from './suggestions.mutations';
import { adopted, closed, collected } from './suggestions.figures';

const SUGGESTIONS: ListSpec<Suggestion> = {
  entity: Suggestion,
  table: 'suggestion',
  place: 'community_code',
  sortColumns: { ID: 't.number', COLLECTED_ON: 't.collected_on', CLOSED_ON: 't.closed_on' },
  defaultOrder: 't.id',
};

const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);

/** Suggestions under a node; the collected and closed windows are the ones the figures count. */
function suggestionList(ctx: RequestContext, prefix: string, args: ListArgs<ResidentSuggestionFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    SUGGESTIONS,
    prefix,
    and(
      eq('t.category', f.category),
      eq('t.status', f.status),
      f.adopted === true ? raw('t.adopted') : f.adopted === false ? raw('t.adopted = false') : undefined,
      between('t.collected_on', f.collectedFrom, f.collectedTo),
      between('t.closed_on', f.closedFrom, f.closedTo),
    ),
    args,
  );
}

export const suggestionResolvers: Resolvers = {
  Query: {
    residentSuggestion: async (_, { id }, ctx) =>
      visible(ctx, await byKey<Suggestion>(ctx, Suggestion, 'id').load(await recordId(ctx, id)), (s) => s.communityCode),
    residentSuggestions: (_, args, ctx) => suggestionList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    residentSuggestions: (r, args, ctx) => suggestionList(ctx, listPrefix(ctx, r.code), args),
  },
  ResidentSuggestion: {
    community: async (s, _, ctx) => (await regionByCode(ctx, s.communityCode))!,
    compound: (s, _, ctx) => (s.compoundId ? byKey<Compound>(ctx, Compound, 'id').load(s.compoundId) : null),
    adopted: (s) => s.adopted ?? null,
    history: historyField(SUGGESTION_RECORD),
  },
  GovernanceFigures: {
    suggestionsCollected: (n, a, ctx) => yearOnYear(ctx, collected, a, n.code),
    suggestionsClosed: (n, a, ctx) => yearOnYear(ctx, closed, a, n.code),
    suggestionsAdopted: (n, a, ctx) => yearOnYear(ctx, adopted, a, n.code),
    suggestionAdoptionRate: (n, a, ctx) => rateYearOnYear(ctx, adopted, closed, a, n.code),
    suggestionClosureRate: (n, a, ctx) => rateYearOnYear(ctx, closed, collected, a, n.code),
  },
};
