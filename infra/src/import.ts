import { graphRegionTree, PersonKey, todayInChina } from '@district/common';
import { connectTo, importLedgerFile, LedgerImportError, type Defect, type ImportSummary } from '@district/ledger';
import { gatewayClient } from './graph-client';
import { AmbiguousDistrictError, ledgerDistrict, planImport } from './ledger-plan';
import type { StackHandle } from './connect';

export interface FileOutcome {
  path: string;
  file: string;
  subgraph: string;
  summary?: ImportSummary;
  defects?: Defect[];
}

export interface ImportReport {
  district?: string;
  outcomes: FileOutcome[];
  unowned: string[];
  /** why nothing was imported, when the ledger set's district could not be told */
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

/**
 * Imports every ledger under `path` into the subgraph that owns it, in dependency order, for one
 * district. Each file is all or nothing; a failed file does not stop the others, and the report
 * lists every defect and every conflict with changes made through the app.
 */
export async function importLedgers(stack: StackHandle, path: string, opts: ImportLedgersOptions = {}): Promise<ImportReport> {
  const { plan, unowned } = planImport(path);
  const regionTree = graphRegionTree(gatewayClient(stack.gatewayUrl, stack.jwtSecret));
  let district: string;
  try {
    district = await ledgerDistrict(plan, opts.district, () => regionTree.districts());
  } catch (e) {
    if (!(e instanceof AmbiguousDistrictError)) throw e;
    return { outcomes: [], unowned, refused: e.message, ok: false };
  }
  const today = todayInChina();
  const personKey = stack.personKey ? new PersonKey(stack.personKey) : undefined;
  const outcomes: FileOutcome[] = [];
  for (const item of plan) {
    const base = { path: item.path, file: item.file, subgraph: item.subgraph.name };
    try {
      const summary = await importLedgerFile(item.importer, item.path, {
        connect: connectTo(stack.databaseUrls[item.subgraph.name]),
        regionTree,
        today,
        district,
        overwrite: opts.overwrite,
        personKey,
        onProgress: (rows) => opts.onProgress?.(item.file, rows),
      });
      outcomes.push({ ...base, summary });
    } catch (e) {
      if (!(e instanceof LedgerImportError)) throw e;
      outcomes.push({ ...base, defects: e.defects });
    }
  }
  return { district, outcomes, unowned, ok: outcomes.every((o) => !o.defects) };
}
