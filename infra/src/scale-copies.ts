import { Client } from 'pg';
import { bumpDataVersion, ident } from '@district/common';

/**
 * Grows a deployment to `factor` times its data, for benchmarks: factor − 1 more districts, each a
 * copy of the one district loaded, under codes of its own (a city's or a province's deployment).
 * Every subgraph's tables are copied in one statement per table, inside one transaction per
 * database that also bumps the data version, as an import would:
 *
 * - text (and JSON) values have the district's 6-digit code replaced by the copy's, which moves
 *   region, grid and global ids, ID numbers, credit codes and filing numbers to the new district;
 * - a unique text column whose values carry no district code (a national certificate number) gets
 *   the copy's code in front, and so does every column referencing it;
 * - integer ids (`id`, `…_id`) move up by the same offset in the whole database, so references stay
 *   references, and sequences continue after the copies.
 *
 * Names stay as they are: names repeat across districts. Each copy's rows are written together, as
 * a district's own import would write them. The copies are read by the same code paths as the
 * original: a figure of one district reads its own range of codes.
 */
export interface CopyOutcome {
  districts: string[];
  /** rows per table after copying, per subgraph database */
  rows: Record<string, Record<string, number>>;
}

/** Tables the kit or the ORM owns: never copied. */
const SKIPPED = new Set(['mikro_orm_migrations', 'data_version', 'audit_log']);

interface Column {
  name: string;
  type: string;
  /** text values carry no district code yet must stay unique: prefixed with the copy's code */
  prefixed: boolean;
}

/** The codes of the copies: the source's province, then numbers no district in the data uses. */
function copyCodes(source: string, existing: Set<string>, count: number): string[] {
  const out: string[] = [];
  for (let n = 9999; out.length < count && n > 0; n--) {
    const code = `${source.slice(0, 2)}${String(n).padStart(4, '0')}`;
    if (code !== source && !existing.has(code)) out.push(code);
  }
  if (out.length < count) throw new Error(`no room for ${count} district codes in province ${source.slice(0, 2)}`);
  return out;
}

