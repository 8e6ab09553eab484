import { and, defineFigure, distinct, eq, flow, raw } from '@district/subgraph-kit';
import type { TrainingAudience, TrainingType } from './training.entity';

type Args = { type?: TrainingType | null; audience?: TrainingAudience | null };

/** Attendance where the worker served at the time, of sessions starting in the window; absences never count. */
const attended = {
  name: 'training-attendance',
  from: 'training_attendance a JOIN training t ON t.id = a.training_id',
  place: 'a.community_code',
};
const narrowed = (a: Args) => and(raw(`a.status = 'PRESENT'`), eq('t.type', a.type), eq('t.audience', a.audience));

/** Sessions starting in the period attended by the node's workers. */
export const trainingSessions = defineFigure<Args>({
  name: 'trainings.sessions',
  source: attended,
  period: flow('t.start_on'),
  aggregate: distinct('t.id'),
  where: narrowed,
});

/** Person-times: a worker signed in at a session counts once (two sign-in rows are one person-time). */
export const trainingPersonTimes = defineFigure<Args>({
  name: 'trainings.personTimes',
  source: attended,
  period: flow('t.start_on'),
  aggregate: distinct(`a.training_id || '|' || a.worker_id`),
  where: narrowed,
});
