import { Migration } from '@mikro-orm/migrations';

/** Documents issued by offices (guides, cards, notices, lists, reports) and the items of lists (issue 15). */
export class Migration20261220000100_Documents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "document" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "region_code" varchar(14) not null, "kind" varchar(20) not null, "line" varchar(24) not null, "title" text not null, "issued_on" date not null, "subject_code" varchar(14) null, "document_number" varchar(60) null, "summary" text null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "document_pkey" primary key ("id"));`);
    this.addSql(`create index "document_region_code_index" on "document" ("region_code");`);
    this.addSql(`create index "document_issued_on_index" on "document" ("issued_on");`);
    this.addSql(`alter table "document" add constraint "document_district_code_number_unique" unique ("district_code", "number");`);

    this.addSql(`create table "document_item" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "document_id" varchar(40) not null, "region_code" varchar(14) not null, "kind" varchar(20) null, "title" text not null, "post" text null, "assignee_id" varchar(40) null, "due_on" date null, "done_on" date null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "document_item_pkey" primary key ("id"));`);
    this.addSql(`create index "document_item_document_id_index" on "document_item" ("document_id");`);
    this.addSql(`create index "document_item_region_code_index" on "document_item" ("region_code");`);
    this.addSql(`create index "document_item_due_on_index" on "document_item" ("due_on");`);
    this.addSql(`create index "document_item_done_on_index" on "document_item" ("done_on");`);
    this.addSql(`alter table "document_item" add constraint "document_item_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "document_item" cascade;`);
    this.addSql(`drop table if exists "document" cascade;`);
  }
}
