import { badInput } from '@district/common';
import { and, defineFigure, distinct, during, eq, raw, sql, stock, wholeNumber, type Sql } from '@district/subgraph-kit';
import type { WorkerRole, WorkerTier } from './worker.entity';

/** A birth cohort in whole years, both ends included: 90后 is bornFrom 1990, bornTo 1999. */
export interface Cohort {
  bornFrom?: number | null;
  bornTo?: number | null;
}

/** The cohort a caller gave, checked (BAD_USER_INPUT naming bornFrom or bornTo). */
export function cohortOf<T extends Cohort>(a: T): T {
  if (a.bornFrom != null) wholeNumber(a.bornFrom, 'bornFrom', '出生年份起', 1900, 2100);
  if (a.bornTo != null) wholeNumber(a.bornTo, 'bornTo', '出生年份止', 1900, 2100);
  if (a.bornFrom != null && a.bornTo != null && a.bornFrom > a.bornTo)
    throw badInput('出生年份起晚于出生年份止 / bornFrom is after bornTo', 'bornFrom');
  return a;
}

/**
 * The worker in column `worker` was born in the cohort: the birth year is the person's, derived from
 * the ID number when it is stored (person.birth_year, a generated column), so no query parses an ID.
 */
export function bornIn(worker: string, a: Cohort): Sql | undefined {
  if (a.bornFrom == null && a.bornTo == null) return undefined;
  return sql`EXISTS (SELECT 1 FROM worker bw JOIN person bp ON bp.id = bw.person_id WHERE bw.id = ${raw(worker)} AND ${and(
    a.bornFrom != null ? sql`bp.birth_year >= ${a.bornFrom}` : undefined,
    a.bornTo != null ? sql`bp.birth_year <= ${a.bornTo}` : undefined,
  )})`;
}

/** A post counts on a day from its first day up to (not including) the day it ended. */
export const inPost = stock({ since: 'p.from_on', until: 'p.to_on', sinceRequired: true });

/** Workers in post on the stock day, optionally of one role and tier (where their post on that day says). */
export const workersInPost = defineFigure<{ role?: WorkerRole | null; tier?: WorkerTier | null } & Cohort>({
  name: 'workers.inPost',
  source: { name: 'worker-post', from: 'worker_post p', place: 'p.community_code' },
  period: inPost,
  aggregate: distinct('p.worker_id'),
  where: (a) => and(eq('p.role', a.role), eq('p.tier', a.tier), bornIn('p.worker_id', a)),
});

/** A grid (alias `g`) that exists on the day and has no grid worker in post that day. */
export function gridUnstaffed(g: string, day: string): Sql {
  return sql`(${raw(g)}.established_on IS NULL OR ${raw(g)}.established_on <= ${day}::date)
    AND (${raw(g)}.abolished_on IS NULL OR ${raw(g)}.abolished_on > ${day}::date)
    AND NOT EXISTS (SELECT 1 FROM worker_post p WHERE p.grid_code = ${raw(g)}.code AND p.role = 'GRID_WORKER' AND p.withdrawn_on IS NULL
      AND p.from_on <= ${day}::date AND (p.to_on IS NULL OR p.to_on > ${day}::date))`;
}

/** Grids (existing on the day) that no grid worker was in post for on that day. */
export const gridsWithoutWorker = defineFigure({
  name: 'workers.gridsWithoutWorker',
  source: { name: 'grid', from: 'grid g', place: 'g.community_code' },
  period: during((p) => gridUnstaffed('g', p.asOf)),
});

const certifiedBy = (day: string) =>
  sql`EXISTS (SELECT 1 FROM certificate c WHERE c.person_id = w.person_id AND c.obtained_on <= ${day}::date AND c.withdrawn_on IS NULL)`;

/** Workers in post on the day (the certification rate's denominator). */
export const workersForRate = defineFigure<{ role?: WorkerRole | null }>({
  name: 'workers.rateDenominator',
  source: { name: 'worker-post-worker', from: 'worker_post p JOIN worker w ON w.id = p.worker_id', place: 'p.community_code' },
  period: inPost,
  aggregate: distinct('w.id'),
  where: (a) => eq('p.role', a.role),
});

/** Workers in post on the day holding a certificate obtained by then (the rate's numerator). */
export const certifiedWorkers = defineFigure<{ role?: WorkerRole | null }>({
  name: 'workers.rateNumerator',
  source: workersForRate.source,
  period: during((p) => and(inPost(p), certifiedBy(p.asOf))),
  aggregate: distinct('w.id'),
  where: (a) => eq('p.role', a.role),
});
