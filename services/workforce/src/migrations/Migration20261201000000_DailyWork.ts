import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record (and a worker's posts, which go with
 * it) can be withdrawn; a person carries its person id across the graph (a keyed hash of the ID
 * number, filled at start-up for existing rows).
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    const tables = ['region', 'grid', 'compound', 'person', 'worker', 'worker_post', 'certificate', 'exam_registration', 'training'];
    for (const table of [...tables, 'training_attendance', 'deliberation']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "person" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "person_person_hash_index" on "person" ("person_hash");`);
  }
}
