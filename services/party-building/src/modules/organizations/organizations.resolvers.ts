import { globalId, inScope, normaliseCreditCode, parseGlobalId, todayInChina } from '@district/common';
import {
  and,
  byKey,
  containsPattern,
  eq,
  historyField,
  type ListArgs,
  listPrefix,
  type ListSpec,
  listUnder,
  listWhere,
  rateYearOnYear,
  raw,
  recordId,
  type RequestContext,
  rowsBy,
  rowsJoined,
  type Sql,
  sql,
  TRUE,
  underPrefix,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { PartyCoverageKind, PartyOrganizationFilter, Resolvers, TwoNewOrganizationFilter } from '../../generated/graphql';
import type { Instructor } from '../instructors/instructor.entity';
import { assignmentsOf, contactsOf } from '../instructors/instructor-links';
import { PartyOrganization, PartyOrgUnit, TwoNewOrganization } from './organization.entity';
import {
  coveredUnits,
  statusOn,
  unbuiltOn,
  unbuiltUnits,
  unitsInLedger,
  type CoverageCategory,
  type CoverageKind,
  type CoverageStatus,
} from './organizations.figures';
import { PARTY_ORG_RECORD, TWO_NEW_RECORD } from './organizations.mutations';

/** The branch rules let a joint Party organization cover at most this many units. */
export const JOINT_UNIT_LIMIT = 5;

/** Parent of PartyCoverageFigures: the node (checked against the caller's scope) and what was asked. */
export interface CoverageNode {
  code: string;
  year: number;
  asOf?: string | null;
  kind: CoverageKind;
}

/** A registered organization of the social-organizations subgraph, as the gateway names it. */
export interface RegisteredOrganizationRef {
  creditCode: string;
}

/** An organization's coverage on a day (OrganizationCoverage): what covers it comes with it. */
export interface Coverage {
  asOf: string;
  status: CoverageStatus;
  covered: boolean;
  organization: TwoNewOrganization;
  partyOrganization: PartyOrganization | null;
  instructor: Instructor | null;
}

/** A unit's stint in a Party organization, with the organization. */
type Stint = PartyOrgUnit & { partyOrganization: PartyOrganization };

const ORGANIZATIONS: ListSpec<TwoNewOrganization> = {
  entity: TwoNewOrganization,
  table: 'two_new_org',
  place: 'region_code',
  sortColumns: {
    CREDIT_CODE: 't.credit_code',
    NAME: 't.name',
    CATEGORY: 't.category',
    REGION_CODE: 't.region_code',
    PARTY_MEMBERS: 't.party_members',
  },
  defaultOrder: 't.credit_code',
};

const UNIT_COUNT = '(SELECT count(*) FROM two_new_org u WHERE u.party_organization_id = t.id AND u.withdrawn_on IS NULL)';

const PARTY_ORGANIZATIONS = {
  entity: PartyOrganization,
  table: 'party_organization',
  sortColumns: { NAME: 't.name', FOUNDED_ON: 't.founded_on', UNIT_COUNT },
  defaultOrder: 't.id',
};

/** The old spelling of the coverage kind is still accepted. */
const coverageKind = (kind: PartyCoverageKind | null | undefined): CoverageKind =>
  kind === 'ORGANISATIONAL' ? 'ORGANIZATIONAL' : (kind ?? 'ANY');

/** A unit by its credit code, as the caller may see it: null outside the caller's region. */
export async function organizationFor(ctx: RequestContext, creditCode: string): Promise<TwoNewOrganization | null> {
  const org = await byKey<TwoNewOrganization>(ctx, TwoNewOrganization, 'creditCode').load(normaliseCreditCode(creditCode ?? ''));
  return visible(ctx, org, (o) => o.regionCode);
}

/**
 * Filters on a unit's state now (formation, instructor, 应建未建) read the unit's own columns, which
 * always say where its stints stand today; coverage on another day reads the stints.
 */
async function organizationFilter(ctx: RequestContext, f: TwoNewOrganizationFilter | null | undefined): Promise<Sql> {
  if (!f) return TRUE;
  const today = todayInChina();
  const formation =
    f.formation === 'NONE'
      ? raw('t.party_organization_id IS NULL')
      : f.formation
        ? sql`EXISTS (SELECT 1 FROM party_organization p WHERE p.id = t.party_organization_id AND p.withdrawn_on IS NULL AND p.formation = ${f.formation})`
        : undefined;
  const unbuilt = f.unbuilt === null || f.unbuilt === undefined ? undefined : f.unbuilt ? unbuiltOn(today) : sql`NOT (${unbuiltOn(today)})`;
  return and(
    eq('t.category', f.category),
    f.keyOnly ? raw('t.is_key') : undefined,
    formation,
    f.coverage ? statusOn(f.coverage, f.coverageAsOf ?? today) : undefined,
    unbuilt,
    f.nameContains ? sql`t.name ILIKE ${containsPattern(f.nameContains)}` : undefined,
    f.instructorCode ? sql`t.instructor_id = ${await recordId(ctx, f.instructorCode, 'instructorCode')}` : undefined,
    f.keyAreaCode ? sql`t.key_area_id = ${await recordId(ctx, f.keyAreaCode, 'keyAreaCode')}` : undefined,
  );
}

/** Units under a node (checked against the caller's scope); Regions asking with the same arguments share one statement. */
async function organizationList(ctx: RequestContext, prefix: string, args: ListArgs<TwoNewOrganizationFilter>) {
  return listUnder(ctx, ORGANIZATIONS, prefix, await organizationFilter(ctx, args.filter), args);
}

/** A unit's stints in Party organizations, newest first, each with its organization: one statement per response. */
async function stintsOf(ctx: RequestContext, creditCode: string): Promise<Stint[]> {
  const rows = await rowsJoined(ctx, {
    name: 'stints',
    from: 'party_org_unit u JOIN party_organization p ON p.id = u.party_organization_id',
    entities: { u: PartyOrgUnit, p: PartyOrganization },
    key: 'u.credit_code',
    order: 'u.joined_on DESC, u.id DESC',
  }).load(creditCode);
  return rows.map((r) => Object.assign(r.u, { partyOrganization: r.p }));
}

/**
 * The Party organization covering a unit now (its row says which). Asked through the unit's stints
 * even when it has none, so that every unit of a response costs the same statements.
 */
async function partyOrganizationOf(ctx: RequestContext, o: TwoNewOrganization): Promise<PartyOrganization | null> {
  const stints = await stintsOf(ctx, o.creditCode);
  return stints.find((s) => !s.leftOn && s.partyOrganizationId === o.partyOrganizationId)?.partyOrganization ?? null;
}

/** The instructor assigned to a unit now (its row says who), through its assignments as partyOrganizationOf does. */
async function instructorOf(ctx: RequestContext, o: TwoNewOrganization): Promise<Instructor | null> {
  const assignments = await assignmentsOf(ctx, 'creditCode', o.creditCode);
  return assignments.find((a) => !a.recalledOn && a.instructorId === o.instructorId)?.instructor ?? null;
}

const activeOn = (day: string, from: string, to: string | null | undefined) => from <= day && (!to || to > day);

/**
 * Coverage on a day, from the unit's stints. What covers a unit the caller sees is seen too: a
 * Party organization is visible wherever it covers a unit, an instructor wherever assigned.
 */
export async function coverageOf(ctx: RequestContext, org: TwoNewOrganization, asOf?: string | null): Promise<Coverage> {
  const day = asOf ?? todayInChina();
  const [stints, assignments] = await Promise.all([stintsOf(ctx, org.creditCode), assignmentsOf(ctx, 'creditCode', org.creditCode)]);
  const unit = stints.find((s) => activeOn(day, s.joinedOn, s.leftOn));
  const assignment = assignments.find((a) => activeOn(day, a.assignedOn, a.recalledOn));
  const status: CoverageStatus = unit ? 'ORGANISATIONAL' : assignment ? 'WORK' : 'NONE';
  return {
    asOf: day,
    status,
    covered: status !== 'NONE',
    organization: org,
    partyOrganization: unit?.partyOrganization ?? null,
    instructor: assignment?.instructor ?? null,
  };
}

const partyOrganizationById = (ctx: RequestContext, id: number) => byKey<PartyOrganization, number>(ctx, PartyOrganization, 'id').load(id);

/** The units a Party organization covers now (each unit's own column says which organization that is). */
const unitsOf = (ctx: RequestContext, p: PartyOrganization) =>
  rowsBy<TwoNewOrganization, number>(ctx, TwoNewOrganization, 'partyOrganizationId', { orderBy: { creditCode: 'asc' } }).load(p.id);

/** A Party organization is visible to each region it covers a unit in (or, with none, where it sits). */
async function visiblePartyOrganization(ctx: RequestContext, p: PartyOrganization | null): Promise<PartyOrganization | null> {
  if (!p || !ctx.caller.regionScope) return p;
  const units = await unitsOf(ctx, p);
  const seen = units.length ? units.some((o) => inScope(ctx.caller, o.regionCode)) : inScope(ctx.caller, p.regionCode);
  return seen ? p : null;
}

/** A Party organization by its global id (e.g. 410106:12) or its number in the caller's district. */
async function partyOrganizationFor(ctx: RequestContext, given: string): Promise<PartyOrganization | null> {
  const { district, local } = parseGlobalId(await recordId(ctx, given), 'id');
  if (!/^\d{1,9}$/.test(local)) return null;
  const p = await partyOrganizationById(ctx, Number(local));
  return visiblePartyOrganization(ctx, p && p.districtCode === district ? p : null);
}

/** Party organizations covering a unit under a prefix (the caller's scope, a requested node). */
const coveringUnder = (prefix: string) =>
  sql`EXISTS (SELECT 1 FROM two_new_org o WHERE o.party_organization_id = t.id AND o.withdrawn_on IS NULL AND ${underPrefix('o.region_code', prefix)})`;

function partyOrganizationFilter(ctx: RequestContext, f: PartyOrganizationFilter | null | undefined): Sql {
  const scope = listPrefix(ctx);
  const over = raw(`(t.formation = 'JOINT' AND ${UNIT_COUNT} > ${JOINT_UNIT_LIMIT})`);
  return and(
    scope ? coveringUnder(scope) : undefined,
    f?.regionCode ? coveringUnder(listPrefix(ctx, f.regionCode)) : undefined,
    eq('t.formation', f?.type),
    f?.nameContains ? sql`t.name ILIKE ${containsPattern(f.nameContains)}` : undefined,
    f?.foundedFrom ? sql`t.founded_on >= ${f.foundedFrom}::date` : undefined,
    f?.foundedTo ? sql`t.founded_on <= ${f.foundedTo}::date` : undefined,
    f?.exceedsUnitLimit === true ? over : f?.exceedsUnitLimit === false ? sql`NOT ${over}` : undefined,
  );
}

const rate = (ctx: RequestContext, n: CoverageNode, category: CoverageCategory) =>
  rateYearOnYear(ctx, coveredUnits[n.kind], unitsInLedger, { year: n.year, asOf: n.asOf, category }, n.code);

export const organizationResolvers: Resolvers = {
  Query: {
    twoNewOrganization: (_, { creditCode }, ctx) => organizationFor(ctx, creditCode),
    twoNewOrganizations: (_, args, ctx) => organizationList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    partyUnbuiltOrganizations: (_, args, ctx) =>
      organizationList(ctx, listPrefix(ctx, args.regionCode), { ...args, filter: { unbuilt: true } }),
    partyOrganization: (_, { id }, ctx) => partyOrganizationFor(ctx, id),
    partyOrganizations: (_, args, ctx) => listWhere(ctx, PARTY_ORGANIZATIONS, partyOrganizationFilter(ctx, args.filter), args),
  },
  Region: {
    twoNewOrganizations: (r, args, ctx) => organizationList(ctx, listPrefix(ctx, r.code), args),
  },
  TwoNewOrganization: {
    history: historyField(TWO_NEW_RECORD),
    id: (o) => o.creditCode,
    __resolveReference: (ref, ctx) => organizationFor(ctx, ref.creditCode),
    region: (o) => ({ code: o.regionCode }),
    formation: async (o, _, ctx) => (await partyOrganizationOf(ctx, o))?.formation ?? 'NONE',
    partyOrganization: (o, _, ctx) => partyOrganizationOf(ctx, o),
    partyOrganizationSince: (o) => o.partyJoinedOn ?? null,
    unbuilt: (o) => o.partyMembers >= 3 && !o.partyOrganizationId,
    instructor: (o, _, ctx) => instructorOf(ctx, o),
    assignments: (o, _, ctx) => assignmentsOf(ctx, 'creditCode', o.creditCode),
    coverage: (o, { asOf }, ctx) => coverageOf(ctx, o, asOf),
    contacts: async (o, _, ctx) => (await contactsOf(ctx, 'creditCode', o.creditCode)).filter((c) => inScope(ctx.caller, c.regionCode)),
    // civil affairs (登记管理机关 5) registers social organizations: the same entity in the social-organizations subgraph
    registeredOrganization: (o) => (o.creditCode.startsWith('5') ? { creditCode: o.creditCode } : null),
  },
  PartyOrganization: {
    history: historyField(PARTY_ORG_RECORD),
    id: (p) => globalId(p.districtCode, String(p.id)),
    type: (p) => p.formation,
    units: async (p, _, ctx) => (await unitsOf(ctx, p)).filter((o) => inScope(ctx.caller, o.regionCode)),
    unitCount: async (p, _, ctx) => (await unitsOf(ctx, p)).length,
    partyMembers: async (p, _, ctx) => (await unitsOf(ctx, p)).reduce((sum, o) => sum + o.partyMembers, 0),
    exceedsUnitLimit: async (p, _, ctx) => p.formation === 'JOINT' && (await unitsOf(ctx, p)).length > JOINT_UNIT_LIMIT,
  },
  RegisteredOrganization: {
    __resolveReference: (ref) => ({ creditCode: ref.creditCode }),
    partyCoverage: async (r, { asOf }, ctx) => {
      const org = await organizationFor(ctx, r.creditCode);
      return org ? coverageOf(ctx, org, asOf) : null;
    },
  },
  PartyBuildingFigures: {
    coverage: (n, args) => ({ code: n.code, year: args.year, asOf: args.asOf, kind: coverageKind(args.kind) }),
    organizationallyCovered: (n, args, ctx) => yearOnYear(ctx, coveredUnits.ORGANIZATIONAL, args, n.code),
    unbuiltOrganizations: (n, args, ctx) => yearOnYear(ctx, unbuiltUnits, args, n.code),
  },
  PartyCoverageFigures: {
    park: (n, _, ctx) => rate(ctx, n, 'park'),
    keyEnterprise: (n, _, ctx) => rate(ctx, n, 'keyEnterprise'),
    socialOrganization: (n, _, ctx) => rate(ctx, n, 'socialOrganization'),
    association: (n, _, ctx) => rate(ctx, n, 'association'),
    overall: (n, _, ctx) => rate(ctx, n, 'overall'),
  },
};
