import type { Conflict, Defect, ImportSummary } from '@district/ledger';
import { GraphRequestError, type StackHandle } from './graph-client';
import { ledgerClient, type CatalogLedger, type ImportState, type LedgerClient } from './ledger-client';
import { planLedgers, type PlannedLedger } from './ledger-plan';

export interface FileOutcome {
  path: string;
  file: string;
  subgraph: string;
  /** the import's id in its subgraph (its record: who, when, the file's SHA-256, counts) */
  importId?: string;
  summary?: ImportSummary;
  defects?: Defect[];
  /** defects counted (the list keeps the first 1000) */
  defectCount?: number;
}

export interface ImportReport {
  district?: string;
  outcomes: FileOutcome[];
  unowned: string[];
  /** why nothing more was imported, when the ledger set's district could not be told */
  refused?: string;
  ok: boolean;
}

export interface ImportLedgersOptions {
  /** the district of ledgers that name none (a single file, a set without regions.csv) */
  district?: string;
  /** let the ledger's values replace what the app changed since the last import */
  overwrite?: boolean;
  onProgress?: (file: string, rows: number) => void;
}

/** A commit whose preview went stale (someone changed the data meanwhile) is previewed again this many times. */
const STALE_RETRIES = 3;

/**
 * Imports every ledger under `path` through the gateway, as the offices do: each file is uploaded,
 * previewed by the subgraph that owns it and, when the preview is clean, committed, in dependency
 * order, for one district (the one the first file's preview settles on: the set's regions.csv, the
 * one named, or the deployment's only one). Each file is all or nothing; a file with defects does
 * not stop the others, and the report lists every defect and every conflict with changes made
 * through the app. Needs the gateway's address and a token, no database URL.
 */
export async function importLedgers(stack: StackHandle, path: string, opts: ImportLedgersOptions = {}): Promise<ImportReport> {
  const client = ledgerClient(stack);
  const catalog = await client.catalog();
  if (catalog.unavailable.length) throw new Error(`subgraphs not answering: ${catalog.unavailable.join(', ')}`);
  const { plan, unowned } = planLedgers(path, catalog.ledgers);
  let district = opts.district;
  const outcomes: FileOutcome[] = [];
  for (const item of plan) {
    let outcome: FileOutcome & { district?: string | null };
    try {
      outcome = await importFile(client, item, district, opts);
    } catch (e) {
      if (!(e instanceof GraphRequestError) || e.code !== 'BAD_USER_INPUT' || !['district', 'file'].includes(e.field ?? '')) throw e;
      const hint = e.field === 'district' ? ' (pass --district <code>)' : '';
      return { district, outcomes, unowned, refused: `${item.ledger}: ${e.message}${hint}`, ok: false };
    }
    district ??= outcome.district ?? undefined;
    delete outcome.district;
    outcomes.push(outcome);
  }
  return { district, outcomes, unowned, ok: outcomes.every((o) => !o.defects) };
}

async function importFile(
  client: LedgerClient,
  item: PlannedLedger<CatalogLedger>,
  district: string | undefined,
  opts: ImportLedgersOptions,
): Promise<FileOutcome & { district?: string | null }> {
  const started = Date.now();
  const base = { path: item.path, file: item.ledger, subgraph: item.subgraph };
  const { id, fields } = await client.upload(item.ledger, item.path);
  const progress = (rows: number) => opts.onProgress?.(item.ledger, rows);
  for (let attempt = 0; ; attempt++) {
    const previewing = await client.preview(fields, id, district, opts.overwrite);
    const previewed = await client.settle(fields, previewing, (s) => s.status === 'PREVIEWING', progress);
    if (previewed.status === 'REFUSED') return refused(base, id, previewed);
    if (previewed.status !== 'PREVIEWED') throw new Error(`${item.ledger}: preview ${previewed.status}: ${previewed.message ?? ''}`);
    let committing: ImportState;
    try {
      committing = await client.commit(fields, id);
    } catch (e) {
      // the data moved between this preview and its commit: look again
      if (e instanceof GraphRequestError && e.code === 'CONFLICT' && attempt < STALE_RETRIES) continue;
      throw e;
    }
    const done = await client.settle(fields, committing, (s) => s.status === 'COMMITTING', progress);
    if (done.status === 'STALE' && attempt < STALE_RETRIES) continue;
    if (done.status === 'REFUSED') return refused(base, id, done);
    if (done.status !== 'COMMITTED') throw new Error(`${item.ledger}: commit ${done.status}: ${done.message ?? ''}`);
    return { ...base, importId: id, district: done.district, summary: summaryOf(done, started) };
  }
}

function refused(base: Omit<FileOutcome, 'importId'>, id: string, state: ImportState): FileOutcome & { district?: string | null } {
  return { ...base, importId: id, district: state.district, defects: state.defects ?? [], defectCount: state.defectCount };
}

/** The commit's answer in the shape the import has always reported (conflicts as storeRows reports them). */
function summaryOf(state: ImportState, started: number): ImportSummary {
  const ms = Date.now() - started;
  const conflicts: Conflict[] = (state.conflicts ?? []).map((c) => ({
    file: c.file,
    row: c.row,
    key: c.key,
    fields: c.fields.map((f) => (f.withheld ? { column: f.column } : { column: f.column, current: f.current, ledger: f.ledger })),
  }));
  return {
    file: state.ledger,
    district: state.district ?? '',
    read: state.rowsRead,
    inserted: state.inserted,
    updated: state.updated,
    unchanged: state.unchanged,
    conflicts,
    conflictCount: state.conflictCount,
    dryRun: false,
    ms,
    rowsPerSecond: state.rowsRead / Math.max(ms / 1000, 0.001),
  };
}
