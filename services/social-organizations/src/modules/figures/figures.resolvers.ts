import {
  countFigure,
  periodOf,
  previousPeriod,
  rateFigure,
  regionFigure,
  regionNode,
  type Period,
  type RegionNode,
  type RequestContext,
} from '@district/common';
import {
  MEDIATION_FIELD,
  type DisputeType,
  type Grade,
  type InspectionResult,
  type OrgStatus,
  type OrgType,
  type ProjectMode,
  type ServiceField,
} from '../../vocabulary';
import { monthsInput } from '../../validation';
import { gradeExpiring, orgConditions, type OrgCriteria } from '../organizations/organization.query';
import { levelOf } from '../organizations/evaluation';

/**
 * Every figure is one SQL statement per (figure, arguments, period) for all the Region nodes of a
 * response: `regions` is the relation r(code, prefix) of those nodes, and a row belongs to a node when
 * its region code starts with the node's prefix. Flow figures count records dated from 1 January to
 * the period's asOf (the year's end unless the caller cut it short); stock figures look at asOf.
 */
type Sql = (regions: string) => { text: string; params: unknown[] };

const flowEnd = (p: Period) => (p.asOf < p.to ? p.asOf : p.to);

export interface FigureArgs {
  year: number;
  asOf?: string | null;
}

/** A count for this period and the same count a year earlier. */
async function count(ctx: RequestContext, node: RegionNode, name: string, args: FigureArgs, sql: (p: Period) => Sql) {
  const now = periodOf(args.year, args.asOf);
  const before = previousPeriod(now);
  const at = (p: Period) => regionFigure(ctx, `${name}:${p.from}:${p.asOf}`, node.code, sql(p));
  const [value, previous] = await Promise.all([at(now), at(before)]);
  return countFigure(value, previous);
}

/** A rate from two counts, each with its previous year. */
async function rate(
  ctx: RequestContext,
  node: RegionNode,
  name: string,
  args: FigureArgs,
  numerator: (p: Period) => Sql,
  denominator: (p: Period) => Sql,
) {
  const [n, d] = await Promise.all([count(ctx, node, `${name}:n`, args, numerator), count(ctx, node, `${name}:d`, args, denominator)]);
  return rateFigure([n.value, d.value], [n.previousYear, d.previousYear]);
}

const key = (o: object) => JSON.stringify(o);

/** Organisations under each node matching the criteria (asOf and status come from the period). */
function orgSql(criteria: (p: Period) => OrgCriteria, extra: (p: Period, params: unknown[]) => string[] = () => []): (p: Period) => Sql {
  return (p) => (regions) => {
    const params: unknown[] = [];
    const where = [`o.region_code LIKE r.prefix || '%'`, ...orgConditions(criteria(p), params), ...extra(p, params)];
    return {
      text: `SELECT r.code, count(o.code) AS value FROM ${regions} LEFT JOIN social_organization o ON ${where.join(' AND ')} GROUP BY r.code`,
      params,
    };
  };
}

export interface OrgFigureArgs extends FigureArgs {
  type?: OrgType | null;
  registered?: boolean | null;
  field?: ServiceField | null;
}

const filters = (a: OrgFigureArgs) => ({ type: a.type, registered: a.registered, field: a.field });

function organizations(ctx: RequestContext, node: RegionNode, a: OrgFigureArgs & { status?: OrgStatus | null }) {
  // every organisation founded by asOf; status narrows to those active, or deregistered, on that day
  return count(
    ctx,
    node,
    `orgs:${key({ ...filters(a), status: a.status ?? null })}`,
    a,
    orgSql(
      (p) => ({ ...filters(a), status: a.status, asOf: p.asOf }),
      (p, params) => (params.push(p.asOf), ['o.founded_on <= ?']),
    ),
  );
}

function newOrganizations(ctx: RequestContext, node: RegionNode, a: OrgFigureArgs) {
  return count(
    ctx,
    node,
    `orgs:new:${key(filters(a))}`,
    a,
    orgSql(
      () => filters(a),
      (p, params) => (params.push(p.from, flowEnd(p)), ['o.founded_on BETWEEN ? AND ?']),
    ),
  );
}

function deregisteredOrganizations(ctx: RequestContext, node: RegionNode, a: OrgFigureArgs) {
  return count(
    ctx,
    node,
    `orgs:dereg:${key(filters(a))}`,
    a,
    orgSql(
      () => filters(a),
      (p, params) => (params.push(p.from, flowEnd(p)), ['o.deregistered_on BETWEEN ? AND ?']),
    ),
  );
}

/** Inspection results of inspection year `p.year` under each node. */
function inspectionSql(result?: InspectionResult | null) {
  return (p: Period): Sql =>
    (regions) => ({
      text: `SELECT r.code, count(i.year) AS value FROM ${regions}
           LEFT JOIN (annual_inspection i JOIN social_organization o ON o.code = i.organization_code)
             ON o.region_code LIKE r.prefix || '%' AND i.year = ? ${result ? 'AND i.result = ?' : ''}
           GROUP BY r.code`,
      params: result ? [p.year, result] : [p.year],
    });
}

/** Active organisations whose grade, awarded by asOf's year, is still valid on asOf (five years). */
function gradedSql(level?: Grade | null) {
  return orgSql(
    (p) => ({ status: 'ACTIVE', asOf: p.asOf }),
    (p, params) => {
      params.push(p.asOf, p.asOf);
      const where = [
        'o.grade_level IS NOT NULL',
        'o.grade_year <= extract(year FROM ?::date)',
        'make_date(o.grade_year + 5, 12, 31) >= ?::date',
      ];
      if (!level) return where;
      params.push(levelOf(level));
      return [...where, 'o.grade_level = ?'];
    },
  );
}

