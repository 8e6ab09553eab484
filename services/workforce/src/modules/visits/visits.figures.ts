import { defineFigure, distinct, eq, flow, sum } from '@district/subgraph-kit';
import type { VisitKind } from './visit.entity';

type Args = { kind?: VisitKind | null };
const source = { name: 'household-visit', from: 'household_visit v', place: 'v.community_code' };
const period = flow('v.visited_on');
const where = (a: Args) => eq('v.kind', a.kind);
const total = (name: string, column: string) =>
  defineFigure<Args>({ name: `visits.${name}`, source, period, aggregate: sum(`v.${column}`), where });

/** Rounds of visits in the period. */
export const visits = defineFigure<Args>({ name: 'visits.count', source, period, where });
/** Households reached (as each round reports them: a household visited twice counts twice). */
export const visitHouseholds = total('households', 'households');
export const visitEnterprises = total('enterprises', 'enterprises');
export const visitNeedsFound = total('needsFound', 'needs_found');
export const visitNeedsSolved = total('needsSolved', 'needs_solved');
export const visitTalents = total('talents', 'talents_found');
/** Communities that held a round in the period. */
export const visitingCommunities = defineFigure<Args>({
  name: 'visits.communities',
  source,
  period,
  aggregate: distinct('v.community_code'),
  where,
});
