import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn; a gig worker carries a
 * person id across the graph (a keyed hash of the ID number, filled at start-up), may leave, and
 * serves as a mobile grid member over periods of time (valid from, valid to), starting from who is one now.
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    for (const table of ['gig_worker', 'gig_station', 'gig_rider_code_compound', 'gig_issue', 'gig_care_event', 'gig_care_partner']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "gig_worker" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "gig_worker_person_hash_index" on "gig_worker" ("person_hash");`);
    this.addSql(`alter table "gig_worker" add column if not exists "left_on" date null;`);
    this.addSql(`alter table "gig_worker" drop constraint if exists "gig_worker_district_code_id_number_unique";`);
    this.addSql(`create unique index if not exists "gig_worker_district_code_id_number_unique" on "gig_worker" ("district_code", "id_number") where "withdrawn_on" is null;`);
    this.addSql(`create table if not exists "gig_grid_membership" ("id" serial primary key, "withdrawn_on" date null, "withdrawal_reason" text null,
      "worker_id" varchar(40) not null, "from_on" date not null, "to_on" date null);`);
    this.addSql(`create index if not exists "gig_grid_membership_worker_id_index" on "gig_grid_membership" ("worker_id");`);
    // the mobile grid members of now, since they registered (as the figures counted them)
    this.addSql(`insert into "gig_grid_membership" ("worker_id", "from_on") select "id", "registered_on" from "gig_worker" where "mobile_grid_member";`);
  }
}
