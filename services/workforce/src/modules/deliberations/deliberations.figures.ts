import { and, defineFigure, distinct, during, eq, flow, raw, sql } from '@district/subgraph-kit';
import type { DeliberationMethodKind } from './methods';

type Args = { method?: string | null; methodKind?: DeliberationMethodKind | null };
const topics = { name: 'deliberation', from: 'deliberation d', place: 'd.community_code' };
const byMethod = (a: Args) => and(eq('d.method', a.method?.trim() || null), eq('d.method_kind', a.methodKind));

/** Topics raised in the period. */
export const topicsRaised = defineFigure<Args>({
  name: 'deliberations.raised',
  source: topics,
  period: flow('d.raised_on'),
  where: byMethod,
});

/** Topics resolved: closed in the period, whenever raised. */
export const topicsResolved = defineFigure<Args>({
  name: 'deliberations.resolved',
  source: topics,
  period: during((p) => and(raw(`d.status = 'CLOSED'`), sql`d.closed_on BETWEEN ${p.from}::date AND ${p.to}::date`)),
  where: byMethod,
});

/** Communities that raised a topic in the period. */
export const topicCommunities = defineFigure<Args>({
  name: 'deliberations.communities',
  source: topics,
  period: flow('d.raised_on'),
  aggregate: distinct('d.community_code'),
  where: byMethod,
});
