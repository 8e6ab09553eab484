import {
  and,
  byKey,
  eq,
  historyField,
  inList,
  type ListArgs,
  listPrefix,
  type ListSpec,
  listUnder,
  olderThan,
  rateYearOnYear,
  recordId,
  type RequestContext,
  sql,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerNeedFilter, VolunteerResourceFilter } from '../../generated/graphql';
import { Need, NEED_LOOP, Resource } from './need.entity';
import { needsGrids, needsRaised, needsReached, resourcesRegistered } from './needs.figures';
import { NEED_RECORD, needMutations, RESOURCE_RECORD } from './needs.mutations';
import { suggestResources } from './suggest';

/** Needs and resources sit on grids: a grid code starts with its community's, so one range serves a grid and every node above it. */
const NEEDS: ListSpec<Need> = {
  entity: Need,
  table: 'need',
  place: 'grid_code',
  sortColumns: {
    CODE: 't.number',
    RAISED_ON: 't.raised_on',
    GRID: 't.grid_code',
    // the loop's order, not the alphabet's
    STATUS: `array_position(ARRAY[${NEED_LOOP.states.map((s) => `'${s}'`).join(', ')}], t.status::text)`,
  },
  defaultOrder: 't.id',
};

const RESOURCES: ListSpec<Resource> = {
  entity: Resource,
  table: 'resource',
  place: 'grid_code',
  sortColumns: { CODE: 't.number', REGISTERED_ON: 't.registered_on', GRID: 't.grid_code', CATEGORY: 't.category' },
  defaultOrder: 't.id',
};

/** Needs under a node or a grid (`prefix`, checked against the caller's scope). */
function needList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerNeedFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    eq('t.status', f.status),
    inList('t.status', f.statusIn),
    eq('t.category', f.category?.trim() || null),
    f.categoryKinds?.length ? inList('t.category_kind', f.categoryKinds) : undefined,
    f.from ? sql`t.raised_on >= ${f.from}::date` : undefined,
    f.to ? sql`t.raised_on <= ${f.to}::date` : undefined,
    olderThan('t.raised_on', f.olderThanDays, f.ageOn),
  );
  return listUnder(ctx, NEEDS, prefix, filter, args);
}

/** Resources under a node or a grid. */
function resourceList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerResourceFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    eq('t.category', f.category?.trim() || null),
    eq('t.provider', f.provider?.trim() || null),
    f.from ? sql`t.registered_on >= ${f.from}::date` : undefined,
    f.to ? sql`t.registered_on <= ${f.to}::date` : undefined,
  );
  return listUnder(ctx, RESOURCES, prefix, filter, args);
}

/** Needs and resources by global id, batched with every other lookup of this request. */
const needById = (ctx: RequestContext, id: string) => byKey<Need>(ctx, Need, 'id').load(id);
const resourceById = (ctx: RequestContext, id: string) => byKey<Resource>(ctx, Resource, 'id').load(id);
const visibleNeed = async (ctx: RequestContext, id: string) => visible(ctx, await needById(ctx, id), (n) => n.communityCode);
const visibleResource = async (ctx: RequestContext, id: string) => visible(ctx, await resourceById(ctx, id), (r) => r.communityCode);

export const needResolvers: Resolvers = {
  Query: {
    volunteerNeed: async (_, { code }, ctx) => visibleNeed(ctx, await recordId(ctx, code, 'code')),
    volunteerNeeds: (_, args, ctx) => needList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    volunteerResource: async (_, { code }, ctx) => visibleResource(ctx, await recordId(ctx, code, 'code')),
    volunteerResources: (_, args, ctx) => resourceList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    suggestResources: (_, args, ctx) => suggestResources(ctx, args.needId, args.first),
  },
  Mutation: needMutations,
  Region: {
    volunteerNeeds: (r, { status, ...page }, ctx) => needList(ctx, listPrefix(ctx, r.code), { ...page, filter: { status } }),
    volunteerResources: (r, args, ctx) => resourceList(ctx, listPrefix(ctx, r.code), args),
  },
  Grid: {
    volunteerNeeds: (g, { status, ...page }, ctx) => needList(ctx, listPrefix(ctx, g.code), { ...page, filter: { status } }),
    volunteerResources: (g, args, ctx) => resourceList(ctx, listPrefix(ctx, g.code), args),
  },
  VolunteerNeed: {
    __resolveReference: (ref, ctx) => visibleNeed(ctx, ref.id),
    code: (n) => n.number,
    history: historyField(NEED_RECORD),
    grid: (n) => ({ code: n.gridCode }),
    community: (n) => ({ code: n.communityCode }),
    resource: (n, _, ctx) => (n.resourceId ? visibleResource(ctx, n.resourceId) : null),
  },
  VolunteerResource: {
    __resolveReference: (ref, ctx) => visibleResource(ctx, ref.id),
    code: (r) => r.number,
    history: historyField(RESOURCE_RECORD),
    grid: (r) => ({ code: r.gridCode }),
    community: (r) => ({ code: r.communityCode }),
  },
  VolunteerFigures: {
    needs: (n, a, ctx) => yearOnYear(ctx, needsReached[a.stage ?? 'RAISED'], a, n.code),
    needsGrids: (n, a, ctx) => yearOnYear(ctx, needsGrids, a, n.code),
    needClosureRate: (n, a, ctx) => rateYearOnYear(ctx, needsReached.CLOSED, needsRaised, a, n.code),
    resources: (n, a, ctx) => yearOnYear(ctx, resourcesRegistered, a, n.code),
  },
};
