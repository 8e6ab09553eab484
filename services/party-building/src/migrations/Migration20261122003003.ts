import { Migration } from '@mikro-orm/migrations';

export class Migration20261122003003 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "committee_member_unit" ("name" text not null, "joined_on" date not null, "left_on" date null, "region_code" varchar(12) not null, constraint "committee_member_unit_pkey" primary key ("name"));`);
    this.addSql(`create index "committee_member_unit_region_code_index" on "committee_member_unit" ("region_code");`);

    this.addSql(`create table "industry_committee" ("name" text not null, "industry" text not null, "founded_on" date not null, "region_code" varchar(12) not null, constraint "industry_committee_pkey" primary key ("name"));`);
    this.addSql(`create index "industry_committee_founded_on_index" on "industry_committee" ("founded_on");`);
    this.addSql(`create index "industry_committee_region_code_index" on "industry_committee" ("region_code");`);

    this.addSql(`create table "party_instructor" ("code" varchar(20) not null, "name" text not null, "id_number" varchar(18) not null, "phone" varchar(11) null, "source" varchar(16) not null, "dispatched_on" date not null, "region_code" varchar(12) not null, constraint "party_instructor_pkey" primary key ("code"));`);
    this.addSql(`create index "party_instructor_region_code_index" on "party_instructor" ("region_code");`);

    this.addSql(`create table "instructor_assignment" ("id" serial primary key, "credit_code" varchar(18) not null, "instructor_code" varchar(20) not null, "assigned_on" date not null, "withdrawn_on" date null);`);
    this.addSql(`create index "instructor_assignment_credit_code_index" on "instructor_assignment" ("credit_code");`);
    this.addSql(`create index "instructor_assignment_instructor_code_index" on "instructor_assignment" ("instructor_code");`);
    this.addSql(`alter table "instructor_assignment" add constraint "instructor_assignment_credit_code_instructor_code_unique" unique ("credit_code", "instructor_code");`);

    this.addSql(`create table "instructor_contact" ("code" varchar(20) not null, "instructor_code" varchar(20) not null, "credit_code" varchar(18) not null, "contacted_on" date not null, "kind" varchar(20) not null, "problem" text null, "problem_category" varchar(12) null, "solved" boolean null, "solved_on" date null, "region_code" varchar(12) not null, constraint "instructor_contact_pkey" primary key ("code"));`);
    this.addSql(`create index "instructor_contact_instructor_code_index" on "instructor_contact" ("instructor_code");`);
    this.addSql(`create index "instructor_contact_credit_code_index" on "instructor_contact" ("credit_code");`);
    this.addSql(`create index "instructor_contact_contacted_on_index" on "instructor_contact" ("contacted_on");`);
    this.addSql(`create index "instructor_contact_solved_on_index" on "instructor_contact" ("solved_on");`);
    this.addSql(`create index "instructor_contact_region_code_index" on "instructor_contact" ("region_code");`);

    this.addSql(`create table "party_organization" ("id" serial primary key, "name" text not null, "formation" varchar(8) not null, "natural_key" text not null, "founded_on" date not null, "region_code" varchar(12) not null);`);
    this.addSql(`alter table "party_organization" add constraint "party_organization_natural_key_unique" unique ("natural_key");`);
    this.addSql(`create index "party_organization_region_code_index" on "party_organization" ("region_code");`);

    this.addSql(`create table "party_org_unit" ("id" serial primary key, "credit_code" varchar(18) not null, "party_organization_id" int not null, "joined_on" date not null, "left_on" date null);`);
    this.addSql(`create index "party_org_unit_credit_code_index" on "party_org_unit" ("credit_code");`);
    this.addSql(`create index "party_org_unit_party_organization_id_index" on "party_org_unit" ("party_organization_id");`);
    this.addSql(`alter table "party_org_unit" add constraint "party_org_unit_credit_code_party_organization_id_unique" unique ("credit_code", "party_organization_id");`);

    this.addSql(`create table "party_training" ("code" varchar(20) not null, "name" text not null, "held_on" date not null, "participant_category" text not null, "person_times" int not null, "region_code" varchar(12) not null, constraint "party_training_pkey" primary key ("code"));`);
    this.addSql(`create index "party_training_held_on_index" on "party_training" ("held_on");`);
    this.addSql(`create index "party_training_region_code_index" on "party_training" ("region_code");`);

    this.addSql(`create table "two_new_org" ("credit_code" varchar(18) not null, "name" text not null, "category" varchar(24) not null, "is_key" boolean not null default false, "region_code" varchar(12) not null, "party_members" int not null default 0, constraint "two_new_org_pkey" primary key ("credit_code"));`);
    this.addSql(`create index "two_new_org_category_index" on "two_new_org" ("category");`);
    this.addSql(`create index "two_new_org_region_code_index" on "two_new_org" ("region_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "committee_member_unit" cascade;`);

    this.addSql(`drop table if exists "industry_committee" cascade;`);

    this.addSql(`drop table if exists "party_instructor" cascade;`);

    this.addSql(`drop table if exists "instructor_assignment" cascade;`);

    this.addSql(`drop table if exists "instructor_contact" cascade;`);

    this.addSql(`drop table if exists "party_organization" cascade;`);

    this.addSql(`drop table if exists "party_org_unit" cascade;`);

    this.addSql(`drop table if exists "party_training" cascade;`);

    this.addSql(`drop table if exists "two_new_org" cascade;`);
  }

}
