import { orderFrom, paginate, regionList, type PageArgs, type RequestContext } from '@district/common';
import { byCode, visibleByCode } from '../../lib/loaders';
import { listPrefix } from '@district/common';
import { Need, Resource, type NeedStatus } from './need.entity';
import { needMutations } from './needs.mutations';
import { suggestResources } from './suggest';

interface ListFilter {
  regionCode?: string;
  category?: string;
  from?: string;
  to?: string;
}
type Sort = { field: string; direction?: 'ASC' | 'DESC' } | null;

const NEED_SORT = { CODE: 'code', RAISED_ON: 'raisedOn', GRID: 'gridCode', STATUS: 'status' };
const RESOURCE_SORT = { CODE: 'code', REGISTERED_ON: 'registeredOn', GRID: 'gridCode', CATEGORY: 'category' };

/** Needs and resources sit on grids; a grid code starts with its community's, so one column filters every level. */
function listWhere(ctx: RequestContext, f: ListFilter, dateField: string) {
  const where: Record<string, unknown> = { gridCode: { $like: `${listPrefix(ctx, f.regionCode)}%` } };
  if (f.category) where.category = f.category;
  if (f.from || f.to) where[dateField] = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lte: f.to } : {}) };
  return where;
}

/** Lists under a Region or a Grid: both are codes whose prefix the grid codes start with. */
const needsUnder = (node: { code: string }, args: PageArgs & { status?: NeedStatus }, ctx: RequestContext) =>
  regionList(
    ctx,
    {
      entity: Need,
      table: 'need',
      column: 'grid_code',
      order: 't.code',
      where: args.status ? { sql: 't.status = ?', params: [args.status] } : undefined,
    },
    listPrefix(ctx, node.code),
    args,
  );

const resourcesUnder = (node: { code: string }, args: PageArgs, ctx: RequestContext) =>
  regionList(ctx, { entity: Resource, table: 'resource', column: 'grid_code', order: 't.code' }, listPrefix(ctx, node.code), args);

export const needResolvers = {
  Query: {
    volunteerNeed: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Need, 'need', code),
    volunteerNeeds: (_: unknown, args: PageArgs & { filter?: ListFilter & { status?: NeedStatus }; sort?: Sort }, ctx: RequestContext) => {
      const where = listWhere(ctx, args.filter ?? {}, 'raisedOn');
      if (args.filter?.status) where.status = args.filter.status;
      return paginate(ctx.em, Need, where, orderFrom(args.sort, NEED_SORT, [{ code: 'asc' }]), args);
    },
    volunteerResource: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Resource, 'resource', code),
    volunteerResources: (
      _: unknown,
      args: PageArgs & { filter?: ListFilter & { provider?: string }; sort?: Sort },
      ctx: RequestContext,
    ) => {
      const where = listWhere(ctx, args.filter ?? {}, 'registeredOn');
      if (args.filter?.provider) where.provider = args.filter.provider;
      return paginate(ctx.em, Resource, where, orderFrom(args.sort, RESOURCE_SORT, [{ code: 'asc' }]), args);
    },
    suggestResources: (_: unknown, args: { needId: string; first?: number }, ctx: RequestContext) =>
      suggestResources(ctx, args.needId, args.first),
  },
  Mutation: needMutations,
  Region: { volunteerNeeds: needsUnder, volunteerResources: resourcesUnder },
  Grid: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
    volunteerNeeds: needsUnder,
    volunteerResources: resourcesUnder,
  },
  VolunteerNeed: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Need, 'need', ref.code),
    grid: (n: Need) => ({ code: n.gridCode }),
    community: (n: Need) => ({ code: n.communityCode }),
    resource: (n: Need, _: unknown, ctx: RequestContext) =>
      n.resourceCode ? byCode(ctx, Resource, 'resource').load(n.resourceCode) : null,
  },
  VolunteerResource: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Resource, 'resource', ref.code),
    grid: (r: Resource) => ({ code: r.gridCode }),
    community: (r: Resource) => ({ code: r.communityCode }),
  },
};
