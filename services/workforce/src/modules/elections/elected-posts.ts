import type { Queryable } from '@district/common';

/**
 * The role a worker holds after an election: 社区党组织书记 for the Party committee's secretary,
 * 居委会主任 for the residents' committee's director, 两委委员 for the other members of those two;
 * the highest wins (一肩挑: secretary and director is 书记). Supervisory-committee members keep
 * their role.
 */
const ELECTED_ROLE = `CASE
    WHEN bool_or(r.committee = 'PARTY' AND r.post = 'SECRETARY') THEN 'PARTY_SECRETARY'
    WHEN bool_or(r.committee = 'RESIDENTS' AND r.post = 'DIRECTOR') THEN 'COMMITTEE_DIRECTOR'
    ELSE 'COMMITTEE_MEMBER' END`;

/**
 * Feeds the posts of the workers a completed election elected: from its completion day each holds
 * the elected role in the election's community. A worker whose current post began on or after that
 * day (moved since in the app) keeps it, as does one already holding that role there; a grid
 * worker elected leaves the grid. One statement per step, whatever the number of elections.
 */
export async function feedElectedPosts(db: Queryable, electionIds: string[]): Promise<number> {
  if (!electionIds.length) return 0;
  const elected = `SELECT r.worker_id, e.community_code, e.completed_on AS on_day, ${ELECTED_ROLE} AS role
    FROM election_result r JOIN community_election e ON e.id = r.election_id
    WHERE e.id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND e.completed_on IS NOT NULL AND e.withdrawn_on IS NULL AND r.withdrawn_on IS NULL
      AND r.committee IN ('PARTY', 'RESIDENTS')
    GROUP BY r.worker_id, e.community_code, e.completed_on`;
  const moving = `SELECT x.*, p.id AS post_id, p.tier FROM (${elected}) x
    JOIN worker w ON w.id = x.worker_id AND w.withdrawn_on IS NULL AND (w.left_on IS NULL OR w.left_on > x.on_day)
    JOIN worker_post p ON p.worker_id = x.worker_id AND p.withdrawn_on IS NULL AND p.to_on IS NULL AND p.from_on < x.on_day
    WHERE p.role <> x.role OR p.community_code <> x.community_code`;
  const res = await db.query(
    `WITH m AS (${moving}),
      closed AS (UPDATE worker_post p SET to_on = m.on_day FROM m WHERE p.id = m.post_id RETURNING p.worker_id),
      opened AS (INSERT INTO worker_post (worker_id, community_code, role, tier, grid_code, from_on, to_on)
        SELECT m.worker_id, m.community_code, m.role, m.tier, NULL, m.on_day, NULL FROM m RETURNING worker_id)
     UPDATE worker w SET community_code = m.community_code, role = m.role, grid_code = NULL FROM m WHERE w.id = m.worker_id
     RETURNING w.id`,
    // ids as one JSON parameter: the ORM's driver (mutations) would spread an array into a list
    [JSON.stringify(electionIds)],
  );
  return res.rowCount ?? 0;
}
