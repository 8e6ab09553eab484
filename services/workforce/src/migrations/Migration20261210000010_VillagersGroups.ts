import { Migration } from '@mikro-orm/migrations';

/** Villagers' and residents' groups in the region tree (issue 15). */
export class Migration20261210000010_VillagersGroups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "villagers_group" ("code" varchar(15) not null, "name" text not null, "community_code" varchar(12) not null, "households" int null, "established_on" date null, "abolished_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "villagers_group_pkey" primary key ("code"));`);
    this.addSql(`create index "villagers_group_community_code_index" on "villagers_group" ("community_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "villagers_group" cascade;`);
  }
}
