import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn (with the stints of units and instructors that go with it); an instructor carries a person id across the graph (a keyed hash of the ID number, filled at start-up).
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    // an instructor's recall (撤回) had the column name the kit now gives a withdrawal of a record entered by mistake
    this.addSql(`alter table "instructor_assignment" rename column "withdrawn_on" to "recalled_on";`);
    for (const table of ['two_new_org', 'party_organization', 'party_org_unit', 'instructor_assignment', 'party_instructor', 'instructor_contact', 'committee_member_unit', 'industry_committee', 'party_training']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "party_instructor" add column if not exists "person_hash" varchar(64) null;`);
    this.addSql(`create index if not exists "party_instructor_person_hash_index" on "party_instructor" ("person_hash");`);
  }
}
