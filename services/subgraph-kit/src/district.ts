import { badInput, districtOf, globalId, isGlobalId, normaliseRegionCode, regionLevel } from '@district/common';
import type { RequestContext } from './context';

type Kind = 'regions' | 'grids' | 'compounds';
const WHAT: Record<Kind, [string, string]> = { regions: ['区划', 'region'], grids: ['网格', 'grid'], compounds: ['小区', 'compound'] };

/**
 * A mutation's region, grid or compound must exist in the region tree (owned by the workforce
 * subgraph, asked through its API everywhere else).
 */
export async function assertInRegionTree(ctx: RequestContext, kind: Kind, code: string | null | undefined, field: string): Promise<void> {
  if (!code) return;
  const found = await ctx.regionTree[kind]([code]);
  if (!found.has(code)) throw badInput(`${WHAT[kind][0]}不存在 / no such ${WHAT[kind][1]}: ${code}`, field);
}

/**
 * The district (6-digit county code) a new record belongs to, for records that name no place of
 * their own (a working-committee member unit, a party training, a care event): the district given,
 * else the caller's own district, else the deployment's only district. A deployment of several
 * districts asked by a caller of none must say which.
 */
export async function districtFor(ctx: RequestContext, given: string | null | undefined, field = 'districtCode'): Promise<string> {
  const districts = await ctx.regionTree.districts();
  if (given) {
    const code = normaliseRegionCode(given);
    if (!/^\d{12}$/.test(code) || regionLevel(code) !== 'DISTRICT' || !districts.includes(districtOf(code))) {
      throw badInput(`区县不存在：${given} / no such district: ${given}`, field);
    }
    return districtOf(code);
  }
  if (ctx.caller.regionScope) return districtOf(ctx.caller.regionScope);
  if (districts.length === 1) return districts[0];
  throw badInput(
    `本平台有多个区县，请指定区县代码 / this deployment serves several districts: give ${field} (e.g. ${districts[0] ?? '<6-digit district code>'})`,
    field,
  );
}

/** The district of a record that sits at a place in the tree. */
export const districtOfPlace = (place: string): string => districtOf(place);

/**
 * The global id of a record a client names: a global id (e.g. 410106:W0001) as given, or a bare ledger
 * number read in the caller's own district (or the deployment's only district).
 */
export async function recordId(ctx: RequestContext, given: string, field = 'id'): Promise<string> {
  const v = (given ?? '').trim();
  if (isGlobalId(v)) return v;
  if (/^[A-Za-z0-9_-]{1,40}$/.test(v)) {
    if (ctx.caller.regionScope) return globalId(districtOf(ctx.caller.regionScope), v);
    const districts = await ctx.regionTree.districts();
    if (districts.length === 1) return globalId(districts[0], v);
  }
  throw badInput(`请给出全局编号“区县代码:编号”，如 410106:${v || 'W0001'} / ${field}: give the global id <district code>:<number>`, field);
}
