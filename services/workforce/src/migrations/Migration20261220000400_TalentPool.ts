import { Migration } from '@mikro-orm/migrations';

/**
 * The social-work talent pool (社工人才库), and persons' birth year, for birth cohorts (90后) of workers and of the talent pool (issue 15). A stored
 * generated column: the year is digits 7–10 of the 18-digit ID number (GB 11643), so it is derived on
 * every insert, import or correction alike and existing rows are filled by this migration; no query
 * parses an ID number and the ID number never leaves through it.
 */
export class Migration20261220000400_TalentPool extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "person" add column "birth_year" smallint generated always as (case when "id_number" ~ '^\\d{17}[\\dX]$' then substring("id_number" from 7 for 4)::smallint end) stored;`,
    );
    this.addSql(`create table "talent_pool_member" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "region_code" varchar(12) not null, "person_id" bigint not null, "category" varchar(20) not null, "specialty" text null, "entered_on" date not null, "left_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "talent_pool_member_pkey" primary key ("id"));`);
    this.addSql(`create index "talent_pool_member_region_code_index" on "talent_pool_member" ("region_code");`);
    this.addSql(`create index "talent_pool_member_person_id_index" on "talent_pool_member" ("person_id");`);
    this.addSql(`create index "talent_pool_member_entered_on_index" on "talent_pool_member" ("entered_on");`);
    this.addSql(`alter table "talent_pool_member" add constraint "talent_pool_member_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "talent_pool_member" cascade;`);
    this.addSql(`alter table "person" drop column if exists "birth_year";`);
  }
}
