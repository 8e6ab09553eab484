import { and, defineFigure, eq, flow, raw } from '@district/subgraph-kit';
import type { SuggestionCategory } from './suggestion.entity';

type Args = { category?: SuggestionCategory | null };
const source = { name: 'suggestion', from: 'suggestion s', place: 's.community_code' };
const ofCategory = (a: Args) => eq('s.category', a.category);

/** Suggestions collected in the period. */
export const collected = defineFigure<Args>({ name: 'suggestions.collected', source, period: flow('s.collected_on'), where: ofCategory });

/** Suggestions closed (办结) in the period, whenever collected. */
export const closed = defineFigure<Args>({
  name: 'suggestions.closed',
  source,
  period: flow('s.closed_on'),
  where: (a) => and(raw(`s.status = 'CLOSED'`), ofCategory(a)),
});

/** Suggestions closed in the period and adopted (采纳). */
export const adopted = defineFigure<Args>({
  name: 'suggestions.adopted',
  source,
  period: flow('s.closed_on'),
  where: (a) => and(raw(`s.status = 'CLOSED' AND s.adopted`), ofCategory(a)),
});
