import { and, defineFigure, eq, flow, raw, type FigureDef } from '@district/subgraph-kit';
import type { RecognitionLevel } from '../recognitions/recognition.entity';
import type { ApplicationStage, DemonstrationKind } from './demonstration-application.entity';

type Args = { kind?: DemonstrationKind | null; level?: RecognitionLevel | null };
const source = { name: 'demonstration-application', from: 'demonstration_application d', place: 'd.community_code' };
const where = (a: Args) => and(eq('d.kind', a.kind), eq('d.level', a.level));

/**
 * Applications that reached a stage in the period, by the day of that step: applied, pre-inspected,
 * peer-reviewed (whatever came after), granted or rejected.
 */
export const applicationsReaching: Record<ApplicationStage, FigureDef<Args>> = {
  APPLIED: defineFigure<Args>({ name: 'demonstrations.applied', source, period: flow('d.applied_on'), where }),
  PRE_INSPECTED: defineFigure<Args>({ name: 'demonstrations.preInspected', source, period: flow('d.pre_inspected_on'), where }),
  PEER_REVIEWED: defineFigure<Args>({ name: 'demonstrations.peerReviewed', source, period: flow('d.peer_reviewed_on'), where }),
  GRANTED: defineFigure<Args>({
    name: 'demonstrations.granted',
    source,
    period: flow('d.decided_on'),
    where: (a) => and(raw(`d.stage = 'GRANTED'`), where(a)),
  }),
  REJECTED: defineFigure<Args>({
    name: 'demonstrations.rejected',
    source,
    period: flow('d.decided_on'),
    where: (a) => and(raw(`d.stage = 'REJECTED'`), where(a)),
  }),
};
