import type {
  AnnualInspectionResult as InspectionResult,
  EligibilityReason,
  EligibilityRule,
  EvaluationEligibility,
  EvaluationLevel as Grade,
} from '../../generated/graphql';

/**
 * Evaluation grades (社会组织评估, 1A–5A) and who may apply, after the Ministry of Civil Affairs'
 * 《社会组织评估管理办法》: a grade is valid for five years (art. 25); an organisation may apply once
 * registered for two full years, or once its grade's five years are over (art. 12); it is not
 * evaluated when it missed or failed last year's annual inspection, or was 基本合格 two years
 * running (art. 13).
 */
export const GRADE_VALID_YEARS = 5;

const LEVELS: readonly Grade[] = ['GRADE_1A', 'GRADE_2A', 'GRADE_3A', 'GRADE_4A', 'GRADE_5A'];

/** The grade of a stored level 1–5, and back. */
export const gradeOf = (level: number): Grade => LEVELS[level - 1];
export const levelOf = (grade: Grade): number => LEVELS.indexOf(grade) + 1;

/**
 * The ledger records only the year a grade was awarded (grades are announced late in the year), so
 * its five years run to the end of the fifth year after: a 2021 grade is valid through 2026-12-31.
 */
export function gradeValidUntil(year: number): string {
  return `${year + GRADE_VALID_YEARS}-12-31`;
}

/** A grade as the schema shows it (EvaluationGrade): `valid(asOf)` is resolved from the year and validUntil. */
export interface GradeView {
  level: Grade;
  label: string;
  year: number;
  validUntil: string;
  validFrom: string;
  /** the day it stopped being valid, not counted */
  validTo: string;
}

/** A grade of a year: valid from 1 January of its year for five years, unless `validTo` (a later grade) ends it sooner. */
export function gradeOfYear(level: number, year: number, validTo?: string | null): GradeView {
  return {
    level: gradeOf(level),
    label: `${level}A`,
    year,
    validUntil: gradeValidUntil(year),
    validFrom: `${year}-01-01`,
    validTo: validTo ?? `${year + GRADE_VALID_YEARS + 1}-01-01`,
  };
}

/** The organisation's current grade, if it has one. */
export function gradeView(o: { gradeLevel?: number | null; gradeYear?: number | null }): GradeView | null {
  return o.gradeLevel && o.gradeYear ? gradeOfYear(o.gradeLevel, o.gradeYear) : null;
}

/** Whether a grade is valid on a day: from 1 January of its year to the end of its five years (or until a later grade). */
export const gradeValidOn = (g: GradeView, day: string): boolean => day >= g.validFrom && day < g.validTo;

export interface EvaluationCandidate {
  foundedOn: string;
  deregisteredOn?: string | null;
  gradeYear?: number | null;
}

/** Whether an organisation may apply for evaluation in `year`; `inspections` maps inspection year to result. */
export function evaluationEligibility(
  org: EvaluationCandidate,
  inspections: ReadonlyMap<number, InspectionResult>,
  year: number,
): EvaluationEligibility {
  const reasons: EligibilityReason[] = [];
  const fail = (rule: EligibilityRule, message: string) => reasons.push({ rule, message });
  if (org.deregisteredOn && org.deregisteredOn <= `${year}-12-31`) {
    fail('DEREGISTERED', `已于${org.deregisteredOn}注销 / deregistered on ${org.deregisteredOn}`);
  }
  // two full calendar years (年度) before the year of application: founded by 1 January two years earlier
  const twoFullYears = org.foundedOn <= `${year - 2}-01-01`;
  if (!twoFullYears) {
    fail(
      'REGISTERED_UNDER_TWO_YEARS',
      `${org.foundedOn}成立，登记未满两个年度 / founded ${org.foundedOn}: not registered for two full years before ${year}`,
    );
  } else {
    // only an organisation that existed all of last year owed its inspection
    const last = inspections.get(year - 1);
    if (!last || last === 'NOT_INSPECTED') {
      fail('MISSED_LAST_INSPECTION', `未参加${year - 1}年度年检 / did not take the ${year - 1} annual inspection`);
    } else if (last === 'UNQUALIFIED') {
      fail('FAILED_LAST_INSPECTION', `${year - 1}年度年检不合格 / failed the ${year - 1} annual inspection`);
    } else if (last === 'BASICALLY_QUALIFIED' && inspections.get(year - 2) === 'BASICALLY_QUALIFIED') {
      fail('BASICALLY_QUALIFIED_TWICE', `${year - 2}、${year - 1}年度连续基本合格 / 基本合格 in ${year - 2} and ${year - 1}`);
    }
  }
  if (org.gradeYear && gradeValidUntil(org.gradeYear) >= `${year}-01-01`) {
    const until = gradeValidUntil(org.gradeYear);
    fail('GRADE_STILL_VALID', `现有评估等级有效期至${until} / the current grade is valid until ${until}`);
  }
  return { year, eligible: reasons.length === 0, reasons };
}
