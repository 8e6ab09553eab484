import { Migration } from '@mikro-orm/migrations';

/**
 * Persons' birth year, for birth cohorts (90后) of workers and of the talent pool (issue 15). A stored
 * generated column: the year is digits 7–10 of the 18-digit ID number (GB 11643), so it is derived on
 * every insert, import or correction alike and existing rows are filled by this migration; no query
 * parses an ID number and the ID number never leaves through it.
 */
export class Migration20261220000400_TalentPool extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "person" add column "birth_year" smallint generated always as (case when "id_number" ~ '^\\d{17}[\\dX]$' then substring("id_number" from 7 for 4)::smallint end) stored;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person" drop column if exists "birth_year";`);
  }
}
