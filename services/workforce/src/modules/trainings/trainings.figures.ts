import { and, defineFigure, distinct, during, eq, flow, raw, sql, sum } from '@district/subgraph-kit';
import type { WorkerRole, WorkerTier } from '../workers/worker.entity';
import { bornIn, inPost, type Cohort } from '../workers/workers.figures';
import type { TrainingAudience, TrainingType } from './training.entity';

type Args = {
  type?: TrainingType | null;
  audience?: TrainingAudience | null;
  programme?: string | null;
  /** the attendee's role and tier (梯队) in the post held on the session's first day */
  role?: WorkerRole | null;
  tier?: WorkerTier | null;
} & Cohort;

/** The attendee (a.worker_id) held a post of the role and tier on the session's (t) first day. */
const attendeeHeld = (a: Args) =>
  a.role || a.tier
    ? sql`EXISTS (SELECT 1 FROM worker_post wp WHERE wp.worker_id = a.worker_id AND wp.withdrawn_on IS NULL
        AND wp.from_on <= t.start_on AND (wp.to_on IS NULL OR wp.to_on > t.start_on) AND ${and(eq('wp.role', a.role), eq('wp.tier', a.tier))})`
    : undefined;

/** Attendance where the worker served at the time, of sessions starting in the window; absences never count. */
const attended = {
  name: 'training-attendance',
  from: 'training_attendance a JOIN training t ON t.id = a.training_id',
  place: 'a.community_code',
};
const narrowed = (a: Args) =>
  and(
    raw(`a.status = 'PRESENT'`),
    eq('t.type', a.type),
    eq('t.audience', a.audience),
    eq('t.programme', a.programme),
    attendeeHeld(a),
    bornIn('a.worker_id', a),
  );

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
  where: (a) => and(eq('t.type', a.type), eq('t.audience', a.audience), eq('t.programme', a.programme)),
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

/**
 * Headcount (人次) recorded on the sessions the node's offices organised for audiences who are not
 * workers (物业服务人员): their person-times, as trainingOrganisedPersonTimes is for workers.
 */
export const organisedParticipants = defineFigure<Args>({
  name: 'trainings.organisedParticipants',
  source: { name: 'training-organised', from: 'training t', place: 't.organiser_code' },
  period: flow('t.start_on'),
  aggregate: sum('coalesce(t.participants, 0)'),
  where: (a) => and(eq('t.type', a.type), eq('t.audience', a.audience), eq('t.programme', a.programme)),
});

/** Person-times: a worker signed in at a session counts once (two sign-in rows are one person-time). */
export const trainingPersonTimes = defineFigure<Args>({
  name: 'trainings.personTimes',
  source: attended,
  period: flow('t.start_on'),
  aggregate: distinct(`a.training_id || '|' || a.worker_id`),
  where: narrowed,
});

/**
 * Training coverage (全员培训, 梯队培训): workers in post on asOf, of the role and tier their post
 * that day says, who signed in at a session starting in the period (of the type or programme
 * given), wherever the session was organised. The rate's denominator is workers in post
 * (workersInPost) of the same role and tier, so "三委成员全域培训" or "头雁梯队全覆盖" reads as
 * trained ÷ in post.
 */
export const trainedWorkers = defineFigure<Args>({
  name: 'trainings.trainedWorkers',
  source: {
    name: 'worker-post-attendance',
    from: 'worker_post p JOIN training_attendance a ON a.worker_id = p.worker_id JOIN training t ON t.id = a.training_id',
    place: 'p.community_code',
  },
  period: during((p) => and(inPost(p), sql`t.start_on BETWEEN ${p.from}::date AND ${p.to}::date`)),
  aggregate: distinct('p.worker_id'),
  where: (a) =>
    and(
      raw(`a.status = 'PRESENT'`),
      eq('t.type', a.type),
      eq('t.audience', a.audience),
      eq('t.programme', a.programme),
      eq('p.role', a.role),
      eq('p.tier', a.tier),
      bornIn('p.worker_id', a),
    ),
});
