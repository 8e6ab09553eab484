import { and, defineFigure, distinct, during, eq, flow, inList, raw, sql, type FigureDef } from '@district/subgraph-kit';
import type { VolunteerCategoryKind } from '../../generated/graphql';
import { NEED_LOOP, type NeedStatus } from './need.entity';

type Args = { category?: string | null; categoryKinds?: VolunteerCategoryKind[] | null };
const needs = { name: 'need', from: 'need n', place: 'n.community_code' };
const raised = flow('n.raised_on');
const byCategory = (a: Args) =>
  and(eq('n.category', a.category?.trim() || null), a.categoryKinds?.length ? inList('n.category_kind', a.categoryKinds) : undefined);

/** Needs raised in the period (the needs list, 需求清单), optionally of one category. */
export const needsRaised = defineFigure<Args>({ name: 'needs.raised', source: needs, period: raised, where: byCategory });

/** The day a need reached each step after being raised (null for needs the ledger brought in at that step). */
const STEP_DAY: Record<Exclude<NeedStatus, 'RAISED'>, string> = { CLAIMED: 'n.claimed_on', SERVED: 'n.served_on', CLOSED: 'n.closed_on' };

/**
 * Needs raised in the period that had reached `step` (or a later one) by its last day. Needs the
 * ledger brought in at a later step carry no day for it: their status alone says they got there.
 */
function reaching(step: Exclude<NeedStatus, 'RAISED'>): FigureDef<Args> {
  const day = raw(STEP_DAY[step]);
  const states = NEED_LOOP.states.slice(NEED_LOOP.states.indexOf(step));
  return defineFigure<Args>({
    name: `needs.reached.${step}`,
    source: needs,
    period: during((p) => and(raised(p), inList('n.status', states), sql`(${day} IS NULL OR ${day} <= ${p.to}::date)`)),
    where: byCategory,
  });
}

/** Needs raised in the period by the step of the loop they had reached by its end. */
export const needsReached: Record<NeedStatus, FigureDef<Args>> = {
  RAISED: needsRaised,
  CLAIMED: reaching('CLAIMED'),
  SERVED: reaching('SERVED'),
  CLOSED: reaching('CLOSED'),
};

/** Grids where a need was raised in the period. */
export const needsGrids = defineFigure({ name: 'needs.grids', source: needs, period: raised, aggregate: distinct('n.grid_code') });

/** Resources registered in the period (the resources list, 资源清单), optionally of one category. */
export const resourcesRegistered = defineFigure<{ category?: string | null }>({
  name: 'resources.registered',
  source: { name: 'resource', from: 'resource res', place: 'res.community_code' },
  period: flow('res.registered_on'),
  where: (a) => eq('res.category', a.category?.trim() || null),
});
