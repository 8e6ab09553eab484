import { Migration } from '@mikro-orm/migrations';

/** Community service facilities and their building works (issue 15): district-scoped numbers, withdrawable, import snapshots. */
export class Migration20261210000000_Facilities extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "facility" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "name" text not null, "kind" varchar(30) not null, "star_level" smallint null, "star_rated_on" date null, "area" numeric(10,2) null, "rooms" text null, "opened_on" date null, "closed_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "facility_pkey" primary key ("id"));`);
    this.addSql(`create index "facility_community_code_index" on "facility" ("community_code");`);
    this.addSql(`alter table "facility" add constraint "facility_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "facility_work" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "facility_id" varchar(40) not null, "community_code" varchar(12) not null, "kind" varchar(20) not null, "content" text not null, "rooms" text null, "started_on" date not null, "completed_on" date null, "accepted_on" date null, "status" varchar(12) not null, "funding" numeric(14,2) null, "funding_source" varchar(20) null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "facility_work_pkey" primary key ("id"));`);
    this.addSql(`create index "facility_work_facility_id_index" on "facility_work" ("facility_id");`);
    this.addSql(`create index "facility_work_community_code_index" on "facility_work" ("community_code");`);
    this.addSql(`create index "facility_work_started_on_index" on "facility_work" ("started_on");`);
    this.addSql(`alter table "facility_work" add constraint "facility_work_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "facility_work" cascade;`);
    this.addSql(`drop table if exists "facility" cascade;`);
  }
}
