import type { Queryable } from '@district/common';
import type { Defect, ImportContext } from '@district/ledger';

/**
 * A volunteer's stints follow the volunteer's row after an import: one the ledger alone describes
 * has one stint, from the registration day at the ledger's station; one the app moved keeps its
 * stints, the first beginning on the registration day. A row that would put them out of order (a
 * registration after a move the app recorded) is a defect, and the file is refused.
 */
export async function followStints(
  ctx: ImportContext,
  rows: { row: number; values: Record<string, unknown> }[],
  column: string,
): Promise<Defect[]> {
  const db: Queryable = ctx.db;
  const ids = rows.map((r) => r.values.id);
  if (!ids.length) return [];
  const moved = (alias: string) =>
    `(SELECT count(*) FROM volunteer_stint q WHERE q.volunteer_id = ${alias} AND q.withdrawn_on IS NULL) > 1`;
  await db.query(`DELETE FROM volunteer_stint s WHERE s.volunteer_id = ANY($1) AND NOT ${moved('s.volunteer_id')}`, [ids]);
  await db.query(
    `INSERT INTO volunteer_stint (volunteer_id, station_id, community_code, from_on, to_on)
     SELECT v.id, v.station_id, v.community_code, v.registered_on, v.left_on FROM volunteer v
     WHERE v.id = ANY($1) AND v.withdrawn_on IS NULL AND NOT EXISTS (SELECT 1 FROM volunteer_stint q WHERE q.volunteer_id = v.id)`,
    [ids],
  );
  await db.query(
    `UPDATE volunteer_stint s SET from_on = v.registered_on FROM volunteer v
     WHERE s.volunteer_id = v.id AND v.id = ANY($1) AND s.withdrawn_on IS NULL AND s.from_on <> v.registered_on
       AND s.from_on = (SELECT min(from_on) FROM volunteer_stint q WHERE q.volunteer_id = v.id AND q.withdrawn_on IS NULL)`,
    [ids],
  );
  const res = await db.query(
    `SELECT DISTINCT s.volunteer_id AS id FROM volunteer_stint s
     LEFT JOIN LATERAL (SELECT min(q.from_on) AS next_on FROM volunteer_stint q
       WHERE q.volunteer_id = s.volunteer_id AND q.from_on > s.from_on AND q.withdrawn_on IS NULL) n ON TRUE
     WHERE s.volunteer_id = ANY($1) AND s.withdrawn_on IS NULL
       AND ((s.to_on IS NOT NULL AND s.to_on <= s.from_on) OR (n.next_on IS NOT NULL AND s.to_on IS DISTINCT FROM n.next_on))`,
    [ids],
  );
  const bad = new Set(res.rows.map((r: { id: string }) => r.id));
  return rows
    .filter((r) => bad.has(String(r.values.id)))
    .map((r) => ({
      file: ctx.file,
      row: r.row,
      column,
      kind: 'date' as const,
      reason: '与系统中记录的转站不符，在站经历将前后颠倒 / contradicts the moves recorded in the app: the stints would be out of order',
    }));
}
