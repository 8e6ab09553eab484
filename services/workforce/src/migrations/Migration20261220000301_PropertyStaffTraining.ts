import { Migration } from '@mikro-orm/migrations';

/**
 * Trainings for property service staff (物业服务人员, issue 15): they are not workers and sign no
 * worker attendance, so a session records its headcount (参训人次). Existing sessions keep none.
 */
export class Migration20261220000301_PropertyStaffTraining extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "training" add column "participants" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training" drop column "participants";`);
  }
}
