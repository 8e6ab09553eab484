import { regionFigure, type Period, type RequestContext } from '@district/common';
import type { ExamResult, SocialWorkLevel } from './certification.entity';

/** Registrations of the exam year under each node, optionally only those with a result. */
export function examCount(ctx: RequestContext, code: string, year: number, level?: SocialWorkLevel | null, result?: ExamResult) {
  return regionFigure(ctx, `exam:${year}:${level ?? ''}:${result ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, count(e.id) AS value FROM ${regions}
           LEFT JOIN exam_registration e ON e.region_code LIKE r.prefix || '%' AND e.exam_year = ?
             AND (?::text IS NULL OR e.level = ?) AND (?::text IS NULL OR e.result = ?)
           GROUP BY r.code`,
    params: [year, level ?? null, level ?? null, result ?? null, result ?? null],
  }));
}

/**
 * Certificates obtained on or before the stock day under each node: `certificates` counts
 * certificates, `holders` distinct persons (one person with two certificates is one holder).
 */
export function certificateCount(
  ctx: RequestContext,
  code: string,
  p: Period,
  level: SocialWorkLevel | null | undefined,
  what: 'certificates' | 'holders',
) {
  const counted = what === 'holders' ? 'count(DISTINCT c.person_id)' : 'count(c.id)';
  return regionFigure(ctx, `certificates:${what}:${p.asOf}:${level ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, ${counted} AS value FROM ${regions}
           LEFT JOIN certificate c ON c.region_code LIKE r.prefix || '%' AND c.obtained_on <= ? AND (?::text IS NULL OR c.level = ?)
           GROUP BY r.code`,
    params: [p.asOf, level ?? null, level ?? null],
  }));
}
