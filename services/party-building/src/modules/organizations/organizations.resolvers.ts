import { inScope, regionList, scopePrefix, sqlPage, todayInChina, type PageArgs, type RequestContext } from '@district/common';
import { loaders, type Contact } from '../../loaders';
import { containsPattern, nodePrefix, orderSql, scopeCondition, Where } from '../../sql';
import { assignmentOn, organisationalSql, statusOf, statusSql, unbuiltSql, unitOn, type CoverageStatus } from './coverage';
import { PartyOrganization, TwoNewOrganization, type Category } from './organization.entity';

/** The branch rules let a joint Party organisation cover at most this many units. */
export const JOINT_UNIT_LIMIT = 5;

export interface OrgFilter {
  regionCode?: string | null;
  category?: Category | null;
  keyOnly?: boolean | null;
  formation?: 'SINGLE' | 'JOINT' | 'NONE' | null;
  coverage?: CoverageStatus | null;
  coverageAsOf?: string | null;
  unbuilt?: boolean | null;
  nameContains?: string | null;
  instructorCode?: string | null;
}

type Sort = { field: string; direction?: 'ASC' | 'DESC' | null } | null;

const ORG_SORT = {
  CREDIT_CODE: 'o.credit_code',
  NAME: 'o.name',
  CATEGORY: 'o.category',
  REGION_CODE: 'o.region_code',
  PARTY_MEMBERS: 'o.party_members',
};

function orgWhere(ctx: RequestContext, f: OrgFilter | null | undefined): Where {
  const where = scopeCondition(ctx, new Where(), 'o.region_code');
  const today = todayInChina();
  if (!f) return where;
  if (f.regionCode) where.add('o.region_code LIKE ?', `${nodePrefix(ctx, f.regionCode)}%`);
  if (f.category) where.add('o.category = ?', f.category);
  if (f.keyOnly) where.add('o.is_key');
  if (f.formation === 'NONE') {
    const [sql, params] = organisationalSql(today);
    where.add(`NOT ${sql}`, ...params);
  }
  if (f.formation === 'SINGLE' || f.formation === 'JOINT') {
    where.add(
      `EXISTS (SELECT 1 FROM party_org_unit m JOIN party_organization p ON p.id = m.party_organization_id
      WHERE m.credit_code = o.credit_code AND m.joined_on <= ?::date AND (m.left_on IS NULL OR m.left_on > ?::date)
      AND p.formation = ?)`,
      today,
      today,
      f.formation,
    );
  }
  if (f.coverage) {
    const [sql, params] = statusSql(f.coverage, f.coverageAsOf ?? today);
    where.add(sql, ...params);
  }
  if (f.unbuilt !== null && f.unbuilt !== undefined) {
    const [sql, params] = unbuiltSql(today);
    where.add(f.unbuilt ? sql : `NOT ${sql}`, ...params);
  }
  if (f.nameContains) where.add('o.name ILIKE ?', containsPattern(f.nameContains));
  if (f.instructorCode) {
    where.add(
      `EXISTS (SELECT 1 FROM instructor_assignment a WHERE a.credit_code = o.credit_code
      AND a.instructor_code = ? AND a.withdrawn_on IS NULL)`,
      f.instructorCode,
    );
  }
  return where;
}

/**
 * Organisations under a prefix: the caller's scope for the root list, a Region's node for its own;
 * Regions asking with the same arguments share one statement.
 */
function listOrganizations(ctx: RequestContext, prefix: string, filter: OrgFilter | null | undefined, sort: Sort, args: PageArgs) {
  const order = orderSql(sort, ORG_SORT, 'o.credit_code');
  return regionList(
    ctx,
    { entity: TwoNewOrganization, table: 'two_new_org', alias: 'o', column: 'region_code', where: orgWhere(ctx, filter), order },
    prefix,
    args,
  );
}

/** Units an organisation covers today, and the organisation itself, for a unit's current state. */
async function currentUnit(ctx: RequestContext, org: TwoNewOrganization) {
  return unitOn(await loaders.unitsOfOrganization(ctx).load(org.creditCode), todayInChina());
}

