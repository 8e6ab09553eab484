import { notFound, scopePrefix } from '@district/common';
import { byKey, pageWindow, recordId, sql, underPrefix, visible, type RequestContext } from '@district/subgraph-kit';
import type { VolunteerProximity } from '../../generated/graphql';
import { Need, Resource } from './need.entity';

const PROXIMITY: VolunteerProximity[] = ['GRID', 'COMMUNITY', 'STREET', 'DISTRICT'];

/** A resource suggested for a need, and how near it is. */
export interface Suggestion {
  resource: Resource;
  proximity: VolunteerProximity;
}

/**
 * Resources for a need: of its district and category and within the caller's scope, nearest first
 * in the region tree (the need's grid, its community, its street, then the district), newest first
 * within a ring. Codes are hierarchical, so nearness is how long a prefix the two codes share.
 */
export async function suggestResources(ctx: RequestContext, given: string, first?: number | null): Promise<Suggestion[]> {
  const need = visible(ctx, await byKey<Need>(ctx, Need, 'id').load(await recordId(ctx, given, 'needId')), (n) => n.communityCode);
  if (!need) throw notFound(`需求不存在：${given} / no such need`, 'needId');
  const { limit } = pageWindow({ first: first ?? 10 });
  const statement = sql`SELECT t.*, CASE WHEN t.grid_code = ${need.gridCode} THEN 0 WHEN t.community_code = ${need.communityCode} THEN 1
      WHEN left(t.community_code, 9) = ${need.communityCode.slice(0, 9)} THEN 2 ELSE 3 END AS _ring
    FROM resource t
    WHERE t.withdrawn_on IS NULL AND t.district_code = ${need.districtCode} AND t.category = ${need.category} AND ${underPrefix('t.grid_code', scopePrefix(ctx.caller))}
    ORDER BY _ring, t.registered_on DESC, t.id
    LIMIT ${limit}`;
  const rows: (Record<string, unknown> & { _ring: number })[] = await ctx.em.getConnection().execute(statement.text, [...statement.params]);
  return rows.map(({ _ring, ...row }) => ({ resource: ctx.em.map(Resource, row), proximity: PROXIMITY[Number(_ring)] }));
}
