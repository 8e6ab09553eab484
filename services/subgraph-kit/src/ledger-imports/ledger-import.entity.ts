import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One ledger file uploaded to this subgraph, from upload through preview to commit: who, when, the
 * file (name, size, SHA-256), the district and region it was for, what the preview found and what
 * the commit wrote. The service reads and writes it in plain SQL (jobs run outside any request);
 * the entity declares the table so schema diffs know it.
 */
@Entity({ tableName: 'ledger_import' })
@Index({ properties: ['createdAt'] })
export class LedgerImportRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** the ledger as its owner names it, e.g. workforce/workers.xlsx */
  @Property({ type: 'text' })
  ledger!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'integer' })
  bytes!: number;

  @Property({ type: 'text' })
  sha256!: string;

  /** UPLOADED, PREVIEWING, PREVIEWED, REFUSED, COMMITTING, COMMITTED, STALE, EXPIRED, FAILED */
  @Property({ type: 'text' })
  status!: string;

  /** who uploaded (and alone may preview and commit) */
  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  roles!: string;

  /** the street or community the import is confined to */
  @Property({ type: 'text', nullable: true })
  region?: string | null;

  @Property({ type: 'string', length: 6, nullable: true })
  district?: string | null;

  @Property({ type: 'boolean', default: false })
  overwrite: boolean = false;

  /** the subgraph's data version the preview saw: a commit after it moved is refused */
  @Property({ type: 'bigint', nullable: true })
  dataVersion?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;

  /** last sign of life of a running job (progress is written every few seconds) */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  previewedAt?: Date | null;

  /** an upload or preview not committed by then expires, and its file is deleted */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'text', nullable: true })
  committedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  committedAt?: Date | null;

  @Property({ type: 'integer', default: 0 })
  rowsRead: number = 0;

  @Property({ type: 'integer', default: 0 })
  inserted: number = 0;

  @Property({ type: 'integer', default: 0 })
  updated: number = 0;

  @Property({ type: 'integer', default: 0 })
  unchanged: number = 0;

  @Property({ type: 'integer', default: 0 })
  defectCount: number = 0;

  @Property({ type: 'integer', default: 0 })
  conflictCount: number = 0;

  /** the first 1000 defects (file, row, column, kind, reason): never a personal value */
  @Property({ type: 'jsonb', nullable: true })
  defects?: unknown;

  /** the first 1000 conflicts with changes made in the app; personal values are left out */
  @Property({ type: 'jsonb', nullable: true })
  conflicts?: unknown;

  /** why it stopped short: stale, expired, failed */
  @Property({ type: 'text', nullable: true })
  message?: string | null;
}

/** Which committed import last wrote a row of a table (written by storeRows in the import's transaction). */
@Entity({ tableName: 'ledger_row_import' })
@Index({ properties: ['importId'] })
export class LedgerRowImport {
  @PrimaryKey({ type: 'text' })
  tableName!: string;

  /** the row's key, e.g. 410106:W0001; a key holding an ID number is kept as its SHA-256 */
  @PrimaryKey({ type: 'text' })
  rowKey!: string;

  @Property({ type: 'uuid' })
  importId!: string;

  @Property({ type: 'timestamptz' })
  at!: Date;
}
