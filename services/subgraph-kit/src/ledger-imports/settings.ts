import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, type Department, type EnvSpec } from '@district/common';

/** How a subgraph takes ledgers in: where uploads wait, how long a preview may be committed, how big a file, how many at once. */
export interface LedgerImportSettings {
  uploadDir: string;
  previewSeconds: number;
  maxUploadBytes: number;
  concurrency: number;
}

export interface LedgerImportEnv {
  LEDGER_UPLOAD_DIR: string | undefined;
  LEDGER_PREVIEW_SECONDS: number;
  LEDGER_MAX_UPLOAD_BYTES: number;
  LEDGER_IMPORT_CONCURRENCY: number;
}

/** Read by each subgraph's entry file with the rest of its configuration. */
export const ledgerImportEnv: EnvSpec<LedgerImportEnv> = {
  LEDGER_UPLOAD_DIR: env.optional(),
  LEDGER_PREVIEW_SECONDS: env.int(30 * 60),
  LEDGER_MAX_UPLOAD_BYTES: env.int(100 * 1024 * 1024),
  LEDGER_IMPORT_CONCURRENCY: env.int(2),
};

export function ledgerImportSettings(service: Department, given: Partial<LedgerImportSettings> = {}): LedgerImportSettings {
  return {
    uploadDir: given.uploadDir ?? join(tmpdir(), `district-ledgers-${service}`),
    previewSeconds: given.previewSeconds ?? 30 * 60,
    maxUploadBytes: given.maxUploadBytes ?? 100 * 1024 * 1024,
    concurrency: Math.max(1, given.concurrency ?? 2),
  };
}

export const settingsFromEnv = (e: LedgerImportEnv): Partial<LedgerImportSettings> => ({
  uploadDir: e.LEDGER_UPLOAD_DIR,
  previewSeconds: e.LEDGER_PREVIEW_SECONDS,
  maxUploadBytes: e.LEDGER_MAX_UPLOAD_BYTES,
  concurrency: e.LEDGER_IMPORT_CONCURRENCY,
});
