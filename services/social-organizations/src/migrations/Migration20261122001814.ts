import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001814 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "social_organization" ("code" varchar(18) not null, "name" text not null, "org_type" varchar(24) not null, "registration_authority" text null, "supervising_unit" text null, "founded_on" date not null, "street_code" varchar(12) not null, "community_code" varchar(12) null, "region_code" varchar(12) not null, "field" varchar(24) not null, "legal_representative" text null, "deregistered_on" date null, "deregistration_reason" text null, "grade_level" smallint null, "grade_year" smallint null, constraint "social_organization_pkey" primary key ("code"));`);
    this.addSql(`create index "social_organization_org_type_index" on "social_organization" ("org_type");`);
    this.addSql(`create index "social_organization_region_code_index" on "social_organization" ("region_code");`);
    this.addSql(`create index "social_organization_field_index" on "social_organization" ("field");`);

    this.addSql(`create table "service_project" ("code" varchar(32) not null, "name" text not null, "organization_code" varchar(18) not null, "community_code" varchar(12) not null, "category" text null, "mode" varchar(24) not null, "funding" numeric(14,2) not null, "approved_on" date not null, "status" varchar(16) not null, constraint "service_project_pkey" primary key ("code"));`);
    this.addSql(`create index "service_project_organization_code_index" on "service_project" ("organization_code");`);
    this.addSql(`create index "service_project_community_code_index" on "service_project" ("community_code");`);
    this.addSql(`create index "service_project_approved_on_index" on "service_project" ("approved_on");`);

    this.addSql(`create table "mediation_case" ("case_number" varchar(32) not null, "organization_code" varchar(18) not null, "received_on" date not null, "dispute_type" varchar(24) not null, "result" varchar(16) not null, "closed_on" date null, constraint "mediation_case_pkey" primary key ("case_number"));`);
    this.addSql(`create index "mediation_case_organization_code_index" on "mediation_case" ("organization_code");`);
    this.addSql(`create index "mediation_case_received_on_index" on "mediation_case" ("received_on");`);
    this.addSql(`create index "mediation_case_closed_on_index" on "mediation_case" ("closed_on");`);

    this.addSql(`create table "annual_inspection" ("organization_code" varchar(18) not null, "year" smallint not null, "result" varchar(24) not null, constraint "annual_inspection_pkey" primary key ("organization_code", "year"));`);

    this.addSql(`alter table "service_project" add constraint "service_project_organization_code_foreign" foreign key ("organization_code") references "social_organization" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "mediation_case" add constraint "mediation_case_organization_code_foreign" foreign key ("organization_code") references "social_organization" ("code") on update cascade on delete restrict;`);

    this.addSql(`alter table "annual_inspection" add constraint "annual_inspection_organization_code_foreign" foreign key ("organization_code") references "social_organization" ("code") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "service_project" drop constraint "service_project_organization_code_foreign";`);

    this.addSql(`alter table "mediation_case" drop constraint "mediation_case_organization_code_foreign";`);

    this.addSql(`alter table "annual_inspection" drop constraint "annual_inspection_organization_code_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "social_organization" cascade;`);

    this.addSql(`drop table if exists "service_project" cascade;`);

    this.addSql(`drop table if exists "mediation_case" cascade;`);

    this.addSql(`drop table if exists "annual_inspection" cascade;`);
  }

}
