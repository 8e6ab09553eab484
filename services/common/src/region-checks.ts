import { badInput } from './errors';
import type { RequestContext } from './context';

type Kind = 'regions' | 'grids' | 'compounds';
const WHAT: Record<Kind, [string, string]> = { regions: ['区划', 'region'], grids: ['网格', 'grid'], compounds: ['小区', 'compound'] };

/**
 * A mutation's region, grid or compound code must exist in the region tree, which the workforce
 * subgraph owns: asked through its API, never its tables. The tree's owner checks its own database
 * instead and has no `regionTree`.
 */
export async function assertInRegionTree(ctx: RequestContext, kind: Kind, code: string | null | undefined, field: string): Promise<void> {
  if (!code || !ctx.regionTree) return;
  const found = await ctx.regionTree[kind]([code]);
  if (!found.has(code)) throw badInput(`${WHAT[kind][0]}不存在 / no such ${WHAT[kind][1]}: ${code}`, field);
}
