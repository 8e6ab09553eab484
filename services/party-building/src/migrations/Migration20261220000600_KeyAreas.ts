import { Migration } from '@mikro-orm/migrations';

/** Key areas (重点区域: parks, business districts, office buildings, maker spaces …) and the organizations sitting in them (issue 15, seeds/003). */
export class Migration20261220000600_KeyAreas extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "party_key_area" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "name" text not null, "kind" varchar(20) not null, "region_code" varchar(12) not null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "party_key_area_pkey" primary key ("id"));`);
    this.addSql(`create index "party_key_area_region_code_index" on "party_key_area" ("region_code");`);
    this.addSql(`alter table "party_key_area" add constraint "party_key_area_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`alter table "two_new_org" add column "key_area_id" varchar(40) null;`);
    this.addSql(`create index "two_new_org_key_area_id_index" on "two_new_org" ("key_area_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "two_new_org_key_area_id_index";`);
    this.addSql(`alter table "two_new_org" drop column "key_area_id";`);
    this.addSql(`drop table if exists "party_key_area" cascade;`);
  }
}
