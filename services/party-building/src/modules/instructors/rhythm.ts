import { scopePrefix, todayInChina } from '@district/common';
import { raw, sql, underPrefix, type RequestContext, type Sql } from '@district/subgraph-kit';
import { assertRange } from '../date-range';

/**
 * "周联系、月走访、季汇报": in every full week after an instructor's dispatch there is a contact of
 * any kind, in every full month a visit (月走访), in every full quarter a report (季汇报). Only whole
 * weeks, months and quarters inside the period (and up to today) are due, so an instructor
 * dispatched mid-month owes nothing for that month. Whether a week, month or quarter was met is the
 * instructor's whole work (wherever the organization contacted lies), so a street office is not shown
 * an instructor as behind for work done in another street; the counts of contacts and problems are
 * of the contacts the caller may see (the contact and its organization in the caller's region), so
 * they agree with the instructor's `contacts` list and tell nothing of contacts elsewhere.
 */
export interface Rhythm {
  instructorId: string;
  from: string;
  to: string;
  weeksDue: number;
  weeksMet: number;
  monthsDue: number;
  monthsMet: number;
  quartersDue: number;
  quartersMet: number;
  weeklyContacts: number;
  monthlyVisits: number;
  quarterlyReports: number;
  problemsFound: number;
  problemsSolved: number;
  behind: boolean;
}

export interface RhythmPeriod {
  from: string;
  to: string;
  /** the period's last day, or today when the period runs past it */
  end: string;
}

export function rhythmPeriod(from: string, to: string): RhythmPeriod {
  assertRange(from, to);
  const today = todayInChina();
  return { from, to, end: to < today ? to : today };
}

/**
 * Rhythm rows of the instructors matching `who` (a condition on `t`, the instructor table), in one
 * statement. With a page, only those who missed something, paged, with their total.
 */
export async function rhythms(
  ctx: RequestContext,
  period: RhythmPeriod,
  who: Sql,
  page?: { limit: number; offset: number },
): Promise<{ rows: Rhythm[]; total: number }> {
  const { from, to, end } = period;
  const inPeriod = (column: string) => sql`${raw(column)} BETWEEN ${from}::date AND ${to}::date`;
  const scope = scopePrefix(ctx.caller);
  const seen = scope
    ? sql`${underPrefix('c.region_code', scope)} AND EXISTS (SELECT 1 FROM two_new_org o WHERE o.credit_code = c.credit_code AND o.withdrawn_on IS NULL AND ${underPrefix('o.region_code', scope)})`
    : raw('TRUE');
  const statement = sql`
    WITH i AS (
      SELECT t.id AS code, GREATEST(t.dispatched_on, ${from}::date) AS s, ${end}::date AS e FROM party_instructor t WHERE t.withdrawn_on IS NULL AND ${who}
    ), buckets AS (
      SELECT i.code, k.unit, k.kind, g::date AS b0, (g + k.step - interval '1 day')::date AS b1
      FROM i
      CROSS JOIN (VALUES ('week', interval '1 week', NULL), ('month', interval '1 month', 'MONTHLY_VISIT'),
                         ('quarter', interval '3 months', 'QUARTERLY_REPORT')) AS k(unit, step, kind)
      CROSS JOIN LATERAL generate_series(date_trunc(k.unit, (i.s - 1)::timestamp) + k.step, i.e::timestamp + interval '1 day' - k.step, k.step) AS g
    ), due AS (
      SELECT b.code, b.unit, count(*) AS due,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM instructor_contact c WHERE c.instructor_id = b.code AND c.withdrawn_on IS NULL
               AND c.contacted_on BETWEEN b.b0 AND b.b1 AND (b.kind IS NULL OR c.kind = b.kind))) AS met
      FROM buckets b GROUP BY b.code, b.unit
    ), done AS (
      SELECT c.instructor_id AS code,
             count(*) FILTER (WHERE c.kind = 'WEEKLY_CONTACT' AND ${inPeriod('c.contacted_on')}) AS weekly,
             count(*) FILTER (WHERE c.kind = 'MONTHLY_VISIT' AND ${inPeriod('c.contacted_on')}) AS monthly,
             count(*) FILTER (WHERE c.kind = 'QUARTERLY_REPORT' AND ${inPeriod('c.contacted_on')}) AS quarterly,
             count(*) FILTER (WHERE c.problem IS NOT NULL AND ${inPeriod('c.contacted_on')}) AS found,
             count(*) FILTER (WHERE c.solved AND ${inPeriod('c.solved_on')}) AS solved
      FROM instructor_contact c WHERE c.withdrawn_on IS NULL AND c.instructor_id IN (SELECT code FROM i) AND ${seen}
      GROUP BY c.instructor_id
    ), r AS (
      SELECT i.code,
        coalesce(w.due, 0) AS weeks_due, coalesce(w.met, 0) AS weeks_met,
        coalesce(m.due, 0) AS months_due, coalesce(m.met, 0) AS months_met,
        coalesce(q.due, 0) AS quarters_due, coalesce(q.met, 0) AS quarters_met,
        coalesce(d.weekly, 0) AS weekly, coalesce(d.monthly, 0) AS monthly, coalesce(d.quarterly, 0) AS quarterly,
        coalesce(d.found, 0) AS found, coalesce(d.solved, 0) AS solved,
        (coalesce(w.met, 0) < coalesce(w.due, 0) OR coalesce(m.met, 0) < coalesce(m.due, 0)
          OR coalesce(q.met, 0) < coalesce(q.due, 0)) AS behind
      FROM i
      LEFT JOIN due w ON w.code = i.code AND w.unit = 'week'
      LEFT JOIN due m ON m.code = i.code AND m.unit = 'month'
      LEFT JOIN due q ON q.code = i.code AND q.unit = 'quarter'
      LEFT JOIN done d ON d.code = i.code
    )
    SELECT r.*, count(*) OVER () AS total_count FROM r ${raw(page ? 'WHERE r.behind' : '')} ORDER BY r.code
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : raw('')}`;
  const found: Record<string, string | boolean>[] = await ctx.em.getConnection().execute(statement.text, [...statement.params]);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    total: found.length ? n(found[0].total_count) : 0,
    rows: found.map((r) => ({
      instructorId: String(r.code),
      from,
      to,
      weeksDue: n(r.weeks_due),
      weeksMet: n(r.weeks_met),
      monthsDue: n(r.months_due),
      monthsMet: n(r.months_met),
      quartersDue: n(r.quarters_due),
      quartersMet: n(r.quarters_met),
      weeklyContacts: n(r.weekly),
      monthlyVisits: n(r.monthly),
      quarterlyReports: n(r.quarterly),
      problemsFound: n(r.found),
      problemsSolved: n(r.solved),
      behind: r.behind === true,
    })),
  };
}
