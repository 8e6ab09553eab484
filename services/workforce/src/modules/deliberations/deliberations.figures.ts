import { regionFigure, type Period, type RequestContext } from '@district/common';
import { flowRange } from '../../list';

/**
 * Deliberation figures of a period under each node, optionally for one method: topics raised,
 * topics resolved (closed in the period, whenever raised), communities that raised a topic.
 */
export function deliberationCount(
  ctx: RequestContext,
  code: string,
  p: Period,
  method: string | null | undefined,
  what: 'raised' | 'resolved' | 'communities',
) {
  const [from, to] = flowRange(p);
  const counted = what === 'communities' ? 'count(DISTINCT d.community_code)' : 'count(d.id)';
  const dated = what === 'resolved' ? `d.status = 'CLOSED' AND d.closed_on BETWEEN ? AND ?` : 'd.raised_on BETWEEN ? AND ?';
  return regionFigure(ctx, `deliberation:${what}:${from}:${to}:${method ?? ''}`, code, (regions) => ({
    text: `SELECT r.code, ${counted} AS value FROM ${regions}
           LEFT JOIN deliberation d ON d.community_code LIKE r.prefix || '%' AND ${dated} AND (?::text IS NULL OR d.method = ?)
           GROUP BY r.code`,
    params: [from, to, method ?? null, method ?? null],
  }));
}
