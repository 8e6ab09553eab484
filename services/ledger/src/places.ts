import { regionLevel } from '@district/common';
import { outsideDistrict, referenceDefect, valuesOf } from './helpers';
import type { ImportContext } from './runner';
import type { Defect, LedgerSpec, ValidRow } from './types';

const WHAT = { community: ['社区', 'community'], grid: ['网格', 'grid'] } as const;

/**
 * 'reference' defects for the place a row names (a community or a grid code): outside the district
 * the import is for (a row of another district is never written here), else not in the region tree
 * (asked of its owner through the graph, once per batch) or, for a community, not a community.
 */
export async function placeDefects<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  ctx: ImportContext,
  key: K,
  kind: keyof typeof WHAT,
): Promise<Defect[]> {
  const column = spec.columns[key].header;
  const codeOf = (r: ValidRow<K>) => (typeof r.value[key] === 'string' && r.value[key] !== '' ? (r.value[key] as string) : null);
  const outside = outsideDistrict(batch, ctx, codeOf, column);
  const refused = new Set(outside.map((d) => d.row));
  const inside = batch.filter((r) => codeOf(r) && !refused.has(r.row));
  const known = kind === 'grid' ? await ctx.regionTree.grids(valuesOf(inside, key)) : await ctx.regionTree.regions(valuesOf(inside, key));
  const [zh, en] = WHAT[kind];
  const missing = inside.filter((r) => !known.has(codeOf(r)!) || (kind === 'community' && regionLevel(codeOf(r)!) !== 'COMMUNITY'));
  return [...outside, ...missing.map((r) => referenceDefect(ctx.file, r.row, column, `${zh}不存在：${codeOf(r)} / no such ${en}`))];
}

/**
 * The places a row names, checked in order (e.g. its community, then its grid): a row gets at most
 * one defect, for the first place that is wrong.
 */
export async function placesDefects<K extends string>(
  spec: LedgerSpec<K>,
  batch: ValidRow<K>[],
  ctx: ImportContext,
  places: [key: K, kind: keyof typeof WHAT][],
): Promise<Defect[]> {
  const defects: Defect[] = [];
  let rows = batch;
  for (const [key, kind] of places) {
    const found = await placeDefects(spec, rows, ctx, key, kind);
    defects.push(...found);
    const bad = new Set(found.map((d) => d.row));
    rows = rows.filter((r) => !bad.has(r.row));
  }
  return defects;
}
