import { Migration } from '@mikro-orm/migrations';

export class Migration20261122001655 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "gig_care_event" ("code" varchar(20) not null, "name" text not null, "kind" varchar(20) not null, "held_on" date not null, "served" int not null, "partner_name" text null, constraint "gig_care_event_pkey" primary key ("code"));`);

    this.addSql(`create table "gig_care_partner" ("year" int not null, "ledger_row" int not null, "name" text not null, "type" varchar(20) not null, constraint "gig_care_partner_pkey" primary key ("year", "ledger_row"));`);

    this.addSql(`create table "gig_issue" ("code" varchar(20) not null, "reporter_code" varchar(20) not null, "grid_code" varchar(14) not null, "community_code" varchar(12) not null, "category" text not null, "description" text null, "status" varchar(12) not null, "reported_at" timestamptz not null, "dispatched_at" timestamptz null, "assignee" text null, "resolved_at" timestamptz null, "resolution" text null, "fed_back_at" timestamptz null, "feedback" text null, "satisfied" boolean null, constraint "gig_issue_pkey" primary key ("code"));`);
    this.addSql(`create index "gig_issue_reporter_code_index" on "gig_issue" ("reporter_code");`);
    this.addSql(`create index "gig_issue_community_code_index" on "gig_issue" ("community_code");`);
    this.addSql(`create index "gig_issue_reported_at_index" on "gig_issue" ("reported_at");`);

    this.addSql(`create table "gig_points_entry" ("id" bigserial primary key, "worker_code" varchar(20) not null, "community_code" varchar(12) not null, "kind" varchar(8) not null, "reason" varchar(20) null, "points" int not null, "balance_after" int not null, "merchant_code" varchar(20) null, "issue_code" varchar(20) null, "note" text null, "idempotency_key" varchar(100) not null, "at" timestamptz not null, constraint gig_points_entry_amount_check check (points > 0 and balance_after >= 0));`);
    this.addSql(`create index "gig_points_entry_worker_code_index" on "gig_points_entry" ("worker_code");`);
    this.addSql(`create index "gig_points_entry_community_code_index" on "gig_points_entry" ("community_code");`);
    this.addSql(`alter table "gig_points_entry" add constraint "gig_points_entry_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create unique index "gig_points_entry_issue_once" on "gig_points_entry" ("issue_code") where "reason" = 'ISSUE_CONFIRMED';`);

    this.addSql(`create table "gig_rider_code_compound" ("compound_code" varchar(20) not null, "opened_on" date not null, "community_code" varchar(12) null, constraint "gig_rider_code_compound_pkey" primary key ("compound_code"));`);
    this.addSql(`create index "gig_rider_code_compound_community_code_index" on "gig_rider_code_compound" ("community_code");`);

    this.addSql(`create table "gig_station" ("code" varchar(20) not null, "name" text not null, "kind" varchar(24) not null, "community_code" varchar(12) not null, "address" text null, "services" text[] not null, "built_on" date null, constraint "gig_station_pkey" primary key ("code"));`);
    this.addSql(`create index "gig_station_community_code_index" on "gig_station" ("community_code");`);

    this.addSql(`create table "gig_worker" ("code" varchar(20) not null, "name" text not null, "id_number" varchar(18) not null, "phone" varchar(11) null, "job_type" varchar(24) not null, "platform" text not null, "party_member" boolean not null, "mobile_grid_member" boolean not null, "registered_on" date not null, "community_code" varchar(12) not null, "points_balance" int not null default 0, constraint "gig_worker_pkey" primary key ("code"), constraint gig_worker_points_balance_check check (points_balance >= 0));`);
    this.addSql(`alter table "gig_worker" add constraint "gig_worker_id_number_unique" unique ("id_number");`);
    this.addSql(`create index "gig_worker_community_code_index" on "gig_worker" ("community_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "gig_care_event" cascade;`);

    this.addSql(`drop table if exists "gig_care_partner" cascade;`);

    this.addSql(`drop table if exists "gig_issue" cascade;`);

    this.addSql(`drop table if exists "gig_points_entry" cascade;`);

    this.addSql(`drop table if exists "gig_rider_code_compound" cascade;`);

    this.addSql(`drop table if exists "gig_station" cascade;`);

    this.addSql(`drop table if exists "gig_worker" cascade;`);
  }

}
