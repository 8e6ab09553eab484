import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn; a gig worker carries a person id across the graph (a keyed hash of the ID number, filled at start-up).
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    for (const table of ['gig_worker', 'gig_station', 'gig_rider_code_compound', 'gig_issue', 'gig_care_event', 'gig_care_partner']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "gig_worker" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "gig_worker_person_hash_index" on "gig_worker" ("person_hash");`);
  }
}
