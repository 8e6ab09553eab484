import { normaliseCreditCode, todayInChina } from '@district/common';
import {
  and,
  byKey,
  containsPattern,
  listPrefix,
  listUnder,
  periodTo,
  primeByKey,
  referenced,
  regionNode,
  rowsBy,
  sql,
  underPrefix,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
  type Sql,
} from '@district/subgraph-kit';
import type { Resolvers, SocialOrganizationFilter } from '../../generated/graphql';
import { AnnualInspection } from '../inspections/inspection.entity';
import { ServiceProject } from '../projects/service-project.entity';
import { mediationTally } from '../mediation/mediation.resolvers';
import { SocialOrganization } from './organization.entity';
import { isRegisteredType, MEDIATION_FIELD } from './codes';
import { evaluationEligibility, gradeValidOn, gradeView, levelOf } from './evaluation';
import {
  activeOn,
  byKind,
  deregisteredBy,
  deregisteredOrganizations,
  gradedOrganizations,
  gradeExpiring,
  gradesExpiringWithin,
  mediationOrganizations,
  monthsAhead,
  newMediationOrganizations,
  newOrganizations,
  organizationsByStatus,
} from './organizations.figures';

type Org = SocialOrganization;
const isRegistered = (o: Org) => isRegisteredType(o.orgType);

/** An organisation by its credit code or filing number (as typed: spaces, full-width, lower case), batched per request. */
export const organizationByCode = (ctx: RequestContext, code: string) =>
  byKey<SocialOrganization>(ctx, SocialOrganization, 'code').load(normaliseCreditCode(code ?? ''));

/** Where an organisation sits: its community, else its street. */
export const placeOfOrganization = (o: Org) => o.regionCode;

/** An organisation another record names, refused (FORBIDDEN, the field null) when outside the caller's scope. */
export const referencedOrganization = async (ctx: RequestContext, code: string) =>
  referenced(ctx, await organizationByCode(ctx, code), placeOfOrganization, ['社会组织', 'organization']);

/** Rows of `t` whose organisation (`t.organization_code`) sits under the prefix; nothing to add for the whole deployment. */
export const organizationUnder = (prefix: string): Sql | undefined =>
  prefix ? sql`t.organization_code IN (SELECT o.code FROM social_organization o WHERE ${underPrefix('o.region_code', prefix)})` : undefined;

export const ORGANIZATIONS: ListSpec<Org> = {
  entity: SocialOrganization,
  table: 'social_organization',
  place: 'region_code',
  sortColumns: { CODE: 't.code', NAME: 't.name', FOUNDED_ON: 't.founded_on', TYPE: 't.org_type' },
  defaultOrder: 't.code',
};

/** Organisations whose grade expires soon, soonest first. */
const EXPIRING: ListSpec<Org> = { ...ORGANIZATIONS, defaultOrder: 't.grade_year, t.code' };

/** A list's filter as SQL on `t`: kind, status on a day (default today, as the figures count it), name, founding dates. */
function orgFilter(f: Omit<SocialOrganizationFilter, 'regionCode'>): Sql {
  const day = periodTo(f.asOf ?? todayInChina());
  const name = f.nameContains?.trim();
  return and(
    byKind(f),
    f.status === 'ACTIVE' && activeOn(day),
    f.status === 'DEREGISTERED' && deregisteredBy(day),
    !!name && sql`t.name ILIKE ${containsPattern(name)} ESCAPE '\\'`,
    !!f.foundedFrom && sql`t.founded_on >= ${f.foundedFrom}::date`,
    !!f.foundedTo && sql`t.founded_on <= ${f.foundedTo}::date`,
  );
}

/** A page of organisations under a node; records referring back to them later in the response (their inspections, projects) find them loaded. */
async function organizationPage(ctx: RequestContext, spec: ListSpec<Org>, prefix: string, where: Sql, args: ListArgs<unknown>) {
  const page = await listUnder(ctx, spec, prefix, where, args);
  primeByKey(ctx, SocialOrganization, 'code', page.nodes);
  return page;
}

const organizationList = (ctx: RequestContext, prefix: string, f: Omit<SocialOrganizationFilter, 'regionCode'>, args: ListArgs<unknown>) =>
  organizationPage(ctx, ORGANIZATIONS, prefix, orgFilter(f), args);

/** Inspections of many organisations at once, latest first. */
export const inspectionsOf = (ctx: RequestContext, code: string) =>
  rowsBy<AnnualInspection>(ctx, AnnualInspection, 'organizationCode', { orderBy: { year: 'desc' } }).load(code);

