import { Migration } from '@mikro-orm/migrations';

/** Social-work cases, governance research topics and write-ups (issue 15). */
export class Migration20261210000008_Writeups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "writeup" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "region_code" varchar(12) not null, "kind" varchar(20) not null, "title" text not null, "author_id" varchar(40) null, "completed_on" date not null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "writeup_pkey" primary key ("id"));`);
    this.addSql(`create index "writeup_region_code_index" on "writeup" ("region_code");`);
    this.addSql(`create index "writeup_completed_on_index" on "writeup" ("completed_on");`);
    this.addSql(`alter table "writeup" add constraint "writeup_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "writeup" cascade;`);
  }
}
