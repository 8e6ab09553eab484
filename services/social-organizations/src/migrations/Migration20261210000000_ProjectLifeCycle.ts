import { Migration } from '@mikro-orm/migrations';

/** Service projects' category vocabulary, funding source and application day; their milestones (issue 15). */
export class Migration20261210000000_ProjectLifeCycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "service_project" add column "category_kind" varchar(20) null, add column "funding_source" varchar(20) null, add column "applied_on" date null;`);
    this.addSql(`create table "project_milestone" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "project_id" varchar(40) not null, "community_code" varchar(12) not null, "kind" varchar(20) not null, "held_on" date not null, "supervisors" smallint null, "note" text null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "project_milestone_pkey" primary key ("id"));`);
    this.addSql(`create index "project_milestone_project_id_index" on "project_milestone" ("project_id");`);
    this.addSql(`create index "project_milestone_community_code_index" on "project_milestone" ("community_code");`);
    this.addSql(`create index "project_milestone_held_on_index" on "project_milestone" ("held_on");`);
    this.addSql(`alter table "project_milestone" add constraint "project_milestone_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "project_milestone" cascade;`);
    this.addSql(`alter table "service_project" drop column "category_kind", drop column "funding_source", drop column "applied_on";`);
  }
}
