import { importLedgerFile, graphReferences, todayInChina, LedgerImportError, type Defect, type ImportSummary } from '@district/common';
import { gatewayClient } from './graph-client';
import { planImport } from './ledger-plan';
import type { StackHandle } from './connect';

export interface FileOutcome {
  path: string;
  file: string;
  subgraph: string;
  summary?: ImportSummary;
  defects?: Defect[];
}

export interface ImportReport {
  outcomes: FileOutcome[];
  unowned: string[];
  ok: boolean;
}

/**
 * Imports every ledger under `path` into the subgraph that owns it, in dependency order. Each file
 * is all or nothing; a failed file does not stop the others, and the report lists every defect.
 */
export async function importLedgers(
  stack: StackHandle,
  path: string,
  onProgress: (file: string, rows: number) => void = () => undefined,
): Promise<ImportReport> {
  const { plan, unowned } = planImport(path);
  const references = graphReferences(gatewayClient(stack.gatewayUrl, stack.jwtSecret));
  const today = todayInChina();
  const outcomes: FileOutcome[] = [];
  for (const item of plan) {
    const base = { path: item.path, file: item.file, subgraph: item.subgraph.name };
    try {
      const summary = await importLedgerFile(item.importer, item.path, {
        databaseUrl: stack.databaseUrls[item.subgraph.name],
        references,
        today,
        onProgress: (rows) => onProgress(item.file, rows),
      });
      outcomes.push({ ...base, summary });
    } catch (e) {
      if (!(e instanceof LedgerImportError)) throw e;
      outcomes.push({ ...base, defects: e.defects });
    }
  }
  return { outcomes, unowned, ok: outcomes.every((o) => !o.defects) };
}
