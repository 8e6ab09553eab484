import { notFound, pageWindow, scopePrefix, type RequestContext } from '@district/common';
import { visibleByCode } from '../../lib/loaders';
import { Need, Resource } from './need.entity';

const PROXIMITY = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'] as const;

/**
 * Resources for a need: the same category, nearest first in the region tree (the need's grid, its
 * community, its street, then the district), newest first within a ring. Codes are hierarchical,
 * so nearness is how long a prefix the two codes share.
 */
export async function suggestResources(ctx: RequestContext, needCode: string, first?: number | null) {
  const need = await visibleByCode(ctx, Need, 'need', needCode);
  if (!need) throw notFound(`需求 ${needCode} 不存在 / no need ${needCode}`);
  const { limit } = pageWindow({ first: first ?? 10 });
  const rows: (Record<string, unknown> & { _ring: number })[] = await ctx.em.getConnection().execute(
    `SELECT t.*, CASE WHEN t.grid_code = ? THEN 0 WHEN t.community_code = ? THEN 1
                      WHEN left(t.community_code, 9) = left(?, 9) THEN 2 ELSE 3 END AS _ring
     FROM resource t
     WHERE t.category = ? AND left(t.community_code, 6) = left(?, 6) AND t.grid_code LIKE ?
     ORDER BY _ring, t.registered_on DESC, t.code
     LIMIT ?`,
    [need.gridCode, need.communityCode, need.communityCode, need.category, need.communityCode, `${scopePrefix(ctx.caller)}%`, limit],
  );
  return rows.map(({ _ring, ...row }) => ({ resource: ctx.em.map(Resource, row), proximity: PROXIMITY[Number(_ring)] }));
}
