import { Client } from 'pg';
import { bumpDataVersion, type PersonKey, type Queryable, type RegionTree } from '@district/common';
import { metrics } from '@district/telemetry';
import { LedgerValidation } from './validate-ledger';
import type { Defect, LedgerSpec, LedgerValue, ValidRow } from './types';
import { duplicatesInDatabase } from './duplicates';
import type { Conflict, StoreResult } from './store';
import { outsideRegion } from './helpers';

export interface ImportContext {
  /** the owning subgraph's database, inside this file's transaction */
  db: Queryable;
  /** the region tree, asked of its owner through the graph */
  regionTree: RegionTree;
  /** 'YYYY-MM-DD' in China: later dates are defects unless a column allows the future */
  today: string;
  /**
   * The district (6-digit county code) the ledger belongs to: rows with no region column belong to
   * it, rows with one must lie in it, and ledger numbers are looked up within it.
   */
  district: string;
  /** the caller asked that the ledger's values replace what the app changed since the last import */
  overwrite: boolean;
  /** the ledger's file name as the spec names it */
  file: string;
  /**
   * the deployment's key for person ids: importers of people's ledgers write them for their rows
   * (`personIdsOf`); without it they stay empty until the subgraph fills them at its next start
   */
  personKey?: PersonKey;
  /**
   * A street's or community's 12-digit code when the caller is confined below the district: rows
   * placed outside it are defects, and storeRows changes no stored row placed outside it.
   */
  region?: string;
  /** the import being committed (ledger_import.id): storeRows records each row it writes under it */
  importId?: string;
}

/** What one batch's writes did; a store result (store.ts) is one. */
export type WriteResult = Pick<StoreResult, 'inserted' | 'updated' | 'unchanged'> & Partial<Pick<StoreResult, 'conflicts' | 'defects'>>;

/** How one subgraph reads one of its ledgers into its own tables. */
export interface LedgerImporter<K extends string = any> {
  spec: LedgerSpec<K>;
  /**
   * Where a row sits in the region tree: the column holding its community, grid or street code
   * (`code` when the value needs reading, e.g. a 6-digit district code). Only a ledger that declares
   * it can be imported by a street or community office: their rows are checked against their region.
   */
  place?: {
    column: K;
    code?: (value: Record<K, LedgerValue>) => string | null;
    /**
     * For rows placed through a record they name (a compound, a station, an election): the place of each
     * row by its number, read in one statement (`placeThrough`). A row whose record is unknown gets no
     * place here and is left to the ledger's own reference check, which names it.
     */
    lookup?: (batch: ValidRow<K>[], ctx: ImportContext) => Promise<Map<number, string | null>>;
  };
  /** the districts a file of this ledger declares by itself (regions.csv): the import's district when nobody names one */
  declaredDistricts?(path: string): Promise<string[]>;
  /** checks needing data (references, rows imported earlier); rows named in the defects are not written */
  check?(batch: ValidRow<K>[], ctx: ImportContext): Promise<Defect[]>;
  write(batch: ValidRow<K>[], ctx: ImportContext): Promise<WriteResult>;
}

export interface ImportSummary {
  file: string;
  district: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** rows whose ledger values differ from values the app set since the last import: the app's were kept */
  conflicts: Conflict[];
  /** conflicts counted (the list keeps the first 1000) */
  conflictCount: number;
  /** nothing was kept: a preview of what the import would do */
  dryRun: boolean;
  ms: number;
  rowsPerSecond: number;
}

export class LedgerImportError extends Error {
  constructor(
    readonly file: string,
    readonly defects: Defect[],
    readonly defectCount = defects.length,
  ) {
    super(`${file}: ${defectCount} defect(s), nothing imported`);
  }
}

export class LedgerScopeError extends Error {
  constructor(
    readonly file: string,
    readonly region: string,
  ) {
    super(`${file} names no place per row: an import confined to ${region} cannot check its rows`);
  }
}

export interface ImportOptions {
  /** a connection of its own for the file's transaction */
  connect: () => Promise<{ db: Queryable; release: () => Promise<void> }>;
  regionTree: RegionTree;
  today: string;
  district: string;
  /** see ImportContext.region; a ledger without `place` is refused whole (LedgerScopeError) */
  region?: string;
  /** see ImportContext.importId */
  importId?: string;
  overwrite?: boolean;
  /** validate and write in a transaction that is then rolled back: counts, defects and conflicts, nothing kept */
  dryRun?: boolean;
  onProgress?: (rowsRead: number) => void;
  /** the deployment's person key (PERSON_KEY), for the person ids of people's ledgers */
  personKey?: PersonKey;
  /** runs in the file's transaction as it begins (a commit refuses a stale preview here) */
  onBegin?: (db: Queryable) => Promise<void>;
  /** runs in the file's transaction just before it commits, never for a dry run: last checks, the audit record */
  beforeCommit?: (db: Queryable, summary: ImportSummary) => Promise<void>;
}

/** A connection per file to a database URL (the import command, tests). */
export function connectTo(databaseUrl: string): ImportOptions['connect'] {
  return async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return { db: client, release: () => client.end() };
  };
}

const MAX_LISTED = 1000;

