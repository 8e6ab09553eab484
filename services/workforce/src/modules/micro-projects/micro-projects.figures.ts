import { and, defineFigure, distinct, eq, flow, inList, raw, sum } from '@district/subgraph-kit';
import type { FundingSource } from '../facilities/facility.entity';
import type { MicroProjectCategory, SupervisorKind } from './micro-project.entity';

type Args = { category?: MicroProjectCategory | null; sources?: FundingSource[] | null; unit?: string | null };
const source = { name: 'micro-project', from: 'micro_project m', place: 'm.community_code' };
const where = (a: Args) => and(eq('m.category', a.category), a.sources?.length ? inList('m.funding_source', a.sources) : undefined);
const done = (a: Args) => and(raw(`m.status = 'COMPLETED'`), where(a));

/** Works started in the period. */
export const microStarted = defineFigure<Args>({ name: 'micro.started', source, period: flow('m.started_on'), where });
/** Works completed in the period. */
export const microCompleted = defineFigure<Args>({ name: 'micro.completed', source, period: flow('m.completed_on'), where: done });
/** Households benefiting from the works completed in the period. */
export const microHouseholds = defineFigure<Args>({
  name: 'micro.households',
  source,
  period: flow('m.completed_on'),
  aggregate: sum('m.households'),
  where: done,
});
/** Quantity (in one unit: 米, 个 …) of the works completed in the period. */
export const microQuantity = defineFigure<Args>({
  name: 'micro.quantity',
  source,
  period: flow('m.completed_on'),
  aggregate: sum('coalesce(m.quantity, 0)'),
  where: (a) => and(done(a), eq('m.unit', a.unit?.trim() || null)),
});
/** Funding (yuan) of the works started in the period, by source. */
export const microFunding = defineFigure<Args>({
  name: 'micro.funding',
  source,
  period: flow('m.started_on'),
  aggregate: sum('coalesce(m.funding, 0)'),
  where,
});

type SupervisionArgs = { supervisorKinds?: SupervisorKind[] | null };
const supervisions = {
  name: 'micro-project-supervision',
  from: 'micro_project_supervision v JOIN micro_project m ON m.id = v.project_id',
  place: 'v.community_code',
};
const byKinds = (a: SupervisionArgs) => (a.supervisorKinds?.length ? inList('v.supervisor_kind', a.supervisorKinds) : undefined);
/** Supervisions (督单) held in the period, by the supervisor's kind. */
export const microSupervisions = defineFigure<SupervisionArgs>({
  name: 'micro.supervisions',
  source: supervisions,
  period: flow('v.supervised_on'),
  where: byKinds,
});
/** Works supervised at least once in the period. */
export const microSupervised = defineFigure<SupervisionArgs>({
  name: 'micro.supervised',
  source: supervisions,
  period: flow('v.supervised_on'),
  aggregate: distinct('v.project_id'),
  where: byKinds,
});
