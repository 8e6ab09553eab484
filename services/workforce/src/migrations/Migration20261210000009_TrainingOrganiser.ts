import { Migration } from '@mikro-orm/migrations';

/**
 * Trainings organised by an office (issue 15): each session's organising node, placed for existing
 * rows by the organiser's name among the district's nodes (the longest name wins, as imports place
 * work units), else the district's node.
 */
export class Migration20261210000009_TrainingOrganiser extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "training" add column "organiser_code" varchar(12) null;`);
    this.addSql(`update "training" t set "organiser_code" = coalesce(
      (select r.code from region r where r.code like t.district_code || '%' and t.organiser like r.name || '%' order by length(r.name) desc, r.code limit 1),
      t.district_code || '000000');`);
    this.addSql(`alter table "training" alter column "organiser_code" set not null;`);
    this.addSql(`create index "training_organiser_code_index" on "training" ("organiser_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training" drop column "organiser_code";`);
  }
}
