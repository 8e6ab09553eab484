import { Migration } from '@mikro-orm/migrations';

/** Rounds of building runs and household visits (issue 15). */
export class Migration20261210000005_HouseholdVisits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "household_visit" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "compound_id" varchar(40) null, "worker_id" varchar(40) null, "kind" varchar(20) not null, "visited_on" date not null, "households" int not null default 0, "enterprises" int not null default 0, "needs_found" int not null default 0, "needs_solved" int not null default 0, "talents_found" int not null default 0, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "household_visit_pkey" primary key ("id"));`);
    this.addSql(`create index "household_visit_community_code_index" on "household_visit" ("community_code");`);
    this.addSql(`create index "household_visit_visited_on_index" on "household_visit" ("visited_on");`);
    this.addSql(`alter table "household_visit" add constraint "household_visit_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "household_visit" cascade;`);
  }
}
