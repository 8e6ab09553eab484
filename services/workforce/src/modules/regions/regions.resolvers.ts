import { badInput, forbidden, inScope, isWithin, normaliseRegionCode, prefixRange, scopePrefix, todayInChina } from '@district/common';
import {
  byKey,
  historyField,
  byKeyPerVersion,
  listUnder,
  paginate,
  periodTo,
  listPrefix,
  recordId,
  regionNode,
  rowsBy,
  rowsByPerVersion,
  TRUE,
  visible,
  yearOnYear,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { Compound, Grid, Region } from './region.entity';
import { compoundsUnder, nodesUnder } from './region-tree';
import { communities, compounds, grids } from './regions.figures';
import { COMPOUND_RECORD, GRID_RECORD, REGION_RECORD } from './regions.mutations';

/** Parent of RegionStructure: the node (checked against the caller's scope) and the year asked. */
export interface StructureNode {
  code: string;
  year: number;
  asOf?: string | null;
}

/**
 * A region, grid or compound by code, batched with every other lookup of this request. Regions and
 * grids are kept per data version: a report or a dashboard refreshed again reads no tree rows.
 */
export const regionByCode = (ctx: RequestContext, code: string) => byKeyPerVersion<Region>(ctx, Region, 'code').load(code);
export const gridByCode = (ctx: RequestContext, code: string) => byKeyPerVersion<Grid>(ctx, Grid, 'code').load(code);
const compoundById = (ctx: RequestContext, id: string) => byKey<Compound>(ctx, Compound, 'id').load(id);

/** A scoped caller sees its own node, what is below it, and the ancestors on the way up. */
function visibleRegion(ctx: RequestContext, region: Region | null): Region | null {
  if (!region) return null;
  const scope = ctx.caller.regionScope;
  if (!scope || isWithin(region.code, scope) || isWithin(scope, region.code)) return region;
  return null;
}

const loadRegion = async (ctx: RequestContext, code: string) => visibleRegion(ctx, await regionByCode(ctx, normaliseRegionCode(code)));
const visibleGrid = async (ctx: RequestContext, code: string) => visible(ctx, await gridByCode(ctx, code), (g) => g.communityCode);
const visibleCompound = async (ctx: RequestContext, id: string) => visible(ctx, await compoundById(ctx, id), (c) => c.communityCode);

export const GRIDS: ListSpec<Grid> = { entity: Grid, table: 'grid', place: 'community_code', sortColumns: {}, defaultOrder: 't.code' };
const COMPOUNDS: ListSpec<Compound> = {
  entity: Compound,
  table: 'compound',
  place: 'community_code',
  sortColumns: {},
  defaultOrder: 't.id',
};

export const regionResolvers: Resolvers = {
  Query: {
    region: (_, { code }, ctx) => loadRegion(ctx, code),
    regions: (_, args, ctx) => {
      const where: Record<string, unknown> = {};
      if (args.level) where.level = args.level;
      if (args.parentCode) where.parentCode = normaliseRegionCode(args.parentCode);
      // a scoped caller lists its own node and what lies below it
      const prefix = scopePrefix(ctx.caller);
      if (prefix) where.code = { $gte: prefixRange(prefix).lo, $lt: prefixRange(prefix).hi };
      return paginate(ctx.em, Region, where, [{ code: 'asc' }], args);
    },
    grid: (_, { code }, ctx) => visibleGrid(ctx, code),
    compound: async (_, { code }, ctx) => visibleCompound(ctx, await recordId(ctx, code, 'code')),
  },
  Region: {
    id: (r) => r.code,
    // named by another subgraph's record (a project's street, a worker's community): a node the
    // caller may not see is refused at its path, never a silent null under a visible record
    __resolveReference: async (ref, ctx) => {
      const region = await regionByCode(ctx, normaliseRegionCode(ref.code));
      if (region && !visibleRegion(ctx, region)) {
        throw forbidden(`引用的区划 ${region.code} 超出您的范围 / the region node ${region.code} referenced here lies outside your scope`);
      }
      return region;
    },
    parent: (r, _, ctx) => (r.parentCode ? loadRegion(ctx, r.parentCode) : null),
    children: async (r, _, ctx) =>
      (await rowsByPerVersion<Region>(ctx, Region, 'parentCode', 'code').load(r.code)).filter((c) => visibleRegion(ctx, c)),
    grids: (r, args, ctx) => listUnder(ctx, GRIDS, listPrefix(ctx, r.code), TRUE, args),
    compounds: (r, args, ctx) => listUnder(ctx, COMPOUNDS, listPrefix(ctx, r.code), TRUE, args),
    structure: (r, args, ctx) => ({ code: regionNode(ctx, r.code).code, year: args.year, asOf: args.asOf }),
    /** compounds existing today; the gig-care subgraph reads it (@requires) for rider-code coverage */
    compoundCount: async (r, _, ctx) => ctx.figures.number(compounds, {}, regionNode(ctx, r.code).code, periodTo(todayInChina())),
    history: historyField(REGION_RECORD),
  },
  RegionStructure: {
    communities: (n, _, ctx) => yearOnYear(ctx, communities, n, n.code),
    grids: (n, _, ctx) => yearOnYear(ctx, grids, n, n.code),
    compounds: (n, _, ctx) => yearOnYear(ctx, compounds, n, n.code),
  },
  Grid: {
    __resolveReference: (ref, ctx) => visibleGrid(ctx, ref.code),
    id: (g) => g.code,
    community: async (g, _, ctx) => (await regionByCode(ctx, g.communityCode))!,
    compounds: (g, _, ctx) => rowsBy<Compound>(ctx, Compound, 'gridCode', { orderBy: { id: 'asc' } }).load(g.code),
    history: historyField(GRID_RECORD),
  },
  Compound: {
    __resolveReference: (ref, ctx) => visibleCompound(ctx, ref.id),
    code: (c) => c.number,
    community: async (c, _, ctx) => (await regionByCode(ctx, c.communityCode))!,
    grid: (c, _, ctx) => (c.gridCode ? gridByCode(ctx, c.gridCode) : null),
    history: historyField(COMPOUND_RECORD),
  },
};

/** Lookups for other subgraphs' imports and mutations: one statement per call, only what exists and is in the caller's scope. */
const MAX_LOOKUP = 5000;
function checkedCodes(codes: string[], normalise = false): string[] {
  if (codes.length > MAX_LOOKUP) throw badInput(`一次最多查找 ${MAX_LOOKUP} 个代码 / at most ${MAX_LOOKUP} codes per lookup`, 'codes');
  return [...new Set(codes.map((c) => (normalise ? normaliseRegionCode(c) : c.trim())))];
}

export const lookupResolvers: Resolvers = {
  Query: {
    lookupRegions: async (_, { codes }, ctx) =>
      (await ctx.em.find(Region, { code: { $in: checkedCodes(codes, true) } }, { orderBy: { code: 'asc' } })).filter((r) =>
        inScope(ctx.caller, r.code),
      ),
    lookupGrids: async (_, { codes }, ctx) =>
      (await ctx.em.find(Grid, { code: { $in: checkedCodes(codes) } }, { orderBy: { code: 'asc' } })).filter((g) =>
        inScope(ctx.caller, g.communityCode),
      ),
    lookupCompounds: async (_, { ids }, ctx) =>
      (await ctx.em.find(Compound, { id: { $in: checkedCodes(ids) } }, { orderBy: { id: 'asc' } })).filter((c) =>
        inScope(ctx.caller, c.communityCode),
      ),
    lookupNodesUnder: (_, { code, level, on }, ctx) => nodesUnder(ctx.em, regionNode(ctx, code).code, level ?? 'CHILDREN', on),
    lookupCompoundsUnder: (_, { code, on }, ctx) => compoundsUnder(ctx.em, regionNode(ctx, code).code, on),
  },
};
