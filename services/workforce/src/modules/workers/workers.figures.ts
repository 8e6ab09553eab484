import { regionFigure, type Period, type RequestContext } from '@district/common';
import type { Sql } from '../../list';
import type { WorkerRole, WorkerTier } from './worker.entity';

/** A post counts on a day from its first day up to (not including) the day it ended. */
const IN_POST = `p.from_on <= ? AND (p.to_on IS NULL OR p.to_on > ?)`;

/** Workers in post under each node on the period's stock day, optionally of one role and tier. */
export function headCount(ctx: RequestContext, code: string, p: Period, role?: WorkerRole | null, tier?: WorkerTier | null) {
  return regionFigure(ctx, `workers:${p.asOf}:${role ?? ''}:${tier ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, count(DISTINCT p.worker_id) AS value FROM ${regions}
           LEFT JOIN worker_post p ON p.community_code LIKE r.prefix || '%' AND ${IN_POST}
             AND (?::text IS NULL OR p.role = ?) AND (?::text IS NULL OR p.tier = ?)
           GROUP BY r.code`,
    params: [p.asOf, p.asOf, role ?? null, role ?? null, tier ?? null, tier ?? null],
  }));
}

/** Grids (existing on the day) under each node that no grid worker was in post for on that day. */
export function gridsWithoutWorkerCount(ctx: RequestContext, code: string, p: Period) {
  const unstaffed = gridUnstaffed('g', p.asOf);
  return regionFigure(ctx, `gridsWithoutWorker:${p.asOf}`, code, (regions) => ({
    text: `SELECT r.code, count(g.code) AS value FROM ${regions}
           LEFT JOIN grid g ON g.community_code LIKE r.prefix || '%' AND ${unstaffed.text}
           GROUP BY r.code`,
    params: unstaffed.params,
  }));
}

/** A grid (table alias `g`) that exists on the day and has no grid worker in post that day. */
export function gridUnstaffed(g: string, day: string): Sql {
  return {
    text: `(${g}.established_on IS NULL OR ${g}.established_on <= ?) AND (${g}.abolished_on IS NULL OR ${g}.abolished_on > ?)
      AND NOT EXISTS (SELECT 1 FROM worker_post p WHERE p.grid_code = ${g}.code AND p.role = 'GRID_WORKER' AND ${IN_POST})`,
    params: [day, day, day, day],
  };
}

/** Workers in post under each node on the day, and how many of them hold a certificate obtained by then. */
export function certifiedWorkers(
  ctx: RequestContext,
  code: string,
  p: Period,
  role: WorkerRole | null | undefined,
  part: 'certified' | 'all',
) {
  const certified =
    part === 'certified' ? `AND EXISTS (SELECT 1 FROM certificate c WHERE c.person_id = w.person_id AND c.obtained_on <= ?)` : '';
  return regionFigure(ctx, `certifiedWorkers:${part}:${p.asOf}:${role ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, count(DISTINCT w.id) AS value FROM ${regions}
           LEFT JOIN (worker_post p JOIN worker w ON w.id = p.worker_id)
             ON p.community_code LIKE r.prefix || '%' AND ${IN_POST} AND (?::text IS NULL OR p.role = ?) ${certified}
           GROUP BY r.code`,
    params: [p.asOf, p.asOf, role ?? null, role ?? null, ...(part === 'certified' ? [p.asOf] : [])],
  }));
}
