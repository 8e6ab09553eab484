import type { Queryable } from '@district/common';
import { GRADE_VALID_YEARS } from './evaluation';

/**
 * Keeps the grade history of some organisations in step with their rows: the grade a row holds now
 * has its history row (a level corrected there is corrected here), and each live grade is valid
 * until its five years are over or the next grade begins. One rule for imports and mutations.
 */
export async function settleGrades(db: Queryable, codes: readonly string[]): Promise<void> {
  if (!codes.length) return;
  const list = JSON.stringify([...new Set(codes)]);
  await db.query(
    `INSERT INTO organization_grade (organization_code, level, year, valid_from, valid_to)
     SELECT o.code, o.grade_level, o.grade_year, make_date(o.grade_year, 1, 1), make_date(o.grade_year + ${GRADE_VALID_YEARS + 1}, 1, 1)
     FROM social_organization o
     WHERE o.code IN (SELECT jsonb_array_elements_text($1::jsonb)) AND o.grade_year IS NOT NULL AND o.grade_level IS NOT NULL
     ON CONFLICT (organization_code, year) DO UPDATE SET level = EXCLUDED.level
       WHERE organization_grade.withdrawn_on IS NULL AND organization_grade.level IS DISTINCT FROM EXCLUDED.level`,
    [list],
  );
  await db.query(
    `UPDATE organization_grade g SET valid_to = x.valid_to FROM (
       SELECT h.id, LEAST(make_date(h.year + ${GRADE_VALID_YEARS + 1}, 1, 1),
         coalesce(lead(h.valid_from) OVER (PARTITION BY h.organization_code ORDER BY h.valid_from), 'infinity'::date)) AS valid_to
       FROM organization_grade h WHERE h.organization_code IN (SELECT jsonb_array_elements_text($1::jsonb)) AND h.withdrawn_on IS NULL) x
     WHERE g.id = x.id AND g.valid_to IS DISTINCT FROM x.valid_to`,
    [list],
  );
}

/** After a grade is withdrawn: the organisation's current grade is its latest live one again (or none). */
export async function currentGradeFromHistory(db: Queryable, code: string): Promise<void> {
  await db.query(
    `UPDATE social_organization o SET grade_level = g.level, grade_year = g.year
     FROM (SELECT $1::text AS code) c
     LEFT JOIN LATERAL (SELECT level, year FROM organization_grade h WHERE h.organization_code = c.code AND h.withdrawn_on IS NULL
       ORDER BY h.year DESC LIMIT 1) g ON TRUE
     WHERE o.code = c.code`,
    [code],
  );
}
