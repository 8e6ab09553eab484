import { and, defineFigure, during, or, raw, sql, TRUE, type FigureDef, type Sql } from '@district/subgraph-kit';

/**
 * "两个覆盖" as DOMAIN.md counts it: a unit of the "two new" ledger (aliased `t`) is covered on a day
 * when a Party organization covers it that day (organizational coverage; a unit counts from the day
 * it joined, for a standalone organization its founding day) or, lacking one, an instructor is
 * assigned to it that day (work coverage). Rate = covered ÷ units of the category in the ledger.
 */
export type CoverageKind = 'ANY' | 'ORGANIZATIONAL' | 'WORK';
export type CoverageStatus = 'ORGANISATIONAL' | 'WORK' | 'NONE';

/**
 * The days a link covers, `[from, until)`: a stint counts from its first day up to, not including,
 * the day it ended. Links that ended before they began cover no day (a range would refuse them), nor
 * does a link withdrawn as entered by mistake.
 */
const ORG_DAYS = { table: 'party_org_unit', from: 'joined_on', until: 'left_on' };
const INSTRUCTOR_DAYS = { table: 'instructor_assignment', from: 'assigned_on', until: 'recalled_on' };
type Link = typeof ORG_DAYS;

const linkDays = (l: Link, alias: string) => `daterange(${alias}.${l.from}, ${alias}.${l.until})`;
const linkValid = (l: Link, alias: string) =>
  `(${alias}.withdrawn_on IS NULL AND (${alias}.${l.until} IS NULL OR ${alias}.${l.until} > ${alias}.${l.from}))`;

/** Whether unit `t` has a link covering `day`: asked per unit (lists filter units with it). */
const linkedOn = (l: Link, day: string): Sql =>
  sql`EXISTS (SELECT 1 FROM ${raw(l.table)} x WHERE x.credit_code = t.credit_code AND ${raw(linkValid(l, 'x'))}
    AND ${raw(linkDays(l, 'x'))} @> ${day}::date)`;

export const organizationalOn = (day: string): Sql => linkedOn(ORG_DAYS, day);
export const instructedOn = (day: string): Sql => linkedOn(INSTRUCTOR_DAYS, day);

/**
 * The same question for figures, which ask it of every unit under a node for several days at once:
 * each unit's covered days are gathered once (`org.days`, `ins.days`, joined by the figures' source
 * below, one index lookup per unit and link table), so the cost follows the node's own units, not
 * every link of the deployment.
 */
const coveredDays = (l: Link, as: string) =>
  `LEFT JOIN LATERAL (SELECT range_agg(${linkDays(l, 'x')}) AS days FROM ${l.table} x
    WHERE x.credit_code = t.credit_code AND ${linkValid(l, 'x')}) ${as} ON TRUE`;
const figureDays = {
  org: (day: string) => sql`coalesce(org.days @> ${day}::date, FALSE)`,
  ins: (day: string) => sql`coalesce(ins.days @> ${day}::date, FALSE)`,
};

function coverage(kind: CoverageKind, org: Sql, instructed: Sql): Sql {
  switch (kind) {
    case 'ORGANIZATIONAL':
      return org;
    case 'WORK':
      return and(sql`NOT ${org}`, instructed);
    default:
      return or(org, instructed);
  }
}

export const coveredOn = (kind: CoverageKind, day: string): Sql => coverage(kind, organizationalOn(day), instructedOn(day));
const coveredOnForFigures = (kind: CoverageKind, day: string): Sql => coverage(kind, figureDays.org(day), figureDays.ins(day));

/** Units in one coverage status on a day (the list filter). */
export function statusOn(status: CoverageStatus, day: string): Sql {
  if (status === 'NONE') return sql`NOT ${coveredOn('ANY', day)}`;
  return coveredOn(status === 'WORK' ? 'WORK' : 'ORGANIZATIONAL', day);
}

/** 应建未建: three or more Party members and no Party organization on the day. */
const unbuilt = (org: Sql): Sql => and(raw('t.party_members >= 3'), sql`NOT ${org}`);
export const unbuiltOn = (day: string): Sql => unbuilt(organizationalOn(day));

/** The categories of the work report; enterprises count only when key (是否重点 = 是). */
export const CATEGORIES = {
  park: raw(`t.category = 'PARK'`),
  keyEnterprise: raw(`t.category = 'ENTERPRISE' AND t.is_key`),
  socialOrganization: raw(`t.category = 'SOCIAL_ORGANIZATION'`),
  association: raw(`t.category = 'ASSOCIATION'`),
  overall: raw(`(t.category <> 'ENTERPRISE' OR t.is_key)`),
} as const;
export type CoverageCategory = keyof typeof CATEGORIES;

/** A figure's category, or every unit of the ledger when none is named. */
type Args = { category?: CoverageCategory | null };
const ofCategory = (a: Args) => (a.category ? CATEGORIES[a.category] : undefined);

const units = {
  name: 'two-new-org',
  from: `two_new_org t ${coveredDays(ORG_DAYS, 'org')} ${coveredDays(INSTRUCTOR_DAYS, 'ins')}`,
  place: 't.region_code',
};

/** Units of a category in the ledger: the ledger has no founding day, so every period counts them all. */
export const unitsInLedger = defineFigure<Args>({
  name: 'coverage.units',
  source: units,
  period: during(() => TRUE),
  where: ofCategory,
});

/** Units covered on the stock day, by kind of coverage. */
export const coveredUnits: Record<CoverageKind, FigureDef<Args>> = {
  ANY: defineFigure<Args>({
    name: 'coverage.any',
    source: units,
    period: during((p) => coveredOnForFigures('ANY', p.asOf)),
    where: ofCategory,
  }),
  ORGANIZATIONAL: defineFigure<Args>({
    name: 'coverage.organizational',
    source: units,
    period: during((p) => coveredOnForFigures('ORGANIZATIONAL', p.asOf)),
    where: ofCategory,
  }),
  WORK: defineFigure<Args>({
    name: 'coverage.work',
    source: units,
    period: during((p) => coveredOnForFigures('WORK', p.asOf)),
    where: ofCategory,
  }),
};

/** 应建未建 units on the stock day. */
export const unbuiltUnits = defineFigure({
  name: 'coverage.unbuilt',
  source: units,
  period: during((p) => unbuilt(figureDays.org(p.asOf))),
});
