/** A pg client (or the import transaction's client): all the runner needs from a database. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
};

/**
 * Inserts rows by natural key, updating only rows whose values changed, in one statement per call.
 * `xmax = 0` tells a fresh insert from an update; rows the WHERE skipped are unchanged. This is what
 * makes a re-import of the same ledger report 0 inserted, 0 updated.
 */
export async function upsertRows(db: Queryable, table: string, key: string[], rows: Record<string, unknown>[]): Promise<UpsertCounts> {
  if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 };
  const columns = Object.keys(rows[0]);
  const params: unknown[] = [];
  const values = rows.map(
    (row) =>
      `(${columns
        .map((c) => {
          params.push(row[c] ?? null);
          return `$${params.length}`;
        })
        .join(', ')})`,
  );
  const rest = columns.filter((c) => !key.includes(c));
  const target = `${ident(table)} AS t`;
  const conflict = `ON CONFLICT (${key.map(ident).join(', ')})`;
  const action = rest.length
    ? `DO UPDATE SET ${rest.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}
       WHERE (${rest.map((c) => `t.${ident(c)}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `EXCLUDED.${ident(c)}`).join(', ')})`
    : 'DO NOTHING';
  const sql = `INSERT INTO ${target} (${columns.map(ident).join(', ')}) VALUES ${values.join(', ')} ${conflict} ${action}
               RETURNING (xmax = 0) AS inserted`;
  const res = await db.query(sql, params);
  const inserted = res.rows.filter((r) => r.inserted).length;
  const updated = res.rows.length - inserted;
  return { inserted, updated, unchanged: rows.length - res.rows.length };
}
