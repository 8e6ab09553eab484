import type { Queryable } from './queryable';

/**
 * The version of a subgraph's data: one counter in its database, bumped in the transaction of every
 * import and every mutation, and announced with NOTIFY when that transaction commits. Caches key on
 * it (figures are never recomputed while it stands still, never served after it moves), and an
 * import preview is stale once it has moved.
 */
export const DATA_VERSION_CHANNEL = 'district_data_version';

/** Bumps the version inside the caller's transaction; the NOTIFY is delivered when it commits. */
export async function bumpDataVersion(db: Queryable): Promise<string> {
  const res = await db.query(
    `WITH v AS (UPDATE data_version SET version = version + 1 RETURNING version)
     SELECT version::text AS version, pg_notify('${DATA_VERSION_CHANNEL}', version::text) FROM v`,
  );
  return String(res.rows[0].version);
}

export async function readDataVersion(db: Queryable): Promise<string> {
  const res = await db.query('SELECT version::text AS version FROM data_version');
  return String(res.rows[0].version);
}
