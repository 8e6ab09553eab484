import { Migration } from '@mikro-orm/migrations';

/** Supervision of micro livelihood works (多方督单, issue 15). */
export class Migration20261220000302_MicroProjectSupervisions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "micro_project_supervision" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "project_id" varchar(40) not null, "community_code" varchar(12) not null, "supervised_on" date not null, "supervisor_kind" varchar(30) not null, "supervisor" text null, "findings" text null, "resolved_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "micro_project_supervision_pkey" primary key ("id"));`);
    this.addSql(`create index "micro_project_supervision_project_id_index" on "micro_project_supervision" ("project_id");`);
    this.addSql(`create index "micro_project_supervision_community_code_index" on "micro_project_supervision" ("community_code");`);
    this.addSql(`create index "micro_project_supervision_supervised_on_index" on "micro_project_supervision" ("supervised_on");`);
    this.addSql(`alter table "micro_project_supervision" add constraint "micro_project_supervision_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "micro_project_supervision" cascade;`);
  }
}