export async function visibleOrganization(ctx: RequestContext, creditCode: string) {
  const org = await loaders.organization(ctx).load(creditCode.trim().toUpperCase());
  return org && inScope(ctx.caller, org.regionCode) ? org : null;
}

export async function coverageOf(ctx: RequestContext, org: TwoNewOrganization, asOf?: string | null) {
  const day = asOf ?? todayInChina();
  const [units, assignments] = await Promise.all([
    loaders.unitsOfOrganization(ctx).load(org.creditCode),
    loaders.assignmentsOfOrganization(ctx).load(org.creditCode),
  ]);
  const unit = unitOn(units, day);
  const assignment = assignmentOn(assignments, day);
  const status = statusOf(unit, assignment);
  return {
    asOf: day,
    status,
    covered: status !== 'NONE',
    organization: org,
    partyOrganization: unit?.partyOrganization ?? null,
    instructor: assignment?.instructor ?? null,
  };
}

/** The units a Party organisation covers today. */
async function unitsToday(ctx: RequestContext, p: PartyOrganization): Promise<TwoNewOrganization[]> {
  const today = todayInChina();
  return (await loaders.unitsOfPartyOrganization(ctx).load(p.id)).filter((u) => unitOn([u], today)).map((u) => u.organization);
}

const PARTY_ORG_SORT = {
  NAME: 't.name',
  FOUNDED_ON: 't.founded_on',
  UNIT_COUNT: `(SELECT count(*) FROM party_org_unit u WHERE u.party_organization_id = t.id AND u.left_on IS NULL)`,
};

export interface PartyOrgFilter {
  regionCode?: string | null;
  type?: 'SINGLE' | 'JOINT' | null;
  exceedsUnitLimit?: boolean | null;
  nameContains?: string | null;
}

function partyOrgWhere(ctx: RequestContext, f: PartyOrgFilter | null | undefined): Where {
  const where = new Where();
  // a joint organisation spanning streets is visible to each street it covers a unit in
  const underPrefix = (prefix: string) =>
    where.add(
      `EXISTS (SELECT 1 FROM party_org_unit u JOIN two_new_org o ON o.credit_code = u.credit_code
      WHERE u.party_organization_id = t.id AND u.left_on IS NULL AND o.region_code LIKE ?)`,
      `${prefix}%`,
    );
  const scope = scopePrefix(ctx.caller);
  if (scope) underPrefix(scope);
  if (f?.regionCode) underPrefix(nodePrefix(ctx, f.regionCode));
  if (f?.type) where.add('t.formation = ?', f.type);
  if (f?.nameContains) where.add('t.name ILIKE ?', containsPattern(f.nameContains));
  if (f?.exceedsUnitLimit !== null && f?.exceedsUnitLimit !== undefined) {
    const over = `(t.formation = 'JOINT' AND ${PARTY_ORG_SORT.UNIT_COUNT} > ${JOINT_UNIT_LIMIT})`;
    where.add(f.exceedsUnitLimit ? over : `NOT ${over}`);
  }
  return where;
}

async function visiblePartyOrganization(ctx: RequestContext, p: PartyOrganization | null) {
  if (!p || !ctx.caller.regionScope) return p;
  return (await unitsToday(ctx, p)).some((o) => inScope(ctx.caller, o.regionCode)) ? p : null;
}

