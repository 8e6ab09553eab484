import {
  connection,
  countFigure,
  inScope,
  isWithin,
  normaliseRegionCode,
  pageWindow,
  periodOf,
  previousPeriod,
  regionFigure,
  regionNode,
  scopePrefix,
  badInput,
  type PageArgs,
  type Period,
  type RequestContext,
} from '@district/common';
import { listPrefix } from '@district/common';
import { pageUnder, sql, type ListSpec } from '../../list';
import { Compound, Grid, Region } from './region.entity';

const LEVELS = ['DISTRICT', 'STREET', 'TOWN', 'COMMUNITY'];

/** Regions by code for every parent in this request, one statement per batch. */
function regionLoader(ctx: RequestContext) {
  return ctx.loaders.get<string, Region | null>('region', async (codes) => {
    const rows = await ctx.em.find(Region, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => byCode.get(c) ?? null);
  });
}

function gridLoader(ctx: RequestContext) {
  return ctx.loaders.get<string, Grid | null>('grid', async (codes) => {
    const rows = await ctx.em.find(Grid, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((g) => [g.code, g]));
    return codes.map((c) => byCode.get(c) ?? null);
  });
}

/** A region or grid by code, batched with every other lookup of this request. */
export const regionByCode = (ctx: RequestContext, code: string): Promise<Region | null> => regionLoader(ctx).load(code);
export const gridByCode = (ctx: RequestContext, code: string): Promise<Grid | null> => gridLoader(ctx).load(code);

function visible(ctx: RequestContext, region: Region | null): Region | null {
  // a scoped caller sees its own node, what is below it, and the ancestors on the way up
  if (!region) return null;
  const scope = ctx.caller.regionScope;
  if (!scope || isWithin(region.code, scope) || isWithin(scope, region.code)) return region;
  return null;
}

async function loadRegion(ctx: RequestContext, code: string) {
  return visible(ctx, await regionLoader(ctx).load(normaliseRegionCode(code)));
}

export const GRIDS: ListSpec<Grid> = {
  entity: Grid,
  table: 'grid',
  regionColumn: 'community_code',
  sortColumns: {},
  defaultOrder: 't.code',
};
const COMPOUNDS: ListSpec<Compound> = {
  entity: Compound,
  table: 'compound',
  regionColumn: 'community_code',
  sortColumns: {},
  defaultOrder: 't.code',
};

async function page<T extends object>(ctx: RequestContext, entity: new () => T, where: object, orderBy: object, args: PageArgs) {
  const { limit, offset } = pageWindow(args);
  const [nodes, total] = await ctx.em.findAndCount(entity, where as never, { orderBy: orderBy as never, limit, offset });
  return connection(nodes, total, offset);
}

/** Counts of a region table under many nodes at once, as of the period's stock date. */
export function structureCount(ctx: RequestContext, table: 'region' | 'grid' | 'compound', code: string, period: Period) {
  const column = table === 'region' ? 'code' : 'community_code';
  const levelFilter = table === 'region' ? `AND t.level = 'COMMUNITY'` : '';
  return regionFigure(ctx, `structure:${table}:${period.asOf}`, code, (regions) => ({
    text: `SELECT r.code, count(t.*) AS value FROM ${regions}
           LEFT JOIN ${table} t ON t.${column} LIKE r.prefix || '%' ${levelFilter}
             AND (t.established_on IS NULL OR t.established_on <= ?)
             AND (t.abolished_on IS NULL OR t.abolished_on > ?)
           GROUP BY r.code`,
    params: [period.asOf, period.asOf],
  }));
}

