import { Migration } from '@mikro-orm/migrations';

/** Compound residents' autonomy stations, their subsidies and what is held there (issue 15). */
export class Migration20261210000001_AutonomyStations extends Migration {
  override async up(): Promise<void> {
    const record = `"imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null`;
    this.addSql(`create table "autonomy_station" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "name" text not null, "started_on" date null, "opened_on" date null, "accepted_on" date null, "closed_on" date null, ${record}, constraint "autonomy_station_pkey" primary key ("id"));`);
    this.addSql(`create index "autonomy_station_compound_id_index" on "autonomy_station" ("compound_id");`);
    this.addSql(`create index "autonomy_station_community_code_index" on "autonomy_station" ("community_code");`);
    this.addSql(`alter table "autonomy_station" add constraint "autonomy_station_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "autonomy_subsidy" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null, "source" varchar(20) not null, "purpose" varchar(20) not null, "amount" numeric(14,2) not null, "granted_on" date not null, ${record}, constraint "autonomy_subsidy_pkey" primary key ("id"));`);
    this.addSql(`create index "autonomy_subsidy_station_id_index" on "autonomy_subsidy" ("station_id");`);
    this.addSql(`create index "autonomy_subsidy_community_code_index" on "autonomy_subsidy" ("community_code");`);
    this.addSql(`create index "autonomy_subsidy_granted_on_index" on "autonomy_subsidy" ("granted_on");`);
    this.addSql(`alter table "autonomy_subsidy" add constraint "autonomy_subsidy_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "autonomy_activity" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null, "kind" varchar(20) not null, "title" text not null, "held_on" date not null, "participants" int not null default 0, "needs_collected" int not null default 0, "issues_resolved" int not null default 0, ${record}, constraint "autonomy_activity_pkey" primary key ("id"));`);
    this.addSql(`create index "autonomy_activity_station_id_index" on "autonomy_activity" ("station_id");`);
    this.addSql(`create index "autonomy_activity_community_code_index" on "autonomy_activity" ("community_code");`);
    this.addSql(`create index "autonomy_activity_held_on_index" on "autonomy_activity" ("held_on");`);
    this.addSql(`alter table "autonomy_activity" add constraint "autonomy_activity_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    for (const t of ['autonomy_activity', 'autonomy_subsidy', 'autonomy_station']) this.addSql(`drop table if exists "${t}" cascade;`);
  }
}
