import { Migration } from '@mikro-orm/migrations';

/**
 * The kit's ledger-import tables in every subgraph's database: each upload from preview to commit
 * (who, the file's name, size and SHA-256, counts, defects, conflicts), and which import last wrote
 * each row a ledger owns.
 */
export class Migration20261201000000_LedgerImports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "ledger_import" ("id" uuid not null, "ledger" text not null, "file_name" text not null, "bytes" int not null, "sha256" text not null, "status" text not null, "subject" text not null, "roles" text not null, "region" text null, "district" varchar(6) null, "overwrite" boolean not null default false, "data_version" bigint null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "previewed_at" timestamptz null, "expires_at" timestamptz not null, "committed_by" text null, "committed_at" timestamptz null, "rows_read" int not null default 0, "inserted" int not null default 0, "updated" int not null default 0, "unchanged" int not null default 0, "defect_count" int not null default 0, "conflict_count" int not null default 0, "defects" jsonb null, "conflicts" jsonb null, "message" text null, constraint "ledger_import_pkey" primary key ("id"));`,
    );
    this.addSql(`create index if not exists "ledger_import_created_at_index" on "ledger_import" ("created_at");`);
    this.addSql(
      `create table if not exists "ledger_row_import" ("table_name" text not null, "row_key" text not null, "import_id" uuid not null, "at" timestamptz not null, constraint "ledger_row_import_pkey" primary key ("table_name", "row_key"));`,
    );
    this.addSql(`create index if not exists "ledger_row_import_import_id_index" on "ledger_row_import" ("import_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ledger_row_import";`);
    this.addSql(`drop table if exists "ledger_import";`);
  }
}
