import { Migration } from '@mikro-orm/migrations';

/** Residents' suggestions collected, closed and adopted (issue 15). */
export class Migration20261210000003_Suggestions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "suggestion" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "compound_id" varchar(40) null, "category" varchar(20) not null, "content" text not null, "collected_on" date not null, "closed_on" date null, "status" varchar(10) not null, "adopted" boolean null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "suggestion_pkey" primary key ("id"));`);
    this.addSql(`create index "suggestion_community_code_index" on "suggestion" ("community_code");`);
    this.addSql(`create index "suggestion_collected_on_index" on "suggestion" ("collected_on");`);
    this.addSql(`alter table "suggestion" add constraint "suggestion_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "suggestion" cascade;`);
  }
}
