import { Migration } from '@mikro-orm/migrations';

/** Training programmes (issue 15): the named series a session belongs to (菁训营 …); none for existing sessions. */
export class Migration20261210000011_TrainingProgramme extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "training" add column "programme" text null;`);
    this.addSql(`create index "training_programme_index" on "training" ("programme");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training" drop column "programme";`);
  }
}
