import type { PartyOrgUnit, InstructorAssignment } from './organization.entity';

/**
 * "两个覆盖" as DOMAIN.md counts it: a unit is covered on a day when a Party organisation covers it
 * (organisational coverage; a unit counts from the day it joined, for a standalone organisation its
 * founding day) or, lacking one, an instructor is assigned to it (work coverage).
 */
export type CoverageStatus = 'ORGANISATIONAL' | 'WORK' | 'NONE';
export type CoverageKind = 'ANY' | 'ORGANISATIONAL' | 'WORK';

/** SQL conditions on a unit aliased `o`; each takes the day as its parameters. */
export function organisationalSql(day: string): [string, unknown[]] {
  return [
    `EXISTS (SELECT 1 FROM party_org_unit m WHERE m.credit_code = o.credit_code
       AND m.joined_on <= ?::date AND (m.left_on IS NULL OR m.left_on > ?::date))`,
    [day, day],
  ];
}

export function instructorSql(day: string): [string, unknown[]] {
  return [
    `EXISTS (SELECT 1 FROM instructor_assignment a WHERE a.credit_code = o.credit_code
       AND a.assigned_on <= ?::date AND (a.withdrawn_on IS NULL OR a.withdrawn_on > ?::date))`,
    [day, day],
  ];
}

export function coverageSql(kind: CoverageKind, day: string): [string, unknown[]] {
  const [org, orgParams] = organisationalSql(day);
  const [work, workParams] = instructorSql(day);
  switch (kind) {
    case 'ORGANISATIONAL':
      return [org, orgParams];
    case 'WORK':
      return [`(NOT ${org} AND ${work})`, [...orgParams, ...workParams]];
    default:
      return [`(${org} OR ${work})`, [...orgParams, ...workParams]];
  }
}

export function statusSql(status: CoverageStatus, day: string): [string, unknown[]] {
  if (status === 'NONE') {
    const [any, params] = coverageSql('ANY', day);
    return [`NOT ${any}`, params];
  }
  return coverageSql(status, day);
}

/** 应建未建: three or more Party members and no Party organisation on the day. */
export function unbuiltSql(day: string): [string, unknown[]] {
  const [org, params] = organisationalSql(day);
  return [`(o.party_members >= 3 AND NOT ${org})`, params];
}

/** Enterprises count only when key (是否重点 = 是); the other categories count whole. */
export const CATEGORY_SQL = {
  park: `o.category = 'PARK'`,
  keyEnterprise: `o.category = 'ENTERPRISE' AND o.is_key`,
  socialOrganization: `o.category = 'SOCIAL_ORGANIZATION'`,
  association: `o.category = 'ASSOCIATION'`,
  overall: `(o.category <> 'ENTERPRISE' OR o.is_key)`,
} as const;

export const activeOn = (day: string) => (s: { from: string; to?: string | null }) => s.from <= day && (!s.to || s.to > day);

export function unitOn<T extends PartyOrgUnit>(stints: T[], day: string): T | undefined {
  return stints.find((m) => activeOn(day)({ from: m.joinedOn, to: m.leftOn }));
}

export function assignmentOn<T extends InstructorAssignment>(stints: T[], day: string): T | undefined {
  return stints.find((a) => activeOn(day)({ from: a.assignedOn, to: a.withdrawnOn }));
}

export function statusOf(unit: PartyOrgUnit | undefined, assignment: InstructorAssignment | undefined): CoverageStatus {
  if (unit) return 'ORGANISATIONAL';
  return assignment ? 'WORK' : 'NONE';
}
