import { and, defineFigure, during, eq, flow, raw, sql, stock, wholeNumber, type Sql } from '@district/subgraph-kit';
import type { SocialOrganizationType, SocialServiceField } from '../../generated/graphql';
import { MEDIATION_FIELD } from './codes';
import { GRADE_VALID_YEARS } from './evaluation';

/**
 * Organisations (口径: active = 状态正常 on the day; new = founded in the year; deregistered ones keep
 * their history). Each sits at its community, else its street (`region_code`).
 */
export const ORGANIZATIONS = { name: 'organization', from: 'social_organization t', place: 't.region_code' };

export interface OrgArgs {
  type?: SocialOrganizationType | null;
  /** true: registered organisations only; false: filed community organisations only */
  registered?: boolean | null;
  field?: SocialServiceField | null;
}

export const byKind = (a: OrgArgs): Sql =>
  and(
    eq('t.org_type', a.type),
    a.registered === true && raw(`t.org_type <> 'COMMUNITY'`),
    a.registered === false && raw(`t.org_type = 'COMMUNITY'`),
    eq('t.field', a.field),
  );

/** Active on the day: founded by it and not deregistered by it (the day of deregistration no longer counts). */
export const activeOn = stock({ since: 't.founded_on', until: 't.deregistered_on', sinceRequired: true });

/** Deregistered by the day (and so founded by it). */
export const deregisteredBy = during((p) => sql`t.founded_on <= ${p.asOf}::date AND t.deregistered_on <= ${p.asOf}::date`);

/** Organisations existing on the stock day: `status` ACTIVE (the default), DEREGISTERED, or every one founded by then. */
export const organizationsByStatus = {
  ACTIVE: defineFigure<OrgArgs>({ name: 'organizations.active', source: ORGANIZATIONS, period: activeOn, where: byKind }),
  DEREGISTERED: defineFigure<OrgArgs>({
    name: 'organizations.deregisteredBy',
    source: ORGANIZATIONS,
    period: deregisteredBy,
    where: byKind,
  }),
  ALL: defineFigure<OrgArgs>({
    name: 'organizations.foundedBy',
    source: ORGANIZATIONS,
    period: stock({ since: 't.founded_on', sinceRequired: true }),
    where: byKind,
  }),
};

/** Organisations founded in the period. */
export const newOrganizations = defineFigure<OrgArgs>({
  name: 'organizations.new',
  source: ORGANIZATIONS,
  period: flow('t.founded_on'),
  where: byKind,
});

/** Organisations deregistered in the period. */
export const deregisteredOrganizations = defineFigure<OrgArgs>({
  name: 'organizations.deregistered',
  source: ORGANIZATIONS,
  period: flow('t.deregistered_on'),
  where: byKind,
});

const mediation = () => raw(`t.field = '${MEDIATION_FIELD}'`);

/** 专业矛调组织: active organisations whose service field is dispute mediation. */
export const mediationOrganizations = defineFigure({
  name: 'organizations.mediation',
  source: ORGANIZATIONS,
  period: activeOn,
  where: mediation,
});

/** Mediation organisations founded in the period. */
export const newMediationOrganizations = defineFigure({
  name: 'organizations.mediationNew',
  source: ORGANIZATIONS,
  period: flow('t.founded_on'),
  where: mediation,
});

/** The last day of a grade's five years (a 2021 grade: 2026-12-31). */
const GRADE_END = raw(`make_date(t.grade_year + ${GRADE_VALID_YEARS}, 12, 31)`);

/** Active organisations holding, on the stock day, a grade awarded by that day's year and still in its five years. */
export const gradedOrganizations = defineFigure<{ level?: number | null }>({
  name: 'organizations.graded',
  source: ORGANIZATIONS,
  period: during((p) =>
    and(
      activeOn(p),
      sql`t.grade_level IS NOT NULL AND t.grade_year <= extract(year FROM ${p.asOf}::date) AND ${GRADE_END} >= ${p.asOf}::date`,
    ),
  ),
  where: (a) => eq('t.grade_level', a.level),
});

/** Graded organisations (t) whose five years end between `day` and `months` later. */
export const gradeExpiring = (day: string, months: number): Sql =>
  sql`t.grade_level IS NOT NULL AND ${GRADE_END} BETWEEN ${day}::date AND ${day}::date + make_interval(months => ${months}::int)`;

/** How far ahead a grade-expiry question may look. */
export const monthsAhead = (months: number | null | undefined, field = 'withinMonths'): number =>
  wholeNumber(months ?? 12, field, '月数', 0, 120);

/** Active organisations on the stock day whose grade expires within `months` after it (one figure per horizon). */
export const gradesExpiringWithin = (months: number) =>
  defineFigure({
    name: 'organizations.gradesExpiring',
    source: ORGANIZATIONS,
    period: during((p) => and(activeOn(p), gradeExpiring(p.asOf, months))),
  });
