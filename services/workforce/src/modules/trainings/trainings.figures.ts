import { regionFigure, type Period, type RequestContext } from '@district/common';
import { flowRange } from '../../list';
import type { TrainingAudience, TrainingType } from './training.entity';

/**
 * Sessions starting in the period attended by workers of each node, or person-times: a worker
 * signed in at a session counts once (two sign-in rows are one person-time), absences never.
 * Attendance sits where the worker served at the time.
 */
export function trainingCount(
  ctx: RequestContext,
  code: string,
  p: Period,
  type: TrainingType | null | undefined,
  audience: TrainingAudience | null | undefined,
  what: 'sessions' | 'personTimes',
) {
  const [from, to] = flowRange(p);
  const counted = what === 'sessions' ? 'count(DISTINCT t.id)' : `count(DISTINCT a.training_id || '|' || a.worker_id)`;
  return regionFigure(ctx, `training:${what}:${from}:${to}:${type ?? ''}:${audience ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, ${counted} AS value FROM ${regions}
           LEFT JOIN (training_attendance a JOIN training t ON t.id = a.training_id)
             ON a.community_code LIKE r.prefix || '%' AND a.status = 'PRESENT' AND t.start_on BETWEEN ? AND ?
             AND (?::text IS NULL OR t.type = ?) AND (?::text IS NULL OR t.audience = ?)
           GROUP BY r.code`,
    params: [from, to, type ?? null, type ?? null, audience ?? null, audience ?? null],
  }));
}
