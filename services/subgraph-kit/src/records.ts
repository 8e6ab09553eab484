import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditEntry } from './audit';
import { LedgerImportRecord, LedgerRowImport } from './ledger-imports/ledger-import.entity';

/**
 * A row a ledger writes. `importedValues` holds the values the last import wrote, so the next
 * import can tell a change made in the app (kept, and reported as a conflict) from a change in the
 * ledger (applied). Never loaded with the row.
 */
@Entity({ abstract: true })
export abstract class LedgerRecord {
  @Property({ type: 'jsonb', nullable: true, lazy: true, hidden: true })
  importedValues?: Record<string, unknown> | null;
}

/** The kit's data version counter (data-version.ts), declared so schema diffs know the table. */
@Entity({ tableName: 'data_version' })
@Check({ name: 'data_version_id_check', expression: 'id = 1' })
export class DataVersionRow {
  @PrimaryKey({ type: 'integer', default: 1, autoincrement: false })
  id: number = 1;

  @Property({ type: 'bigint', default: 0 })
  version!: string;
}

/** Entities every subgraph's database has besides its own: the audit trail, the data version, the ledger-record base, ledger imports. */
export const kitEntities = [AuditEntry, DataVersionRow, LedgerRecord, LedgerImportRecord, LedgerRowImport];
