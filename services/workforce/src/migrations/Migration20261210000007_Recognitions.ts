import { Migration } from '@mikro-orm/migrations';

/** Honours, awards, brands, demonstration sites, pilots and selected cases (issue 15). */
export class Migration20261210000007_Recognitions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "recognition" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "region_code" varchar(12) not null, "kind" varchar(20) not null, "level" varchar(12) not null, "title" text not null, "holder_type" varchar(20) not null, "holder_name" text not null, "holder_id" varchar(60) null, "rank" varchar(12) null, "granted_by" text null, "granted_on" date not null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "recognition_pkey" primary key ("id"));`);
    this.addSql(`create index "recognition_region_code_index" on "recognition" ("region_code");`);
    this.addSql(`create index "recognition_granted_on_index" on "recognition" ("granted_on");`);
    this.addSql(`alter table "recognition" add constraint "recognition_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recognition" cascade;`);
  }
}