/** Fields both kinds of organisation share. */
const common = {
  type: (o: Org) => o.orgType,
  street: (o: Org) => ({ code: o.streetCode }),
  community: (o: Org) => (o.communityCode ? { code: o.communityCode } : null),
  status: (o: Org, { asOf }: { asOf?: string | null }) =>
    o.deregisteredOn && o.deregisteredOn <= (asOf ?? todayInChina()) ? ('DEREGISTERED' as const) : ('ACTIVE' as const),
  isMediationOrganization: (o: Org) => o.field === MEDIATION_FIELD,
  mediation: (o: Org, { year }: { year: number }, ctx: RequestContext) => mediationTally(ctx, o.code, year),
  /** projects sit in the communities they serve: only those in the caller's scope */
  serviceProjects: async (o: Org, _: unknown, ctx: RequestContext) =>
    (await rowsBy<ServiceProject>(ctx, ServiceProject, 'organizationCode', { orderBy: { id: 'asc' } }).load(o.code)).filter(
      (p) => !!visible(ctx, p, (x) => x.communityCode),
    ),
};

/** The organisation named, if it is of the kind asked and the caller may see it (out of scope it looks missing). */
async function lookup(ctx: RequestContext, code: string, registered: boolean | null) {
  const org = visible(ctx, await organizationByCode(ctx, code), placeOfOrganization);
  return org && (registered === null || isRegistered(org) === registered) ? org : null;
}

/** An entity the gateway resolves for another subgraph's field: of the kind asked; out of scope FORBIDDEN. */
async function entity(ctx: RequestContext, code: string, registered: boolean) {
  const org = await referencedOrganization(ctx, code);
  return org && isRegistered(org) === registered ? org : null;
}

export const organizationResolvers: Resolvers = {
  Query: {
    socialOrganization: (_, { code }, ctx) => lookup(ctx, code, null),
    registeredOrganization: (_, { creditCode }, ctx) => lookup(ctx, creditCode, true),
    communityOrganization: (_, { filingNumber }, ctx) => lookup(ctx, filingNumber, false),
    socialOrganizations: (_, { filter, ...args }, ctx) => {
      const { regionCode, ...f } = filter ?? {};
      return organizationList(ctx, listPrefix(ctx, regionCode), f, args);
    },
    socialGradesExpiring: (_, args, ctx) => {
      const day = args.asOf ?? todayInChina();
      const where = and(activeOn(periodTo(day)), gradeExpiring(day, monthsAhead(args.withinMonths)));
      return organizationPage(ctx, EXPIRING, listPrefix(ctx, args.regionCode), where, args);
    },
  },
  Region: {
    __resolveReference: (ref) => ({ code: ref.code }),
    socialOrganizations: (r, _, ctx) => regionNode(ctx, r.code),
    socialOrganizationList: (r, { first, after, ...f }, ctx) => organizationList(ctx, listPrefix(ctx, r.code), f, { first, after }),
  },
  SocialOrganization: {
    __resolveType: (o) => (isRegistered(o) ? 'RegisteredOrganization' : 'CommunityOrganization'),
  },
  RegisteredOrganization: {
    ...common,
    __resolveReference: (ref, ctx) => entity(ctx, ref.creditCode, true),
    creditCode: (o) => o.code,
    id: (o) => o.code,
    grade: (o) => gradeView(o),
    inspections: (o, _, ctx) => inspectionsOf(ctx, o.code),
    evaluationEligibility: async (o, { year }, ctx) => {
      const results = new Map((await inspectionsOf(ctx, o.code)).map((i) => [i.year, i.result]));
      return evaluationEligibility(o, results, year);
    },
  },
  CommunityOrganization: {
    ...common,
    __resolveReference: (ref, ctx) => entity(ctx, ref.filingNumber, false),
    filingNumber: (o) => o.code,
    id: (o) => o.code,
  },
  EvaluationGrade: {
    valid: (g, { asOf }) => gradeValidOn(g, asOf ?? todayInChina()),
  },
  SocialOrganizationFigures: {
    organizations: (n, { status, ...a }, ctx) => yearOnYear(ctx, organizationsByStatus[status ?? 'ALL'], a, n.code),
    newOrganizations: (n, a, ctx) => yearOnYear(ctx, newOrganizations, a, n.code),
    deregisteredOrganizations: (n, a, ctx) => yearOnYear(ctx, deregisteredOrganizations, a, n.code),
    mediationOrganizations: (n, a, ctx) => yearOnYear(ctx, mediationOrganizations, a, n.code),
    newMediationOrganizations: (n, a, ctx) => yearOnYear(ctx, newMediationOrganizations, a, n.code),
    gradedOrganizations: (n, a, ctx) => yearOnYear(ctx, gradedOrganizations, { ...a, level: a.level && levelOf(a.level) }, n.code),
    gradesExpiring: (n, a, ctx) => yearOnYear(ctx, gradesExpiringWithin(monthsAhead(a.withinMonths)), a, n.code),
  },
};
