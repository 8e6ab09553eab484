import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn; a volunteer carries a person id across the graph (a keyed hash of the ID number, filled at start-up).
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    for (const table of ['station', 'pilot', 'volunteer', 'activity', 'service_record', 'need', 'resource']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "volunteer" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "volunteer_person_hash_index" on "volunteer" ("person_hash");`);
  }
}
