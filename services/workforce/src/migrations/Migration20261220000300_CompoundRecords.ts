import { Migration } from '@mikro-orm/migrations';

/** Compound inspections, filings (备案) and smart compound works (issue 15). */
export class Migration20261220000300_CompoundRecords extends Migration {
  override async up(): Promise<void> {
    const tail = `"imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null`;
    this.addSql(`create table "compound_inspection" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "inspected_on" date not null, "kind" varchar(20) not null, "subjects" text null, "inspector" text null, "problems_found" int not null default 0, "problems_fixed" int not null default 0, "fixed_on" date null, ${tail}, constraint "compound_inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_inspection_compound_id_index" on "compound_inspection" ("compound_id");`);
    this.addSql(`create index "compound_inspection_community_code_index" on "compound_inspection" ("community_code");`);
    this.addSql(`create index "compound_inspection_inspected_on_index" on "compound_inspection" ("inspected_on");`);
    this.addSql(`alter table "compound_inspection" add constraint "compound_inspection_district_code_number_unique" unique ("district_code", "number");`);

    this.addSql(`create table "compound_filing" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "compound_id" varchar(40) null, "kind" varchar(20) not null, "filed_on" date not null, "items" int not null, "subject" text null, ${tail}, constraint "compound_filing_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_filing_community_code_index" on "compound_filing" ("community_code");`);
    this.addSql(`create index "compound_filing_filed_on_index" on "compound_filing" ("filed_on");`);
    this.addSql(`alter table "compound_filing" add constraint "compound_filing_district_code_number_unique" unique ("district_code", "number");`);

    this.addSql(`create table "smart_compound" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "compound_id" varchar(40) not null, "community_code" varchar(12) not null, "kind" varchar(20) not null, "resettlement" boolean not null default false, "equipment" text null, "contractor" text null, "funding" numeric(14,2) null, "funding_source" varchar(20) null, "started_on" date not null, "planned_on" date null, "installed_on" date null, "completed_on" date null, "accepted_on" date null, "status" varchar(10) not null, ${tail}, constraint "smart_compound_pkey" primary key ("id"));`);
    this.addSql(`create index "smart_compound_compound_id_index" on "smart_compound" ("compound_id");`);
    this.addSql(`create index "smart_compound_community_code_index" on "smart_compound" ("community_code");`);
    this.addSql(`create index "smart_compound_started_on_index" on "smart_compound" ("started_on");`);
    this.addSql(`alter table "smart_compound" add constraint "smart_compound_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "compound_inspection" cascade;`);
    this.addSql(`drop table if exists "compound_filing" cascade;`);
    this.addSql(`drop table if exists "smart_compound" cascade;`);
  }
}
