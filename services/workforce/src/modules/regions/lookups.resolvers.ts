import { badInput, inScope, normaliseRegionCode, regionNode, todayInChina, type RequestContext } from '@district/common';
import { todayPeriod } from '../../list';
import { Compound, Grid, Region } from './region.entity';
import { structureCount } from './regions.resolvers';

const MAX_LOOKUP = 5000;

function checkedCodes(codes: string[], normalise = false): string[] {
  if (codes.length > MAX_LOOKUP) throw badInput(`一次最多查找 ${MAX_LOOKUP} 个代码 / at most ${MAX_LOOKUP} codes per lookup`, 'codes');
  return [...new Set(codes.map((c) => (normalise ? normaliseRegionCode(c) : c.trim())))];
}

/**
 * Existence checks for other subgraphs' ledgers (the import runner asks through the gateway): one
 * statement per call, only what exists and is in the caller's scope. Region codes come back in
 * their 12-digit form, so '410106' is answered as 410106000000.
 */
export const lookupResolvers = {
  Query: {
    lookupRegions: async (_: unknown, { codes }: { codes: string[] }, ctx: RequestContext) => {
      const rows = await ctx.em.find(Region, { code: { $in: checkedCodes(codes, true) } }, { orderBy: { code: 'asc' } });
      return rows.filter((r) => inScope(ctx.caller, r.code));
    },
    lookupGrids: async (_: unknown, { codes }: { codes: string[] }, ctx: RequestContext) => {
      const rows = await ctx.em.find(Grid, { code: { $in: checkedCodes(codes) } }, { orderBy: { code: 'asc' } });
      return rows.filter((g) => inScope(ctx.caller, g.communityCode));
    },
    lookupCompounds: async (_: unknown, { codes }: { codes: string[] }, ctx: RequestContext) => {
      const rows = await ctx.em.find(Compound, { code: { $in: checkedCodes(codes) } }, { orderBy: { code: 'asc' } });
      return rows.filter((c) => inScope(ctx.caller, c.communityCode));
    },
  },
  Region: {
    /** compounds existing today; the gig-care subgraph reads it (@requires) for rider-code coverage */
    compoundCount: (r: Region, _: unknown, ctx: RequestContext) =>
      structureCount(ctx, 'compound', regionNode(ctx, r.code).code, todayPeriod(todayInChina())),
  },
};
