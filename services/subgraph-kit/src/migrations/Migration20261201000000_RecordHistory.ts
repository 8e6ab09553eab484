import { Migration } from '@mikro-orm/migrations';

/**
 * The kit's record history (every correction and withdrawal made through the API, daily-work.ts)
 * and the fingerprint of the person key the stored person ids were computed with (persons.ts).
 */
export class Migration20261201000000_RecordHistory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "record_history" ("id" bigserial primary key, "entity" text not null, "record_id" text not null,
      "field" text not null, "old_value" jsonb null, "new_value" jsonb null, "at" timestamptz not null default now(),
      "subject" text not null, "operation" text not null, "reason" text null);`);
    this.addSql(`create index if not exists "record_history_entity_record_id_index" on "record_history" ("entity", "record_id");`);
    this.addSql(
      `create table if not exists "person_key_state" ("id" int primary key default 1 check ("id" = 1), "fingerprint" text not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "record_history";`);
    this.addSql(`drop table if exists "person_key_state";`);
  }
}
