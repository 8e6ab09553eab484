import { Migration } from '@mikro-orm/migrations';

/** Compounds' property management over time, owners' committees and fee collection (issue 15). */
export class Migration20261210000004_Property extends Migration {
  override async up(): Promise<void> {
    const record = `"imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null`;
    this.addSql(`create table "property_service" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "mode" varchar(20) not null, "provider" text null, "red_property" boolean not null default false, "from_on" date not null, "to_on" date null, ${record}, constraint "property_service_pkey" primary key ("id"));`);
    this.addSql(`create index "property_service_compound_id_index" on "property_service" ("compound_id");`);
    this.addSql(`create index "property_service_community_code_index" on "property_service" ("community_code");`);
    this.addSql(`alter table "property_service" add constraint "property_service_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "owners_committee" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "term_from" date not null, "term_to" date not null, "members" smallint not null default 0, "party_members" smallint not null default 0, "red" boolean not null default false, ${record}, constraint "owners_committee_pkey" primary key ("id"));`);
    this.addSql(`create index "owners_committee_compound_id_index" on "owners_committee" ("compound_id");`);
    this.addSql(`create index "owners_committee_community_code_index" on "owners_committee" ("community_code");`);
    this.addSql(`alter table "owners_committee" add constraint "owners_committee_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "property_fee" ("id" varchar(50) not null, "district_code" varchar(6) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "year" smallint not null, "households_due" int not null, "households_paid" int not null, ${record}, constraint "property_fee_pkey" primary key ("id"));`);
    this.addSql(`create index "property_fee_compound_id_index" on "property_fee" ("compound_id");`);
    this.addSql(`create index "property_fee_community_code_index" on "property_fee" ("community_code");`);
    this.addSql(`alter table "property_fee" add constraint "property_fee_compound_id_year_unique" unique ("compound_id", "year");`);
  }

  override async down(): Promise<void> {
    for (const t of ['property_fee', 'owners_committee', 'property_service']) this.addSql(`drop table if exists "${t}" cascade;`);
  }
}
