import { Migration } from '@mikro-orm/migrations';

/** Named volunteer service projects run by stations (issue 15). */
export class Migration20261210000000_VolunteerProjects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "volunteer_project" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null, "name" text not null, "field" varchar(20) not null, "description" text null, "started_on" date not null, "ended_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "volunteer_project_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_project_station_id_index" on "volunteer_project" ("station_id");`);
    this.addSql(`create index "volunteer_project_community_code_index" on "volunteer_project" ("community_code");`);
    this.addSql(`create index "volunteer_project_started_on_index" on "volunteer_project" ("started_on");`);
    this.addSql(`alter table "volunteer_project" add constraint "volunteer_project_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "volunteer_project" cascade;`);
  }
}
