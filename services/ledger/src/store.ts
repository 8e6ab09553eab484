import { createHash } from 'node:crypto';
import { isWithin } from '@district/common';
import { ident } from './sql';
import type { Defect } from './types';
import type { ImportContext } from './runner';

/**
 * How a ledger's rows land in one table, without ever losing what the app changed since:
 *
 * - a row whose key is new is inserted;
 * - a row that exists is compared column by column with what is stored and with what the last
 *   import wrote (`imported_values`, a snapshot kept on every row). A column the ledger changes is
 *   updated when the stored value is still the one the last import wrote; when the app (a mutation)
 *   changed it since, the column is a conflict: reported with file, row, key and field, and the
 *   app's value kept, unless the import was asked to overwrite;
 * - a row whose national key (a credit code, a certificate number) belongs to another district is
 *   refused as a defect: an import never changes another district's rows;
 * - a row withdrawn in the app (entered by mistake: the kit's daily-work.ts) stays withdrawn and is
 *   reported as a conflict on `withdrawn_on`, unless the import was asked to overwrite, which
 *   restores it. A correction made in the app is a changed column like any other.
 *
 * - an import confined to a street or community (ctx.region) changes no row placed outside it;
 * - a committed import (ctx.importId) records, per row it inserted or changed, that it wrote it
 *   last (ledger_row_import), so an administrator can tell which import a row came from.
 *
 * Each batch costs three statements (read, insert, update) whatever its size, and one more for the
 * record of rows written; values travel as one JSON parameter and are typed by the table itself
 * (jsonb_populate_recordset).
 */
export interface TableSpec {
  table: string;
  /** the unique key's columns, e.g. ['id'] (a global id e.g. 410106:XQ0001) or ['district_code', 'number'] */
  key: string[];
  /** the columns the ledger owns: written by imports, compared for conflicts */
  columns: string[];
  /** columns whose values a conflict report must not quote (names, ID numbers, phones) */
  personal?: string[];
  /** the column holding a row's district, for tables keyed by a national code */
  district?: string;
  /** the column holding a row's place (community, grid or street code): a region-confined import changes only rows inside its region */
  region?: string;
  /** rows that belong to no place (a person): a region-confined import may write them */
  anyRegion?: boolean;
}

export interface RowWrite {
  /** the ledger's data row, for reports */
  row: number;
  /** key columns, owned columns and the district column, by column name */
  values: Record<string, unknown>;
}

export interface FieldConflict {
  column: string;
  /** the value the app set (omitted for personal columns) */
  current?: unknown;
  /** the value the ledger gives (omitted for personal columns) */
  ledger?: unknown;
}

export interface Conflict {
  file: string;
  row: number;
  /** the row's key as the ledger names it */
  key: string;
  fields: FieldConflict[];
}

export type RowOutcome = 'inserted' | 'updated' | 'unchanged' | 'conflict' | 'refused';

export interface StoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: Conflict[];
  defects: Defect[];
  /** per ledger row, so derived tables (a worker's posts) follow only rows really written */
  outcome: Map<number, RowOutcome>;
}