async function columnsOf(db: Client, table: string, source: string): Promise<Column[]> {
  const cols = await db.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
  );
  // text columns that alone are unique (a primary key or a one-column unique index)
  const unique = await db.query(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indnkeyatts = 1`,
    [table],
  );
  const out: Column[] = [];
  for (const c of cols.rows as { name: string; type: string }[]) {
    let prefixed = false;
    if (isText(c.type) && unique.rows.some((u: { name: string }) => u.name === c.name)) {
      const r = await db.query(`SELECT bool_and(${ident(c.name)} LIKE $1) AS coded FROM ${ident(table)}`, [`%${source}%`]);
      prefixed = r.rows[0].coded === false;
    }
    out.push({ ...c, prefixed });
  }
  return out;
}

const isText = (type: string) => /^(text|character varying)/.test(type);
const isId = (c: { name: string; type: string }) => /^(integer|bigint|smallint)$/.test(c.type) && /(^|_)id$/.test(c.name);

/** Columns that reference a prefixed column (by foreign key) are prefixed the same way. */
async function referencing(db: Client, prefixed: { table: string; column: string }[]): Promise<Set<string>> {
  const out = new Set(prefixed.map((p) => `${p.table}.${p.column}`));
  const fks = await db.query(
    `SELECT c.conrelid::regclass::text AS t, a.attname AS col, c.confrelid::regclass::text AS rt, ra.attname AS rcol
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1`,
  );
  for (const fk of fks.rows as { t: string; col: string; rt: string; rcol: string }[])
    if (out.has(`${fk.rt}.${fk.rcol}`)) out.add(`${fk.t}.${fk.col}`);
  return out;
}

function valueFor(c: Column & { table: string }, source: string, prefixedColumns: Set<string>, offset: string): string {
  const col = `t.${ident(c.name)}`;
  if (isId(c)) return `${col} + k.copy_n * ${offset}`;
  if (c.type === 'jsonb' || c.type === 'json') return `replace(${col}::text, '${source}', k.copy_code)::${c.type}`;
  if (c.type.endsWith('[]') && /text|character/.test(c.type)) return `replace(${col}::text, '${source}', k.copy_code)::${c.type}`;
  if (!isText(c.type)) return col;
  if (prefixedColumns.has(`${c.table}.${c.name}`))
    return `CASE WHEN ${col} LIKE '%${source}%' THEN replace(${col}, '${source}', k.copy_code) ELSE k.copy_code || '-' || ${col} END`;
  return `replace(${col}, '${source}', k.copy_code)`;
}

/** The tables to copy, each after the tables it references (foreign keys are checked row by row). */
async function tablesInOrder(db: Client): Promise<string[]> {
  const all = (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows
    .map((r: { tablename: string }) => r.tablename as string)
    .filter((t) => !SKIPPED.has(t));
  const refs = (
    await db.query(
      `SELECT conrelid::regclass::text AS t, confrelid::regclass::text AS rt FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid`,
    )
  ).rows as { t: string; rt: string }[];
  const out: string[] = [];
  const visit = (t: string) => {
    if (out.includes(t)) return;
    for (const r of refs) if (r.t === t && all.includes(r.rt)) visit(r.rt);
    out.push(t);
  };
  all.forEach(visit);
  return out;
}

/** Copies the district of one subgraph's database into each of `codes`, in one transaction. */
async function copyDatabase(url: string, source: string, codes: string[]): Promise<Record<string, number>> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const tables = await tablesInOrder(db);
    const columns = new Map<string, (Column & { table: string })[]>();
    for (const t of tables)
      columns.set(
        t,
        (await columnsOf(db, t, source)).map((c) => ({ ...c, table: t })),
      );
    const prefixedColumns = await referencing(
      db,
      [...columns.values()]
        .flat()
        .filter((c) => c.prefixed)
        .map((c) => ({ table: c.table, column: c.name })),
    );
    // one offset for every integer id of the database keeps references between tables intact
    let maxId = 0;
    for (const c of [...columns.values()].flat().filter(isId)) {
      const r = await db.query(`SELECT coalesce(max(${ident(c.name)}), 0)::bigint AS m FROM ${ident(c.table)}`);
      maxId = Math.max(maxId, Number(r.rows[0].m));
    }
    const offset = String(10 ** String(maxId).length);
    const copies = JSON.stringify(codes.map((code, i) => ({ copy_n: i + 1, copy_code: code })));

    await db.query('BEGIN');
    for (const t of tables) {
      const cols = columns.get(t)!;
      const values = cols.map((c) => valueFor(c, source, prefixedColumns, offset));
      await db.query(
        `INSERT INTO ${ident(t)} (${cols.map((c) => ident(c.name)).join(', ')})
         SELECT ${values.join(', ')} FROM ${ident(t)} t CROSS JOIN json_to_recordset($1::json) AS k(copy_n bigint, copy_code text)
         ORDER BY k.copy_n, t.ctid`,
        [copies],
      );
    }
    // sequences continue after the copied ids
    const sequences = await db.query(
      `SELECT s.relname AS seq, t.relname AS tab, a.attname AS col FROM pg_depend d
         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
         JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid`,
    );
    for (const s of sequences.rows as { seq: string; tab: string; col: string }[])
      await db.query(`SELECT setval($1, greatest(1, (SELECT coalesce(max(${ident(s.col)}), 0) FROM ${ident(s.tab)})))`, [s.seq]);
    await bumpDataVersion(db);
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE');
    const rows: Record<string, number> = {};
    for (const t of tables) rows[t] = Number((await db.query(`SELECT count(*) AS n FROM ${ident(t)}`)).rows[0].n);
    return rows;
  } catch (e) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

/**
 * Copies the district `source` (6 digits, the only one in the databases: `subgraph → URL`) until
 * there are `factor` districts.
 */
export async function copyDistricts(databaseUrls: Record<string, string>, source: string, factor: number): Promise<CopyOutcome> {
  const codes = copyCodes(source, new Set([source]), factor - 1);
  const rows: Record<string, Record<string, number>> = {};
  await Promise.all(
    Object.entries(databaseUrls).map(async ([name, url]) => {
      rows[name] = await copyDatabase(url, source, codes);
    }),
  );
  return { districts: [source, ...codes], rows };
}
