import { Migration } from '@mikro-orm/migrations';

/** Micro livelihood works (小微民生项目, issue 15). */
export class Migration20261210000006_MicroProjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "micro_project" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "compound_id" varchar(40) null, "name" text not null, "category" varchar(20) not null, "content" text null, "quantity" numeric(12,2) null, "unit" varchar(10) null, "households" int not null default 0, "funding" numeric(14,2) null, "funding_source" varchar(20) null, "started_on" date not null, "completed_on" date null, "status" varchar(10) not null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "micro_project_pkey" primary key ("id"));`);
    this.addSql(`create index "micro_project_community_code_index" on "micro_project" ("community_code");`);
    this.addSql(`create index "micro_project_started_on_index" on "micro_project" ("started_on");`);
    this.addSql(`alter table "micro_project" add constraint "micro_project_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "micro_project" cascade;`);
  }
}
