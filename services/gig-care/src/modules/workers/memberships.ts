import type { ImportContext } from '@district/ledger';

/**
 * After an import, a worker's mobile grid periods follow the worker's row: a worker the ledger alone
 * describes is a member since registering when its column says so (one period, or none); one whose
 * periods the app kept gets a period opened, or its open one closed, on the import's day when the
 * ledger says otherwise than the app.
 */
export async function followMemberships(ctx: ImportContext, ids: readonly unknown[]): Promise<void> {
  if (!ids.length) return;
  const kept = `(SELECT count(*) FROM gig_grid_membership q WHERE q.worker_id = w.id AND q.withdrawn_on IS NULL)`;
  await ctx.db.query(
    `DELETE FROM gig_grid_membership m USING gig_worker w WHERE m.worker_id = w.id AND w.id = ANY($1) AND ${kept} <= 1 AND m.to_on IS NULL`,
    [ids],
  );
  await ctx.db.query(
    `INSERT INTO gig_grid_membership (worker_id, from_on)
     SELECT w.id, w.registered_on FROM gig_worker w
     WHERE w.id = ANY($1) AND w.withdrawn_on IS NULL AND w.mobile_grid_member AND ${kept} = 0`,
    [ids],
  );
  await ctx.db.query(
    `UPDATE gig_grid_membership m SET to_on = $2::date FROM gig_worker w
     WHERE m.worker_id = w.id AND w.id = ANY($1) AND NOT w.mobile_grid_member AND m.to_on IS NULL AND m.withdrawn_on IS NULL AND m.from_on < $2::date`,
    [ids, ctx.today],
  );
  await ctx.db.query(
    `INSERT INTO gig_grid_membership (worker_id, from_on)
     SELECT w.id, $2::date FROM gig_worker w
     WHERE w.id = ANY($1) AND w.withdrawn_on IS NULL AND w.mobile_grid_member
       AND NOT EXISTS (SELECT 1 FROM gig_grid_membership q WHERE q.worker_id = w.id AND q.to_on IS NULL AND q.withdrawn_on IS NULL)
       AND NOT EXISTS (SELECT 1 FROM gig_grid_membership q WHERE q.worker_id = w.id AND q.to_on > $2::date AND q.withdrawn_on IS NULL)`,
    [ids, ctx.today],
  );
}
