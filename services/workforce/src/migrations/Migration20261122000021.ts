import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000021 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "subject" text not null, "roles" text not null, "kind" text not null, "operation" text not null, "target" text null, "args" jsonb null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "compound" ("code" varchar(20) not null, "name" text not null, "community_code" varchar(12) not null, "grid_code" varchar(14) null, "households" int null, "property_mode" text null, "established_on" date null, "abolished_on" date null, constraint "compound_pkey" primary key ("code"));`);
    this.addSql(`create index "compound_community_code_index" on "compound" ("community_code");`);
    this.addSql(`create index "compound_grid_code_index" on "compound" ("grid_code");`);

    this.addSql(`create table "grid" ("code" varchar(14) not null, "name" text not null, "community_code" varchar(12) not null, "type" text null, "established_on" date null, "abolished_on" date null, constraint "grid_pkey" primary key ("code"));`);
    this.addSql(`create index "grid_community_code_index" on "grid" ("community_code");`);

    this.addSql(`create table "region" ("code" varchar(12) not null, "name" text not null, "level" varchar(12) not null, "parent_code" varchar(12) null, "established_on" date null, "abolished_on" date null, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "region" ("parent_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "compound" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "region" cascade;`);
  }

}
