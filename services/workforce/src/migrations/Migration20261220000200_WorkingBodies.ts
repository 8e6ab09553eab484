import { Migration } from '@mikro-orm/migrations';

/**
 * Working bodies (联席会议, 领导小组, 指导中心 …), their members, and the meetings and activities held by
 * several nodes together (issue 15). `places` holds every region a record names (its node, seat and
 * member communities; an event's host and participants), so a figure or list finds it under any of them.
 */
export class Migration20261220000200_WorkingBodies extends Migration {
  override async up(): Promise<void> {
    const ledger = `"imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null`;
    this.addSql(`create table "working_body" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "region_code" varchar(12) not null, "kind" varchar(20) not null, "name" text not null, "seat_code" varchar(12) null, "member_regions" text[] not null default '{}', "rotation" varchar(12) not null default 'FIXED', "duties" text null, "established_on" date not null, "dissolved_on" date null, "places" text[] not null, ${ledger}, constraint "working_body_pkey" primary key ("id"));`);
    this.addSql(`create index "working_body_region_code_index" on "working_body" ("region_code");`);
    this.addSql(`create index "working_body_established_on_index" on "working_body" ("established_on");`);
    this.addSql(`alter table "working_body" add constraint "working_body_district_code_number_unique" unique ("district_code", "number");`);

    this.addSql(`create table "working_body_member" ("id" varchar(50) not null, "district_code" varchar(6) not null, "body_id" varchar(40) not null, "seq" smallint not null, "region_code" varchar(12) not null, "unit_name" text null, "worker_id" varchar(40) null, "role" text null, "duty" text null, "joined_on" date not null, "left_on" date null, ${ledger}, constraint "working_body_member_pkey" primary key ("id"));`);
    this.addSql(`create index "working_body_member_body_id_index" on "working_body_member" ("body_id");`);
    this.addSql(`create index "working_body_member_region_code_index" on "working_body_member" ("region_code");`);

    this.addSql(`create table "joint_event" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "kind" varchar(20) not null, "body_id" varchar(40) null, "host_code" varchar(12) not null, "participants" text[] not null, "communities" smallint not null, "held_on" date not null, "title" text not null, "topics" text[] not null default '{}', "problems_resolved" int not null default 0, "enterprises" int not null default 0, "organizations" int not null default 0, "person_times" int not null default 0, "cost_saved" int not null default 0, "places" text[] not null, ${ledger}, constraint "joint_event_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_event_body_id_index" on "joint_event" ("body_id");`);
    this.addSql(`create index "joint_event_host_code_index" on "joint_event" ("host_code");`);
    this.addSql(`create index "joint_event_held_on_index" on "joint_event" ("held_on");`);
    this.addSql(`alter table "joint_event" add constraint "joint_event_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "joint_event" cascade;`);
    this.addSql(`drop table if exists "working_body_member" cascade;`);
    this.addSql(`drop table if exists "working_body" cascade;`);
  }
}
