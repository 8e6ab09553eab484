import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001918 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "certificate" ("id" varchar(30) not null, "person_id" bigint not null, "work_unit" text null, "region_code" varchar(12) not null, "level" varchar(12) not null, "obtained_on" date not null, constraint "certificate_pkey" primary key ("id"));`);
    this.addSql(`create index "certificate_person_id_index" on "certificate" ("person_id");`);
    this.addSql(`create index "certificate_region_code_index" on "certificate" ("region_code");`);

    this.addSql(`create table "compound" ("code" varchar(20) not null, "name" text not null, "community_code" varchar(12) not null, "grid_code" varchar(14) null, "households" int null, "property_mode" text null, "established_on" date null, "abolished_on" date null, constraint "compound_pkey" primary key ("code"));`);
    this.addSql(`create index "compound_community_code_index" on "compound" ("community_code");`);
    this.addSql(`create index "compound_grid_code_index" on "compound" ("grid_code");`);

    this.addSql(`create table "deliberation" ("id" varchar(20) not null, "community_code" varchar(12) not null, "title" text not null, "method" text not null, "raised_on" date not null, "handled_on" date null, "closed_on" date null, "status" varchar(10) not null, constraint "deliberation_pkey" primary key ("id"));`);
    this.addSql(`create index "deliberation_community_code_index" on "deliberation" ("community_code");`);
    this.addSql(`create index "deliberation_raised_on_index" on "deliberation" ("raised_on");`);

    this.addSql(`create table "exam_registration" ("id" bigserial primary key, "exam_year" int not null, "person_id" bigint not null, "work_unit" text null, "region_code" varchar(12) not null, "level" varchar(12) not null, "result" varchar(10) not null);`);
    this.addSql(`create index "exam_registration_person_id_index" on "exam_registration" ("person_id");`);
    this.addSql(`create index "exam_registration_region_code_index" on "exam_registration" ("region_code");`);
    this.addSql(`alter table "exam_registration" add constraint "exam_registration_exam_year_person_id_unique" unique ("exam_year", "person_id");`);

    this.addSql(`create table "grid" ("code" varchar(14) not null, "name" text not null, "community_code" varchar(12) not null, "type" text null, "established_on" date null, "abolished_on" date null, constraint "grid_pkey" primary key ("code"));`);
    this.addSql(`create index "grid_community_code_index" on "grid" ("community_code");`);

    this.addSql(`create table "person" ("id" bigserial primary key, "id_number" varchar(18) not null, "name" text not null, "phone" varchar(11) null);`);
    this.addSql(`alter table "person" add constraint "person_id_number_unique" unique ("id_number");`);

    this.addSql(`create table "region" ("code" varchar(12) not null, "name" text not null, "level" varchar(12) not null, "parent_code" varchar(12) null, "established_on" date null, "abolished_on" date null, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "region" ("parent_code");`);

    this.addSql(`create table "training" ("id" varchar(20) not null, "name" text not null, "type" varchar(30) not null, "start_on" date not null, "end_on" date null, "organiser" text null, "audience" varchar(20) not null, constraint "training_pkey" primary key ("id"));`);
    this.addSql(`create index "training_start_on_index" on "training" ("start_on");`);

    this.addSql(`create table "training_attendance" ("id" bigserial primary key, "training_id" varchar(20) not null, "worker_id" varchar(20) not null, "community_code" varchar(12) not null, "status" varchar(10) not null);`);
    this.addSql(`create index "training_attendance_training_id_index" on "training_attendance" ("training_id");`);
    this.addSql(`create index "training_attendance_worker_id_index" on "training_attendance" ("worker_id");`);
    this.addSql(`create index "training_attendance_community_code_index" on "training_attendance" ("community_code");`);
    this.addSql(`alter table "training_attendance" add constraint "training_attendance_training_id_worker_id_status_unique" unique ("training_id", "worker_id", "status");`);

    this.addSql(`create table "worker" ("id" varchar(20) not null, "person_id" bigint not null, "gender" text null, "community_code" varchar(12) not null, "role" varchar(20) not null, "tier" varchar(10) null, "grid_code" varchar(14) null, "hired_on" date not null, "left_on" date null, "political_status" text null, "education" text null, constraint "worker_pkey" primary key ("id"));`);
    this.addSql(`create index "worker_person_id_index" on "worker" ("person_id");`);
    this.addSql(`create index "worker_community_code_index" on "worker" ("community_code");`);

    this.addSql(`create table "worker_post" ("id" bigserial primary key, "worker_id" varchar(20) not null, "community_code" varchar(12) not null, "role" varchar(20) not null, "tier" varchar(10) null, "grid_code" varchar(14) null, "from_on" date not null, "to_on" date null);`);
    this.addSql(`create index "worker_post_community_code_index" on "worker_post" ("community_code");`);
    this.addSql(`create index "worker_post_grid_code_index" on "worker_post" ("grid_code");`);
    this.addSql(`alter table "worker_post" add constraint "worker_post_worker_id_from_on_unique" unique ("worker_id", "from_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "certificate" cascade;`);

    this.addSql(`drop table if exists "compound" cascade;`);

    this.addSql(`drop table if exists "deliberation" cascade;`);

    this.addSql(`drop table if exists "exam_registration" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop table if exists "training" cascade;`);

    this.addSql(`drop table if exists "training_attendance" cascade;`);

    this.addSql(`drop table if exists "worker" cascade;`);

    this.addSql(`drop table if exists "worker_post" cascade;`);
  }

}
