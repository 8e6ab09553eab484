import { Migration } from '@mikro-orm/migrations';

/** “双示范” applications of communities and compounds, their steps and the recognition a grant names (issue 15). */
export class Migration20261220000401_DemonstrationApplications extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "demonstration_application" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "compound_id" varchar(40) null, "kind" varchar(20) not null, "level" varchar(12) not null, "title" text not null, "stage" varchar(14) not null, "applied_on" date not null, "pre_inspected_on" date null, "peer_reviewed_on" date null, "decided_on" date null, "recognition_id" varchar(40) null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "demonstration_application_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "demonstration_application_community_code_index" on "demonstration_application" ("community_code");`);
    this.addSql(`create index "demonstration_application_applied_on_index" on "demonstration_application" ("applied_on");`);
    this.addSql(
      `alter table "demonstration_application" add constraint "demonstration_application_district_code_number_unique" unique ("district_code", "number");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "demonstration_application" cascade;`);
  }
}
