import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AuditEntry } from './audit';
import { LedgerImportRecord, LedgerRowImport } from './ledger-imports/ledger-import.entity';

/**
 * A record a clerk can withdraw: one entered by mistake is marked withdrawn (with the day and the
 * reason) instead of being deleted. Figures, lists, lookups and references skip withdrawn rows (the
 * ORM's `live` filter, db.ts; the list and figure helpers for SQL), so a withdrawn record counts as
 * never entered, while the row, its history and its audit trail stay. See daily-work.ts.
 */
@Entity({ abstract: true })
export abstract class Withdrawable {
  @Property({ type: 'date', nullable: true })
  withdrawnOn?: string | null;

  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null;
}

/**
 * A row a ledger writes. `importedValues` holds the values the last import wrote, so the next
 * import can tell a change made in the app (kept, and reported as a conflict) from a change in the
 * ledger (applied). Never loaded with the row. Every ledger row can be corrected and withdrawn
 * through the API (daily-work.ts).
 */
@Entity({ abstract: true })
export abstract class LedgerRecord extends Withdrawable {
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

/**
 * One change made to a record through the API, written by the kit's correction and withdrawal
 * helpers (daily-work.ts): the field, its value before and after, who changed it, when and why.
 * A correction never loses the earlier value; the record's `history` field reads these rows.
 */
@Entity({ tableName: 'record_history' })
@Index({ properties: ['entity', 'recordId'] })
export class RecordHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** the GraphQL type of the record, e.g. CommunityWorker */
  @Property({ type: 'text' })
  entity!: string;

  /** the record's id as the API shows it */
  @Property({ type: 'text' })
  recordId!: string;

  /** the GraphQL field changed; `withdrawn` for a withdrawal */
  @Property({ type: 'text' })
  field!: string;

  @Property({ type: 'jsonb', nullable: true })
  oldValue?: unknown;

  @Property({ type: 'jsonb', nullable: true })
  newValue?: unknown;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Property({ type: 'text' })
  subject!: string;

  /** the mutation that made the change */
  @Property({ type: 'text' })
  operation!: string;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}

/**
 * Which person key (PERSON_KEY, persons.ts) the stored person ids were computed with, as a
 * fingerprint: when the key changes, every stored person id is computed again at start-up.
 */
@Entity({ tableName: 'person_key_state' })
@Check({ name: 'person_key_state_id_check', expression: 'id = 1' })
export class PersonKeyState {
  @PrimaryKey({ type: 'integer', default: 1, autoincrement: false })
  id: number = 1;

  @Property({ type: 'text' })
  fingerprint!: string;
}

/** Entities every subgraph's database has besides its own: the audit trail, the data version, record history, the bases, ledger imports. */
export const kitEntities = [
  AuditEntry,
  DataVersionRow,
  RecordHistory,
  PersonKeyState,
  Withdrawable,
  LedgerRecord,
  LedgerImportRecord,
  LedgerRowImport,
];
