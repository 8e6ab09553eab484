import { and, defineFigure, during, eq, flow, raw, sql, stock, wholeNumber, type Sql } from '@district/subgraph-kit';
import type { SocialOrganizationType, SocialServiceField } from '../../generated/graphql';
import { MEDIATION_FIELD } from './codes';

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

/**
 * Organisations (t) holding, on `day`, a grade of the grade history (optionally of one level):
 * valid from its first day until its five years are over or a later grade took its place.
 */
export const gradedOn = (day: string, level?: number | null): Sql =>
  sql`EXISTS (SELECT 1 FROM organization_grade g WHERE g.organization_code = t.code AND g.withdrawn_on IS NULL
    AND g.valid_from <= ${day}::date AND g.valid_to > ${day}::date ${level ? sql`AND g.level = ${level}` : raw('')})`;

/** Active organisations holding a grade valid on the stock day, optionally of one level (a figure per level). */
export const gradedOrganizations = (level?: number | null) =>
  defineFigure({
    name: `organizations.graded.${level ?? 'any'}`,
    source: ORGANIZATIONS,
    period: during((p) => and(activeOn(p), gradedOn(p.asOf, level))),
  });

/** Graded organisations (t) whose grade valid on `day` ends between `day` and `months` later. */
export const gradeExpiring = (day: string, months: number): Sql =>
  sql`EXISTS (SELECT 1 FROM organization_grade g WHERE g.organization_code = t.code AND g.withdrawn_on IS NULL
    AND g.valid_from <= ${day}::date AND g.valid_to > ${day}::date
    AND g.valid_to - 1 BETWEEN ${day}::date AND ${day}::date + make_interval(months => ${months}::int))`;

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