export const organizationResolvers = {
  Query: {
    twoNewOrganization: (_: unknown, { creditCode }: { creditCode: string }, ctx: RequestContext) => visibleOrganization(ctx, creditCode),
    twoNewOrganizations: (_: unknown, args: PageArgs & { filter?: OrgFilter; sort?: Sort }, ctx: RequestContext) =>
      listOrganizations(ctx, scopePrefix(ctx.caller), args.filter, args.sort ?? null, args),
    partyUnbuiltOrganizations: (_: unknown, args: PageArgs & { regionCode?: string }, ctx: RequestContext) =>
      listOrganizations(ctx, scopePrefix(ctx.caller), { regionCode: args.regionCode, unbuilt: true }, null, args),
    partyOrganization: async (_: unknown, { id }: { id: string }, ctx: RequestContext) =>
      /^\d{1,9}$/.test(id) ? visiblePartyOrganization(ctx, await loaders.partyOrganization(ctx).load(Number(id))) : null,
    partyOrganizations: (_: unknown, args: PageArgs & { filter?: PartyOrgFilter; sort?: Sort }, ctx: RequestContext) =>
      sqlPage(
        ctx,
        PartyOrganization,
        'party_organization',
        partyOrgWhere(ctx, args.filter),
        orderSql(args.sort, PARTY_ORG_SORT, 't.id'),
        args,
      ),
  },
  Region: {
    twoNewOrganizations: (r: { code: string }, args: PageArgs & { filter?: OrgFilter }, ctx: RequestContext) =>
      listOrganizations(ctx, nodePrefix(ctx, r.code), args.filter, null, args),
  },
  TwoNewOrganization: {
    __resolveReference: (ref: { creditCode: string }, ctx: RequestContext) => visibleOrganization(ctx, ref.creditCode),
    region: (o: TwoNewOrganization) => ({ code: o.regionCode }),
    formation: async (o: TwoNewOrganization, _: unknown, ctx: RequestContext) =>
      (await currentUnit(ctx, o))?.partyOrganization.formation ?? 'NONE',
    partyOrganization: async (o: TwoNewOrganization, _: unknown, ctx: RequestContext) =>
      (await currentUnit(ctx, o))?.partyOrganization ?? null,
    partyOrganizationSince: async (o: TwoNewOrganization, _: unknown, ctx: RequestContext) => (await currentUnit(ctx, o))?.joinedOn ?? null,
    unbuilt: async (o: TwoNewOrganization, _: unknown, ctx: RequestContext) => o.partyMembers >= 3 && !(await currentUnit(ctx, o)),
    instructor: async (o: TwoNewOrganization, _: unknown, ctx: RequestContext) =>
      assignmentOn(await loaders.assignmentsOfOrganization(ctx).load(o.creditCode), todayInChina())?.instructor ?? null,
    assignments: (o: TwoNewOrganization, _: unknown, ctx: RequestContext) => loaders.assignmentsOfOrganization(ctx).load(o.creditCode),
    coverage: (o: TwoNewOrganization, { asOf }: { asOf?: string }, ctx: RequestContext) => coverageOf(ctx, o, asOf),
    contacts: (o: TwoNewOrganization, _: unknown, ctx: RequestContext): Promise<Contact[]> =>
      loaders.contactsOfOrganization(ctx).load(o.creditCode),
    // civil affairs (登记管理机关 5) registers social organisations: the same entity in the social-organizations subgraph
    registeredOrganization: (o: TwoNewOrganization) => (o.creditCode.startsWith('5') ? { creditCode: o.creditCode } : null),
  },
  PartyOrganization: {
    type: (p: PartyOrganization) => p.formation,
    units: (p: PartyOrganization, _: unknown, ctx: RequestContext) => unitsToday(ctx, p),
    unitCount: async (p: PartyOrganization, _: unknown, ctx: RequestContext) => (await unitsToday(ctx, p)).length,
    partyMembers: async (p: PartyOrganization, _: unknown, ctx: RequestContext) =>
      (await unitsToday(ctx, p)).reduce((sum, o) => sum + o.partyMembers, 0),
    exceedsUnitLimit: async (p: PartyOrganization, _: unknown, ctx: RequestContext) =>
      p.formation === 'JOINT' && (await unitsToday(ctx, p)).length > JOINT_UNIT_LIMIT,
  },
  RegisteredOrganization: {
    __resolveReference: (ref: { creditCode: string }) => ({ creditCode: ref.creditCode }),
    partyCoverage: async (r: { creditCode: string }, { asOf }: { asOf?: string }, ctx: RequestContext) => {
      const org = await visibleOrganization(ctx, r.creditCode);
      return org ? coverageOf(ctx, org, asOf) : null;
    },
  },
};