function expiringSql(months: number) {
  return orgSql(
    (p) => ({ status: 'ACTIVE', asOf: p.asOf }),
    (p, params) => gradeExpiring(p.asOf, months, params),
  );
}

/** Cases under each node (where their organisation is) matching a condition on `c`. */
function caseSql(condition: (p: Period, params: unknown[]) => string, disputeType?: DisputeType | null) {
  return (p: Period): Sql =>
    (regions) => {
      const params: unknown[] = [];
      const where = condition(p, params);
      if (disputeType) params.push(disputeType);
      return {
        text: `SELECT r.code, count(c.case_number) AS value FROM ${regions}
             LEFT JOIN (mediation_case c JOIN social_organization o ON o.code = c.organization_code)
               ON o.region_code LIKE r.prefix || '%' AND ${where} ${disputeType ? 'AND c.dispute_type = ?' : ''}
             GROUP BY r.code`,
        params,
      };
    };
}

const received = (p: Period, params: unknown[]) => (params.push(p.from, flowEnd(p)), 'c.received_on BETWEEN ? AND ?');
const resolved = (p: Period, params: unknown[]) => (
  params.push(p.from, flowEnd(p)),
  `c.result = 'RESOLVED' AND c.closed_on BETWEEN ? AND ?`
);
const closed = (p: Period, params: unknown[]) => (
  params.push(p.from, flowEnd(p)),
  `c.result IN ('RESOLVED', 'UNRESOLVED') AND c.closed_on BETWEEN ? AND ?`
);

/** Projects approved in the period in communities under each node; `measure` aggregates `p`. */
function projectSql(measure: string, mode?: ProjectMode | null) {
  return (p: Period): Sql =>
    (regions) => ({
      text: `SELECT r.code, ${measure} AS value FROM ${regions}
           LEFT JOIN service_project p ON p.community_code LIKE r.prefix || '%' AND p.approved_on BETWEEN ? AND ? ${mode ? 'AND p.mode = ?' : ''}
           GROUP BY r.code`,
      params: mode ? [p.from, flowEnd(p), mode] : [p.from, flowEnd(p)],
    });
}

type Args<T = object> = FigureArgs & T;
type Resolver<T = object> = (node: RegionNode, args: Args<T>, ctx: RequestContext) => unknown;

const figures: Record<string, Resolver<any>> = {
  organizations: (node, a: Args<OrgFigureArgs & { status?: OrgStatus | null }>, ctx) => organizations(ctx, node, a),
  newOrganizations: (node, a: OrgFigureArgs, ctx) => newOrganizations(ctx, node, a),
  deregisteredOrganizations: (node, a: OrgFigureArgs, ctx) => deregisteredOrganizations(ctx, node, a),
  mediationOrganizations: (node, a: FigureArgs, ctx) => organizations(ctx, node, { ...a, field: MEDIATION_FIELD, status: 'ACTIVE' }),
  newMediationOrganizations: (node, a: FigureArgs, ctx) => newOrganizations(ctx, node, { ...a, field: MEDIATION_FIELD }),
  inspections: (node, a: Args<{ result?: InspectionResult | null }>, ctx) =>
    count(ctx, node, `inspections:${a.result ?? ''}`, a, inspectionSql(a.result)),
  inspectionPassRate: (node, a: FigureArgs, ctx) => rate(ctx, node, 'inspections:passRate', a, inspectionSql('QUALIFIED'), inspectionSql()),
  gradedOrganizations: (node, a: Args<{ level?: Grade | null }>, ctx) => count(ctx, node, `graded:${a.level ?? ''}`, a, gradedSql(a.level)),
  gradesExpiring: (node, a: Args<{ withinMonths?: number | null }>, ctx) => {
    const months = monthsInput(a.withinMonths ?? 12);
    return count(ctx, node, `grades:expiring:${months}`, a, expiringSql(months));
  },
  disputesReceived: (node, a: Args<{ disputeType?: DisputeType | null }>, ctx) =>
    count(ctx, node, `disputes:received:${a.disputeType ?? ''}`, a, caseSql(received, a.disputeType)),
  disputesResolved: (node, a: Args<{ disputeType?: DisputeType | null }>, ctx) =>
    count(ctx, node, `disputes:resolved:${a.disputeType ?? ''}`, a, caseSql(resolved, a.disputeType)),
  disputeResolutionRate: (node, a: Args<{ disputeType?: DisputeType | null }>, ctx) =>
    rate(ctx, node, `disputes:rate:${a.disputeType ?? ''}`, a, caseSql(resolved, a.disputeType), caseSql(closed, a.disputeType)),
  serviceProjects: (node, a: Args<{ mode?: ProjectMode | null }>, ctx) =>
    count(ctx, node, `projects:${a.mode ?? ''}`, a, projectSql('count(p.code)', a.mode)),
  serviceProjectCommunities: (node, a: Args<{ mode?: ProjectMode | null }>, ctx) =>
    count(ctx, node, `projects:communities:${a.mode ?? ''}`, a, projectSql('count(DISTINCT p.community_code)', a.mode)),
  serviceProjectFunding: (node, a: Args<{ mode?: ProjectMode | null }>, ctx) =>
    count(ctx, node, `projects:funding:${a.mode ?? ''}`, a, projectSql('coalesce(sum(p.funding), 0)', a.mode)),
};

export const figureResolvers = {
  Region: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    socialOrganizations: (r: { code: string }, _: unknown, ctx: RequestContext) => regionNode(ctx, r.code),
  },
  SocialOrganizationFigures: figures,
};
