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

/** Who the given elections elected into the two committees that give a role, by worker and day (one row each). */
const ELECTED = `SELECT r.worker_id, e.community_code, e.completed_on AS on_day, ${ELECTED_ROLE} AS role, min(e.id) AS election_id
    FROM election_result r JOIN community_election e ON e.id = r.election_id
    WHERE e.id IN (SELECT jsonb_array_elements_text($1::jsonb)) AND e.completed_on IS NOT NULL AND e.withdrawn_on IS NULL AND r.withdrawn_on IS NULL
      AND r.committee IN ('PARTY', 'RESIDENTS')
    GROUP BY r.worker_id, e.community_code, e.completed_on`;

/**
 * Feeds the posts of the workers a completed election elected: from its completion day each holds
 * the elected role in the election's community. A worker whose current post began on or after that
 * day (moved since in the app) keeps it, as does one already holding that role there; a grid
 * worker elected leaves the grid. Each post fed names its election (`elected_by`).
 *
 * A post an election fed that the election no longer gives (a result withdrawn or corrected, the
 * completion day or community corrected, the election withdrawn) is taken back first, and the post
 * it closed is reopened, as long as the worker has not moved since; then the election feeds again.
 * So calling this after any change to an election or its results leaves the posts as the records now
 * say. Two statements, whatever the number of elections.
 */
export async function feedElectedPosts(db: Queryable, electionIds: string[]): Promise<number> {
  if (!electionIds.length) return 0;
  // ids as one JSON parameter: the ORM's driver (mutations) would spread an array into a list
  const ids = [JSON.stringify(electionIds)];
  await db.query(
    `WITH x AS (${ELECTED}),
      gone AS (DELETE FROM worker_post p
        WHERE p.elected_by IN (SELECT jsonb_array_elements_text($1::jsonb)) AND p.to_on IS NULL AND p.withdrawn_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM x WHERE x.worker_id = p.worker_id AND x.election_id = p.elected_by
            AND x.role = p.role AND x.community_code = p.community_code AND x.on_day = p.from_on)
        RETURNING p.worker_id, p.from_on),
      back AS (UPDATE worker_post q SET to_on = NULL FROM gone
        WHERE q.worker_id = gone.worker_id AND q.to_on = gone.from_on AND q.withdrawn_on IS NULL
        RETURNING q.worker_id, q.community_code, q.role, q.grid_code)
     UPDATE worker w SET community_code = b.community_code, role = b.role, grid_code = b.grid_code FROM back b WHERE w.id = b.worker_id`,
    ids,
  );
  const moving = `SELECT x.*, p.id AS post_id, p.tier FROM (${ELECTED}) x
    JOIN worker w ON w.id = x.worker_id AND w.withdrawn_on IS NULL AND (w.left_on IS NULL OR w.left_on > x.on_day)
    JOIN worker_post p ON p.worker_id = x.worker_id AND p.withdrawn_on IS NULL AND p.to_on IS NULL AND p.from_on < x.on_day
    WHERE p.role <> x.role OR p.community_code <> x.community_code`;
  const res = await db.query(
    `WITH m AS (${moving}),
      closed AS (UPDATE worker_post p SET to_on = m.on_day FROM m WHERE p.id = m.post_id RETURNING p.worker_id),
      opened AS (INSERT INTO worker_post (worker_id, community_code, role, tier, grid_code, from_on, to_on, elected_by)
        SELECT m.worker_id, m.community_code, m.role, m.tier, NULL, m.on_day, NULL, m.election_id FROM m RETURNING worker_id)
     UPDATE worker w SET community_code = m.community_code, role = m.role, grid_code = NULL FROM m WHERE w.id = m.worker_id
     RETURNING w.id`,
    ids,
  );
  return res.rowCount ?? 0;
}
