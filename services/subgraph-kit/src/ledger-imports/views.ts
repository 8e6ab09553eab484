import { chinaTime } from '@district/common';
import type { Conflict, Defect } from '@district/ledger';

/** A ledger import as the GraphQL type LedgerImport shows it. */
export interface LedgerImportView {
  id: string;
  ledger: string;
  fileName: string;
  bytes: number;
  sha256: string;
  status: string;
  district: string | null;
  region: string | null;
  overwrite: boolean;
  uploadedBy: string;
  uploadedAt: string;
  previewedAt: string | null;
  expiresAt: string;
  committedBy: string | null;
  committedAt: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  defectCount: number;
  defects: Defect[];
  conflictCount: number;
  conflicts: ConflictView[];
  message: string | null;
}

export interface ConflictView {
  file: string;
  row: number;
  key: string;
  fields: { column: string; current: string | null; ledger: string | null; withheld: boolean }[];
}

/** The import that last wrote a row of one table (GraphQL LedgerRowImport). */
export interface RowImportView {
  table: string;
  key: string;
  at: string;
  ledgerImport: LedgerImportView;
}

/** The columns of ledger_import as the service reads them. */
export const RECORD_COLUMNS = `id, ledger, file_name, bytes, sha256, status, subject, roles, region, district, overwrite,
  data_version::text AS data_version, created_at, updated_at, previewed_at, expires_at, committed_by, committed_at,
  rows_read, inserted, updated, unchanged, defect_count, conflict_count, defects, conflicts, message`;

export interface RecordRow {
  id: string;
  ledger: string;
  file_name: string;
  bytes: number;
  sha256: string;
  status: string;
  subject: string;
  roles: string;
  region: string | null;
  district: string | null;
  overwrite: boolean;
  data_version: string | null;
  created_at: Date;
  updated_at: Date;
  previewed_at: Date | null;
  expires_at: Date;
  committed_by: string | null;
  committed_at: Date | null;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  defect_count: number;
  conflict_count: number;
  defects: Defect[] | null;
  conflicts: Conflict[] | null;
  message: string | null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

export function conflictView(c: Conflict): ConflictView {
  return {
    file: c.file,
    row: c.row,
    key: c.key,
    // storeRows leaves personal values out of a conflict: the field says it withheld them
    fields: c.fields.map((f) =>
      'current' in f || 'ledger' in f
        ? { column: f.column, current: text(f.current), ledger: text(f.ledger), withheld: false }
        : { column: f.column, current: null, ledger: null, withheld: true },
    ),
  };
}

export function recordView(r: RecordRow, rowsRead?: number): LedgerImportView {
  return {
    id: r.id,
    ledger: r.ledger,
    fileName: r.file_name,
    bytes: r.bytes,
    sha256: r.sha256,
    status: r.status,
    district: r.district,
    region: r.region,
    overwrite: r.overwrite,
    uploadedBy: r.subject,
    uploadedAt: chinaTime(r.created_at),
    previewedAt: chinaTime(r.previewed_at),
    expiresAt: chinaTime(r.expires_at),
    committedBy: r.committed_by,
    committedAt: chinaTime(r.committed_at),
    rowsRead: rowsRead ?? r.rows_read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    defectCount: r.defect_count,
    defects: r.defects ?? [],
    conflictCount: r.conflict_count,
    conflicts: (r.conflicts ?? []).map(conflictView),
    message: r.message,
  };
}
