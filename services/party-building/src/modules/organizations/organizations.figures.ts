import { and, defineFigure, during, or, raw, sql, TRUE, type FigureDef, type Sql } from '@district/subgraph-kit';

/**
 * "两个覆盖" as DOMAIN.md counts it: a unit of the "two new" ledger (aliased `t`) is covered on a day
 * when a Party organization covers it that day (organizational coverage; a unit counts from the day
 * it joined, for a standalone organization its founding day) or, lacking one, an instructor is
 * assigned to it that day (work coverage). Rate = covered ÷ units of the category in the ledger.
 */
export type CoverageKind = 'ANY' | 'ORGANIZATIONAL' | 'WORK';
export type CoverageStatus = 'ORGANISATIONAL' | 'WORK' | 'NONE';

export const organizationalOn = (day: string): Sql =>
  sql`EXISTS (SELECT 1 FROM party_org_unit m WHERE m.credit_code = t.credit_code AND m.withdrawn_on IS NULL
    AND m.joined_on <= ${day}::date AND (m.left_on IS NULL OR m.left_on > ${day}::date))`;

export const instructedOn = (day: string): Sql =>
  sql`EXISTS (SELECT 1 FROM instructor_assignment a WHERE a.credit_code = t.credit_code AND a.withdrawn_on IS NULL
    AND a.assigned_on <= ${day}::date AND (a.recalled_on IS NULL OR a.recalled_on > ${day}::date))`;

export function coveredOn(kind: CoverageKind, day: string): Sql {
  switch (kind) {
    case 'ORGANIZATIONAL':
      return organizationalOn(day);
    case 'WORK':
      return and(sql`NOT ${organizationalOn(day)}`, instructedOn(day));
    default:
      return or(organizationalOn(day), instructedOn(day));
  }
}

/** Units in one coverage status on a day (the list filter). */
export function statusOn(status: CoverageStatus, day: string): Sql {
  if (status === 'NONE') return sql`NOT ${coveredOn('ANY', day)}`;
  return coveredOn(status === 'WORK' ? 'WORK' : 'ORGANIZATIONAL', day);
}

/** 应建未建: three or more Party members and no Party organization on the day. */
export const unbuiltOn = (day: string): Sql => and(raw('t.party_members >= 3'), sql`NOT ${organizationalOn(day)}`);

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

const units = { name: 'two-new-org', from: 'two_new_org t', place: 't.region_code' };

/** Units of a category in the ledger: the ledger has no founding day, so every period counts them all. */
export const unitsInLedger = defineFigure<Args>({
  name: 'coverage.units',
  source: units,
  period: during(() => TRUE),
  where: ofCategory,
});

/** Units covered on the stock day, by kind of coverage. */
export const coveredUnits: Record<CoverageKind, FigureDef<Args>> = {
  ANY: defineFigure<Args>({ name: 'coverage.any', source: units, period: during((p) => coveredOn('ANY', p.asOf)), where: ofCategory }),
  ORGANIZATIONAL: defineFigure<Args>({
    name: 'coverage.organizational',
    source: units,
    period: during((p) => coveredOn('ORGANIZATIONAL', p.asOf)),
    where: ofCategory,
  }),
  WORK: defineFigure<Args>({ name: 'coverage.work', source: units, period: during((p) => coveredOn('WORK', p.asOf)), where: ofCategory }),
};

/** 应建未建 units on the stock day. */
export const unbuiltUnits = defineFigure({
  name: 'coverage.unbuilt',
  source: units,
  period: during((p) => unbuiltOn(p.asOf)),
});
