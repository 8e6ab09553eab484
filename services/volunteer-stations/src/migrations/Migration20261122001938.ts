import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001938 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "activity" ("code" varchar(20) not null, "name" text not null, "station_code" varchar(20) not null, "community_code" varchar(12) not null, "held_on" date not null, "category" text not null, "target_group" varchar(12) not null, "person_times" int null, constraint "activity_pkey" primary key ("code"));`);
    this.addSql(`create index "activity_station_code_index" on "activity" ("station_code");`);
    this.addSql(`create index "activity_community_code_held_on_index" on "activity" ("community_code", "held_on");`);

    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "need" ("code" varchar(20) not null, "grid_code" varchar(14) not null, "community_code" varchar(12) not null, "content" text not null, "category" text not null, "raised_on" date not null, "status" varchar(10) not null default 'RAISED', "claimed_by" text null, "claimed_on" date null, "resource_code" varchar(20) null, "served_on" date null, "feedback" text null, "satisfaction" smallint null, "closed_on" date null, constraint "need_pkey" primary key ("code"));`);
    this.addSql(`create index "need_grid_code_index" on "need" ("grid_code");`);
    this.addSql(`create index "need_community_code_raised_on_index" on "need" ("community_code", "raised_on");`);

    this.addSql(`create table "pilot" ("community_code" varchar(12) not null, "community_name" text not null, "level" varchar(10) not null, "pilot_type" text null, "designated_on" date not null, constraint "pilot_pkey" primary key ("community_code"));`);

    this.addSql(`create table "resource" ("code" varchar(20) not null, "grid_code" varchar(14) not null, "community_code" varchar(12) not null, "provider" text not null, "content" text not null, "category" text not null, "registered_on" date not null, constraint "resource_pkey" primary key ("code"));`);
    this.addSql(`create index "resource_category_grid_code_index" on "resource" ("category", "grid_code");`);
    this.addSql(`create index "resource_community_code_registered_on_index" on "resource" ("community_code", "registered_on");`);

    this.addSql(`create table "service_record" ("activity_code" varchar(20) not null, "volunteer_code" varchar(20) not null, "hours" numeric(5,2) not null, constraint "service_record_pkey" primary key ("activity_code", "volunteer_code"));`);
    this.addSql(`create index "service_record_volunteer_code_index" on "service_record" ("volunteer_code");`);

    this.addSql(`create table "station" ("code" varchar(20) not null, "name" text not null, "community_code" varchar(12) not null, "has_site" boolean not null default false, "has_sign" boolean not null default false, "has_team" boolean not null default false, "has_rules" boolean not null default false, "has_projects" boolean not null default false, "has_ledger" boolean not null default false, "built_on" date null, "standardized_on" date null, constraint "station_pkey" primary key ("code"));`);
    this.addSql(`create index "station_community_code_index" on "station" ("community_code");`);

    this.addSql(`create table "volunteer" ("code" varchar(20) not null, "name" text not null, "id_number" varchar(18) not null, "phone" varchar(11) null, "registered_on" date not null, "station_code" varchar(20) not null, "community_code" varchar(12) not null, "political_status" text null, constraint "volunteer_pkey" primary key ("code"));`);
    this.addSql(`alter table "volunteer" add constraint "volunteer_id_number_unique" unique ("id_number");`);
    this.addSql(`create index "volunteer_station_code_index" on "volunteer" ("station_code");`);
    this.addSql(`create index "volunteer_community_code_index" on "volunteer" ("community_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "activity" cascade;`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "need" cascade;`);

    this.addSql(`drop table if exists "pilot" cascade;`);

    this.addSql(`drop table if exists "resource" cascade;`);

    this.addSql(`drop table if exists "service_record" cascade;`);

    this.addSql(`drop table if exists "station" cascade;`);

    this.addSql(`drop table if exists "volunteer" cascade;`);
  }

}