export const regionResolvers = {
  Query: {
    region: (_: unknown, { code }: { code: string }, ctx: RequestContext) => loadRegion(ctx, code),
    regions: async (_: unknown, args: PageArgs & { level?: string; parentCode?: string }, ctx: RequestContext) => {
      if (args.level && !LEVELS.includes(args.level)) throw badInput(`未知层级 / unknown level ${args.level}`, 'level');
      const where: Record<string, unknown> = {};
      if (args.level) where.level = args.level;
      if (args.parentCode) where.parentCode = normaliseRegionCode(args.parentCode);
      const prefix = scopePrefix(ctx.caller);
      if (prefix) where.code = { $like: `${prefix}%` };
      return page(ctx, Region, where, { code: 'asc' }, args);
    },
    grid: async (_: unknown, { code }: { code: string }, ctx: RequestContext) => {
      const grid = await ctx.em.findOne(Grid, { code });
      return grid && inScope(ctx.caller, grid.communityCode) ? grid : null;
    },
    compound: async (_: unknown, { code }: { code: string }, ctx: RequestContext) => {
      const compound = await ctx.em.findOne(Compound, { code });
      return compound && inScope(ctx.caller, compound.communityCode) ? compound : null;
    },
  },
  Region: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => loadRegion(ctx, ref.code),
    parent: (r: Region, _: unknown, ctx: RequestContext) => (r.parentCode ? loadRegion(ctx, r.parentCode) : null),
    children: async (r: Region, _: unknown, ctx: RequestContext) => {
      const loader = ctx.loaders.get<string, Region[]>('region:children', async (parents) => {
        const rows = await ctx.em.find(Region, { parentCode: { $in: [...parents] } }, { orderBy: { code: 'asc' } });
        return parents.map((p) => rows.filter((row) => row.parentCode === p));
      });
      return (await loader.load(r.code)).filter((c) => visible(ctx, c));
    },
    grids: (r: Region, args: PageArgs, ctx: RequestContext) => pageUnder(ctx, GRIDS, listPrefix(ctx, r.code), sql('TRUE'), args),
    compounds: (r: Region, args: PageArgs, ctx: RequestContext) => pageUnder(ctx, COMPOUNDS, listPrefix(ctx, r.code), sql('TRUE'), args),
    structure: (r: Region, args: { year: number; asOf?: string }, ctx: RequestContext) => {
      const node = regionNode(ctx, r.code).code;
      const now = periodOf(args.year, args.asOf);
      const before = previousPeriod(now);
      const figure = async (table: 'region' | 'grid' | 'compound') =>
        countFigure(await structureCount(ctx, table, node, now), await structureCount(ctx, table, node, before));
      // thunks: only the requested counts run (the default resolver calls a function-valued property)
      return { communities: () => figure('region'), grids: () => figure('grid'), compounds: () => figure('compound') };
    },
  },
  Grid: {
    __resolveReference: async (ref: { code: string }, ctx: RequestContext) => {
      const grid = await gridLoader(ctx).load(ref.code);
      return grid && inScope(ctx.caller, grid.communityCode) ? grid : null;
    },
    community: (g: Grid, _: unknown, ctx: RequestContext) => regionLoader(ctx).load(g.communityCode),
    compounds: async (g: Grid, _: unknown, ctx: RequestContext) => {
      const loader = ctx.loaders.get<string, Compound[]>('grid:compounds', async (grids) => {
        const rows = await ctx.em.find(Compound, { gridCode: { $in: [...grids] } }, { orderBy: { code: 'asc' } });
        return grids.map((code) => rows.filter((c) => c.gridCode === code));
      });
      return loader.load(g.code);
    },
  },
  Compound: {
    __resolveReference: async (ref: { code: string }, ctx: RequestContext) => {
      const loader = ctx.loaders.get<string, Compound | null>('compound', async (codes) => {
        const rows = await ctx.em.find(Compound, { code: { $in: [...codes] } });
        return codes.map((c) => rows.find((x) => x.code === c) ?? null);
      });
      const compound = await loader.load(ref.code);
      return compound && inScope(ctx.caller, compound.communityCode) ? compound : null;
    },
    community: (c: Compound, _: unknown, ctx: RequestContext) => regionLoader(ctx).load(c.communityCode),
    grid: (c: Compound, _: unknown, ctx: RequestContext) => (c.gridCode ? gridLoader(ctx).load(c.gridCode) : null),
  },
};
