import { groupBy, inScope, regionNode, scopePrefix, todayInChina, type PageArgs, type RequestContext } from '@district/common';
import { MEDIATION_FIELD, REGISTERED_TYPES, type InspectionResult } from '../../vocabulary';
import { monthsInput } from '../../validation';
import { AnnualInspection } from '../inspections/inspection.entity';
import { ServiceProject } from '../projects/service-project.entity';
import { type SocialOrganization } from './organization.entity';
import { visibleOrganization } from './organization.loaders';
import { EVERYWHERE, gradeExpiring, organizationPage, type OrgCriteria, type OrgSort } from './organization.query';
import { evaluationEligibility, gradeOf, gradeValidUntil } from './evaluation';

type Org = SocialOrganization;
const isRegistered = (o: Org) => REGISTERED_TYPES.includes(o.orgType);

/** The node a root list looks under: the filter's region (narrowed to the caller's scope), else the scope, else everywhere. */
export function listNode(ctx: RequestContext, regionCode?: string | null): string {
  if (regionCode) return regionNode(ctx, regionCode).code;
  return scopePrefix(ctx.caller) ? (ctx.caller.regionScope as string) : EVERYWHERE;
}

function inspectionsOf(ctx: RequestContext, code: string) {
  const loader = ctx.loaders.get<string, AnnualInspection[]>('inspections:byOrganization', async (codes) => {
    const rows = await ctx.em.find(AnnualInspection, { organization: { code: { $in: [...codes] } } }, { orderBy: { year: 'desc' } });
    const byOrg = groupBy(rows, (i) => i.organization.code);
    return codes.map((c) => byOrg.get(c) ?? []);
  });
  return loader.load(code);
}

function mediationTally(ctx: RequestContext, code: string, year: number) {
  const loader = ctx.loaders.get<string, { received: number; resolved: number }>(`mediation:tally:${year}`, async (codes) => {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const rows: { code: string; received: string; resolved: string }[] = await ctx.em.getConnection().execute(
      `SELECT organization_code AS code,
              count(*) FILTER (WHERE received_on BETWEEN ? AND ?) AS received,
              count(*) FILTER (WHERE result = 'RESOLVED' AND closed_on BETWEEN ? AND ?) AS resolved
         FROM mediation_case WHERE organization_code IN (SELECT json_array_elements_text(?::json)) GROUP BY organization_code`,
      [from, to, from, to, JSON.stringify(codes)],
    );
    const byCode = new Map(rows.map((r) => [r.code, { received: Number(r.received), resolved: Number(r.resolved) }]));
    return codes.map((c) => byCode.get(c) ?? { received: 0, resolved: 0 });
  });
  return loader.load(code);
}

function projectsOf(ctx: RequestContext, code: string) {
  const loader = ctx.loaders.get<string, ServiceProject[]>('projects:byOrganization', async (codes) => {
    const rows = await ctx.em.find(ServiceProject, { organization: { code: { $in: [...codes] } } }, { orderBy: { code: 'asc' } });
    const byOrg = groupBy(rows, (p) => p.organization.code);
    return codes.map((c) => byOrg.get(c) ?? []);
  });
  return loader.load(code);
}

/** Fields both kinds of organisation share. */
const common = {
  code: (o: Org) => o.code,
  type: (o: Org) => o.orgType,
  street: (o: Org) => ({ code: o.streetCode }),
  community: (o: Org) => (o.communityCode ? { code: o.communityCode } : null),
  status: (o: Org, { asOf }: { asOf?: string | null }) =>
    o.deregisteredOn && o.deregisteredOn <= (asOf ?? todayInChina()) ? 'DEREGISTERED' : 'ACTIVE',
  isMediationOrganization: (o: Org) => o.field === MEDIATION_FIELD,
  mediation: (o: Org, { year }: { year: number }, ctx: RequestContext) => mediationTally(ctx, o.code, year),
  serviceProjects: async (o: Org, _: unknown, ctx: RequestContext) =>
    (await projectsOf(ctx, o.code)).filter((p) => inScope(ctx.caller, p.communityCode)),
};

type ListArgs = PageArgs & { filter?: (OrgCriteria & { regionCode?: string | null }) | null; sort?: OrgSort | null };

export const organizationResolvers = {
  Query: {
    socialOrganization: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleOrganization(ctx, code),
    registeredOrganization: async (_: unknown, { creditCode }: { creditCode: string }, ctx: RequestContext) => {
      const org = await visibleOrganization(ctx, creditCode);
      return org && isRegistered(org) ? org : null;
    },
    communityOrganization: async (_: unknown, { filingNumber }: { filingNumber: string }, ctx: RequestContext) => {
      const org = await visibleOrganization(ctx, filingNumber);
      return org && !isRegistered(org) ? org : null;
    },
    socialOrganizations: (_: unknown, { filter, sort, first, after }: ListArgs, ctx: RequestContext) => {
      const { regionCode, ...criteria } = filter ?? {};
      return organizationPage(ctx, listNode(ctx, regionCode), criteria, sort, { first, after });
    },
    socialGradesExpiring: (
      _: unknown,
      args: PageArgs & { withinMonths: number; asOf?: string | null; regionCode?: string | null },
      ctx: RequestContext,
    ) => {
      const asOf = args.asOf ?? todayInChina();
      const months = monthsInput(args.withinMonths);
      return organizationPage(ctx, listNode(ctx, args.regionCode), { status: 'ACTIVE', asOf }, null, args, {
        where: (params) => gradeExpiring(asOf, months, params),
        order: 'o.grade_year, o.code',
      });
    },
  },
  Region: {
    socialOrganizationList: (r: { code: string }, { first, after, ...criteria }: PageArgs & OrgCriteria, ctx: RequestContext) =>
      organizationPage(ctx, regionNode(ctx, r.code).code, criteria, null, { first, after }),
  },
  SocialOrganization: {
    __resolveType: (o: Org) => (isRegistered(o) ? 'RegisteredOrganization' : 'CommunityOrganization'),
  },
  RegisteredOrganization: {
    ...common,
    __resolveReference: async (ref: { creditCode: string }, ctx: RequestContext) => {
      const org = await visibleOrganization(ctx, ref.creditCode);
      return org && isRegistered(org) ? org : null;
    },
    creditCode: (o: Org) => o.code,
    grade: (o: Org) =>
      o.gradeLevel && o.gradeYear
        ? { level: gradeOf(o.gradeLevel), label: `${o.gradeLevel}A`, year: o.gradeYear, validUntil: gradeValidUntil(o.gradeYear) }
        : null,
    inspections: (o: Org, _: unknown, ctx: RequestContext) => inspectionsOf(ctx, o.code),
    evaluationEligibility: async (o: Org, { year }: { year: number }, ctx: RequestContext) => {
      const results = new Map<number, InspectionResult>((await inspectionsOf(ctx, o.code)).map((i) => [i.year, i.result]));
      return evaluationEligibility(o, results, year);
    },
  },
  CommunityOrganization: {
    ...common,
    __resolveReference: async (ref: { filingNumber: string }, ctx: RequestContext) => {
      const org = await visibleOrganization(ctx, ref.filingNumber);
      return org && !isRegistered(org) ? org : null;
    },
    filingNumber: (o: Org) => o.code,
  },
  EvaluationGrade: {
    valid: (g: { validUntil: string; year: number }, { asOf }: { asOf?: string | null }) => {
      const day = asOf ?? todayInChina();
      return day >= `${g.year}-01-01` && day <= g.validUntil;
    },
  },
};