/** The database refused a write: said with the file, what refused it and where, never the value (PostgreSQL's message can quote it). */
export class LedgerDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly sqlstate: string,
    where: string,
  ) {
    super(
      `${file}: 数据库拒绝写入（${sqlstate}${where}），未导入任何行 / the database refused the rows (sqlstate ${sqlstate}${where}): nothing imported`,
    );
  }
}

function withoutValues(file: string, e: unknown): unknown {
  const pg = e as { code?: unknown; table?: string; column?: string; constraint?: string };
  if (e instanceof LedgerImportError || typeof pg?.code !== 'string' || !/^[0-9A-Z]{5}$/.test(pg.code)) return e;
  const where = [pg.table && `table ${pg.table}`, pg.column && `column ${pg.column}`, pg.constraint && `constraint ${pg.constraint}`]
    .filter(Boolean)
    .join(', ');
  return new LedgerDatabaseError(file, pg.code, where ? `, ${where}` : '');
}

/**
 * Imports one ledger all or nothing: rows are validated and written in batches inside one
 * transaction (flat memory whatever the file size), and the transaction is rolled back when any row
 * had a defect, so a file with a defect leaves the database exactly as it was. A file that wrote
 * anything bumps the subgraph's data version in the same transaction.
 */
/** Rows imported, for whichever process imports (the import command, a subgraph's upload): its /metrics shows them. */
function countRows(ledger: string, outcomes: Partial<Record<'inserted' | 'updated' | 'unchanged' | 'refused', number>>): void {
  for (const outcome of ['inserted', 'updated', 'unchanged', 'refused'] as const) {
    const n = outcomes[outcome];
    if (n) metrics.importRows.inc({ ledger, outcome }, n);
  }
}

export async function importLedgerFile(importer: LedgerImporter, path: string, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  if (opts.region && !importer.place) throw new LedgerScopeError(importer.spec.file, opts.region);
  const { db, release } = await opts.connect();
  const ctx: ImportContext = {
    db,
    regionTree: opts.regionTree,
    today: opts.today,
    district: opts.district,
    overwrite: opts.overwrite ?? false,
    file: importer.spec.file,
    personKey: opts.personKey,
    region: opts.region,
    importId: opts.importId,
  };
  const validation = new LedgerValidation(importer.spec, path, {
    today: opts.today,
    duplicates: importer.spec.key.length ? duplicatesInDatabase(db, importer.spec) : undefined,
    references: referenceChecks(importer, ctx),
  });
  const summary: ImportSummary = {
    file: importer.spec.file,
    district: opts.district,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    conflicts: [],
    conflictCount: 0,
    dryRun: !!opts.dryRun,
    ms: 0,
    rowsPerSecond: 0,
  };
  try {
    await db.query('BEGIN');
    await opts.onBegin?.(db);
    for await (const batch of validation.batches()) {
      opts.onProgress?.(validation.rowsRead);
      if (!validation.ok) continue; // keep reading to report every defect; the writes would be rolled back anyway
      const w = await importer.write(batch, ctx);
      summary.inserted += w.inserted;
      summary.updated += w.updated;
      summary.unchanged += w.unchanged;
      if (w.defects?.length) validation.record(w.defects);
      for (const c of w.conflicts ?? []) {
        summary.conflictCount++;
        if (summary.conflicts.length < MAX_LISTED) summary.conflicts.push(c);
      }
    }
    if (!validation.ok) {
      await db.query('ROLLBACK');
      countRows(importer.spec.file, { refused: validation.rowsRead });
      throw new LedgerImportError(importer.spec.file, validation.defects, validation.defectCount);
    }
    finish(summary, validation.rowsRead, started);
    if (opts.dryRun) await db.query('ROLLBACK');
    else {
      await opts.beforeCommit?.(db, summary);
      if (summary.inserted + summary.updated > 0) await bumpDataVersion(db);
      await db.query('COMMIT');
    }
  } catch (e) {
    if (!(e instanceof LedgerImportError)) await db.query('ROLLBACK').catch(() => undefined);
    throw withoutValues(importer.spec.file, e);
  } finally {
    await release();
  }
  const result = finish(summary, validation.rowsRead, started);
  if (!result.dryRun) countRows(result.file, result);
  return result;
}

function finish(summary: ImportSummary, read: number, started: number): ImportSummary {
  summary.read = read;
  summary.ms = Date.now() - started;
  summary.rowsPerSecond = summary.read / Math.max(summary.ms / 1000, 0.001);
  return summary;
}

/** Rows outside a scoped caller's region first (they are never looked at further), then the ledger's own checks. */
function referenceChecks<K extends string>(importer: LedgerImporter<K>, ctx: ImportContext) {
  if (!ctx.region && !importer.check) return undefined;
  return async (rows: ValidRow<K>[]): Promise<Defect[]> => {
    const place = importer.place;
    const looked = ctx.region && place?.lookup ? await place.lookup(rows, ctx) : undefined;
    const outside =
      ctx.region && place ? outsideRegion(looked ? rows.filter((r) => looked.get(r.row)) : rows, ctx, importer.spec, place, looked) : [];
    const refused = new Set(outside.map((d) => d.row));
    const inside = refused.size ? rows.filter((r) => !refused.has(r.row)) : rows;
    const more = importer.check && inside.length ? await importer.check(inside, ctx) : [];
    return [...outside, ...more];
  };
}
