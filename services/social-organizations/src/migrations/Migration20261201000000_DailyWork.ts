import { Migration } from '@mikro-orm/migrations';
import { addWithdrawal } from '@district/subgraph-kit';

/**
 * Daily work through the API (issue 16): every ledger record can be withdrawn; a grade no longer
 * overwrites the last one but joins the organisation's grade history (valid from, valid to), which
 * starts from the grade each organisation holds now; a project records the day it was completed.
 */
export class Migration20261201000000_DailyWork extends Migration {
  override async up(): Promise<void> {
    for (const table of ['social_organization', 'annual_inspection', 'mediation_case', 'service_project']) this.addSql(addWithdrawal(table));
    this.addSql(`alter table "service_project" add column if not exists "completed_on" date null;`);
    this.addSql(`create table if not exists "organization_grade" ("id" serial primary key, "organization_code" varchar(18) not null,
      "level" smallint not null, "year" smallint not null, "valid_from" date not null, "valid_to" date not null,
      "withdrawn_on" date null, "withdrawal_reason" text null);`);
    this.addSql(`create index if not exists "organization_grade_organization_code_index" on "organization_grade" ("organization_code");`);
    this.addSql(`alter table "organization_grade" add constraint "organization_grade_organization_code_year_unique" unique ("organization_code", "year");`);
    this.addSql(`insert into "organization_grade" ("organization_code", "level", "year", "valid_from", "valid_to")
      select "code", "grade_level", "grade_year", make_date("grade_year", 1, 1), make_date("grade_year" + 6, 1, 1)
      from "social_organization" where "grade_level" is not null and "grade_year" is not null on conflict do nothing;`);
  }
}
