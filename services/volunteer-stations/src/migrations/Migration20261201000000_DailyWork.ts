import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn; a volunteer carries a
 * person id across the graph (a keyed hash of the ID number, filled at start-up); a station's 六有
 * items and a volunteer's station are kept over time (valid from, valid to), starting from what each
 * holds now; a volunteer may leave.
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    for (const table of ['station', 'pilot', 'volunteer', 'activity', 'service_record', 'need', 'resource']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "volunteer" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "volunteer_person_hash_index" on "volunteer" ("person_hash");`);
    this.addSql(`create table if not exists "station_standard" ("id" serial primary key, "withdrawn_on" date null, "withdrawal_reason" text null,
      "station_id" varchar(40) not null, "valid_from" date null, "valid_to" date null, "has_site" boolean not null default false,
      "has_sign" boolean not null default false, "has_team" boolean not null default false, "has_rules" boolean not null default false,
      "has_projects" boolean not null default false, "has_ledger" boolean not null default false);`);
    this.addSql(`create index if not exists "station_standard_station_id_index" on "station_standard" ("station_id");`);
    this.addSql(`create table if not exists "volunteer_stint" ("id" serial primary key, "withdrawn_on" date null, "withdrawal_reason" text null,
      "volunteer_id" varchar(40) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null,
      "from_on" date not null, "to_on" date null);`);
    this.addSql(`create index if not exists "volunteer_stint_volunteer_id_index" on "volunteer_stint" ("volunteer_id");`);
    this.addSql(`create index if not exists "volunteer_stint_community_code_index" on "volunteer_stint" ("community_code");`);
    this.addSql(`alter table "volunteer" add column if not exists "left_on" date null;`);
    this.addSql(`alter table "volunteer" drop constraint if exists "volunteer_district_code_id_number_unique";`);
    this.addSql(`create unique index if not exists "volunteer_district_code_id_number_unique" on "volunteer" ("district_code", "id_number") where "withdrawn_on" is null;`);
    // what each station holds now: since it was standardised in the app, else since it was built (as the figures counted it)
    this.addSql(`insert into "station_standard" ("station_id", "valid_from", "has_site", "has_sign", "has_team", "has_rules", "has_projects", "has_ledger")
      select "id", coalesce("standardized_on", "built_on"), "has_site", "has_sign", "has_team", "has_rules", "has_projects", "has_ledger" from "station";`);
    this.addSql(`insert into "volunteer_stint" ("volunteer_id", "station_id", "community_code", "from_on")
      select "id", "station_id", "community_code", "registered_on" from "volunteer";`);
  }
}