export interface KeyNaming {
  /** names the key in reports (the ledger's words, e.g. 工号 W0001) */
  keyLabel: (values: Record<string, unknown>) => string;
  /** the ledger column a refused row's defect names, e.g. 统一社会信用代码 */
  keyColumn: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function storeRows(ctx: ImportContext, spec: TableSpec, rows: RowWrite[], naming: KeyNaming): Promise<StoreResult> {
  const { db } = ctx;
  const opts = { file: ctx.file, district: ctx.district, overwrite: ctx.overwrite, ...naming };
  const result: StoreResult = { inserted: 0, updated: 0, unchanged: 0, conflicts: [], defects: [], outcome: new Map() };
  if (!rows.length) return result;
  if (ctx.region && !spec.region && !spec.anyRegion) {
    // a programming error, not a clerk's: the importer declared a place but this table cannot be checked
    throw new Error(`table ${spec.table} declares no region column: an import confined to a region cannot write it`);
  }
  const t = ident(spec.table);
  const keyMatch = spec.key.map((k) => `cur.${ident(k)} = v.${ident(k)}`).join(' AND ');
  const flags = spec.columns
    .map(
      (c, i) => `(cur.${ident(c)} IS DISTINCT FROM v.${ident(c)}) AS n${i}, (cur.${ident(c)} IS DISTINCT FROM snap.${ident(c)}) AS a${i}`,
    )
    .join(', ');
  const incoming = rows.map((r) => r.values);
  const existing = await db.query(
    `WITH v AS (SELECT row_number() OVER () AS _i, * FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb))
     SELECT v._i, to_jsonb(cur) AS current, ${spec.district ? `cur.${ident(spec.district)}` : 'NULL'} AS owner,
       ${spec.region ? `cur.${ident(spec.region)}` : 'NULL'} AS place, ${flags}
     FROM v JOIN ${t} cur ON ${keyMatch}
     LEFT JOIN LATERAL jsonb_populate_record(NULL::${t}, cur.imported_values) snap ON TRUE`,
    [JSON.stringify(incoming)],
  );
  const found = new Map(existing.rows.map((r: Record<string, unknown>) => [Number(r._i) - 1, r]));
  // tables of records a clerk can withdraw through the API (the kit's Withdrawable) have withdrawn_on
  const withdrawable = existing.rows.length > 0 && 'withdrawn_on' in (existing.rows[0].current as object);

  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const written: string[] = [];
  rows.forEach((r, i) => {
    const cur = found.get(i);
    const snapshotOf = (values: Record<string, unknown>) => Object.fromEntries(spec.columns.map((c) => [c, values[c] ?? null]));
    if (!cur) {
      inserts.push({ ...r.values, imported_values: snapshotOf(r.values) });
      written.push(rowKey(spec, r.values));
      result.inserted++;
      result.outcome.set(r.row, 'inserted');
      return;
    }
    if (ctx.region && spec.region && cur.place !== null && !isWithin(String(cur.place), ctx.region)) {
      result.defects.push({
        file: opts.file,
        row: r.row,
        column: opts.keyColumn,
        kind: 'reference',
        // the stored record is one the office may not see: its place (or anything else of it) is not named
        reason: `该编号已被辖区外的记录使用，不能由本辖区的台账修改 / this key is used by a record outside your region ${ctx.region}: your ledger cannot change it`,
      });
      result.outcome.set(r.row, 'refused');
      return;
    }
    if (spec.district && cur.owner !== null && cur.owner !== opts.district) {
      result.defects.push({
        file: opts.file,
        row: r.row,
        column: opts.keyColumn,
        kind: 'reference',
        reason: `该记录属于其他区县（${String(cur.owner)}），不能由本区县的台账修改 / this record belongs to district ${String(cur.owner)}: a ledger of ${opts.district} cannot change it`,
      });
      result.outcome.set(r.row, 'refused');
      return;
    }
    const current = cur.current as Record<string, unknown>;
    const oldSnapshot = (current.imported_values ?? {}) as Record<string, unknown>;
    const next: Record<string, unknown> = {};
    const snapshot: Record<string, unknown> = {};
    const fields: FieldConflict[] = [];
    let changed = false;
    if (withdrawable) {
      // a record withdrawn in the app stays withdrawn, reported like any change made there, unless the ledger is to win
      const withdrawn = current.withdrawn_on !== null && current.withdrawn_on !== undefined;
      if (withdrawn && !opts.overwrite) fields.push({ column: 'withdrawn_on', current: current.withdrawn_on, ledger: null });
      next.withdrawn_on = withdrawn && !opts.overwrite ? current.withdrawn_on : null;
      next.withdrawal_reason = withdrawn && !opts.overwrite ? current.withdrawal_reason : null;
      if (withdrawn && opts.overwrite) changed = true;
    }
    spec.columns.forEach((c, j) => {
      const ledgerChanges = cur[`n${j}`] === true;
      const appChanged = cur[`a${j}`] === true;
      if (!ledgerChanges) {
        next[c] = current[c];
        snapshot[c] = r.values[c] ?? null;
      } else if (appChanged && !opts.overwrite) {
        next[c] = current[c];
        if (c in oldSnapshot) snapshot[c] = oldSnapshot[c];
        const personal = spec.personal?.includes(c);
        fields.push(personal ? { column: c } : { column: c, current: current[c], ledger: r.values[c] ?? null });
      } else {
        next[c] = r.values[c] ?? null;
        snapshot[c] = r.values[c] ?? null;
        changed = true;
      }
    });
    const snapshotMoved = !same(snapshot, oldSnapshot);
    if (changed || snapshotMoved) {
      const keys = Object.fromEntries(spec.key.map((k) => [k, current[k]]));
      updates.push({ ...keys, ...next, imported_values: snapshot });
    }
    if (fields.length) {
      if (changed) written.push(rowKey(spec, r.values));
      result.conflicts.push({ file: opts.file, row: r.row, key: opts.keyLabel(r.values), fields });
      result.outcome.set(r.row, 'conflict');
    } else if (changed) {
      written.push(rowKey(spec, r.values));
      result.updated++;
      result.outcome.set(r.row, 'updated');
    } else {
      result.unchanged++;
      result.outcome.set(r.row, 'unchanged');
    }
  });

  if (inserts.length) {
    const columns = [...new Set([...Object.keys(inserts[0]), 'imported_values'])].map(ident).join(', ');
    await db.query(`INSERT INTO ${t} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb)`, [
      JSON.stringify(inserts),
    ]);
  }
  if (updates.length) {
    const owned = [...spec.columns, 'imported_values', ...(withdrawable ? ['withdrawn_on', 'withdrawal_reason'] : [])];
    const set = owned.map((c) => `${ident(c)} = v.${ident(c)}`).join(', ');
    await db.query(`UPDATE ${t} cur SET ${set} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb) v WHERE ${keyMatch}`, [
      JSON.stringify(updates),
    ]);
  }
  if (ctx.importId && written.length) {
    await db.query(
      `INSERT INTO ledger_row_import (table_name, row_key, import_id, at) SELECT $1::text, k, $2::uuid, now() FROM unnest($3::text[]) AS k
       ON CONFLICT (table_name, row_key) DO UPDATE SET import_id = excluded.import_id, at = excluded.at`,
      [spec.table, ctx.importId, [...new Set(written)]],
    );
  }
  return result;
}

/**
 * A row's key as the record of imports keeps it: its key columns joined by ':' (a global id such as
 * 410106:W0001, a region code, a credit code). A key holding an ID number is kept as its SHA-256:
 * the record of imports holds no personal data; `rowKeyForms` finds it again from the plain key.
 */
export function rowKey(spec: Pick<TableSpec, 'key'>, values: Record<string, unknown>): string {
  const key = spec.key.map((k) => String(values[k] ?? '')).join(':');
  return spec.key.some((k) => PERSONAL_KEY.test(k)) ? hashedKey(key) : key;
}

const PERSONAL_KEY = /id_number/;
const hashedKey = (key: string) => `sha256:${createHash('sha256').update(key).digest('hex')}`;

/** The forms under which a row with this key may be recorded (plain, or hashed when it holds an ID number). */
export const rowKeyForms = (key: string): string[] => [key, hashedKey(key)];
