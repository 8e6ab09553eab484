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

/** Sessions starting in the period organised by the node's offices (主办), wherever the attendees serve. */
export const trainingsOrganised = defineFigure<Args>({
  name: 'trainings.organised',
  source: { name: 'training-organised', from: 'training t', place: 't.organiser_code' },
  period: flow('t.start_on'),
  where: (a) => and(eq('t.type', a.type), eq('t.audience', a.audience)),
});

/** Person-times at the sessions the node's offices organised. */
export const organisedPersonTimes = defineFigure<Args>({
  name: 'trainings.organisedPersonTimes',
  source: {
    name: 'training-organised-attendance',
    from: 'training_attendance a JOIN training t ON t.id = a.training_id',
    place: 't.organiser_code',
  },
  period: flow('t.start_on'),
  aggregate: distinct(`a.training_id || '|' || a.worker_id`),
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
