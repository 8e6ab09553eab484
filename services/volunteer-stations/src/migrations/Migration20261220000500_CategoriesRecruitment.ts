import { Migration } from '@mikro-orm/migrations';
import { CATEGORY_KINDS } from '../modules/activities/categories';

/** The rule of categoryKindOf in SQL: the label itself, else the first word it contains, else OTHER. */
function kindOf(column: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const exact = CATEGORY_KINDS.labels.map((l) => `WHEN btrim(${column}) = ${q(l)} THEN ${q(CATEGORY_KINDS.of(l))}`);
  const within = CATEGORY_KINDS.labels.map((l) => `WHEN strpos(${column}, ${q(l)}) > 0 THEN ${q(CATEGORY_KINDS.of(l))}`);
  return `CASE ${[...exact, ...within].join(' ')} ELSE 'OTHER' END`;
}

/**
 * Activity and need categories as kinds a filter can use (backfilled from the office's labels);
 * volunteer recruitments and volunteer trainings (issue 15, seeds/003 招募培训).
 */
export class Migration20261220000500_CategoriesRecruitment extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "activity" add column "category_kind" varchar(20) not null default 'OTHER';`);
    this.addSql(`update "activity" set "category_kind" = ${kindOf('"category"')};`);
    this.addSql(`alter table "need" add column "category_kind" varchar(20) not null default 'OTHER';`);
    this.addSql(`update "need" set "category_kind" = ${kindOf('"category"')};`);
    this.addSql(`create table "volunteer_recruitment" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null, "project_id" varchar(40) null, "activity_id" varchar(40) null, "title" text not null, "published_on" date not null, "places" int not null, "signed_up" int null, "accepted" int null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "volunteer_recruitment_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_recruitment_station_id_index" on "volunteer_recruitment" ("station_id");`);
    this.addSql(`create index "volunteer_recruitment_community_code_published_on_index" on "volunteer_recruitment" ("community_code", "published_on");`);
    this.addSql(`alter table "volunteer_recruitment" add constraint "volunteer_recruitment_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "volunteer_training" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "station_id" varchar(40) not null, "community_code" varchar(12) not null, "held_on" date not null, "topic" text not null, "person_times" int not null, "imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "volunteer_training_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_training_station_id_index" on "volunteer_training" ("station_id");`);
    this.addSql(`create index "volunteer_training_community_code_held_on_index" on "volunteer_training" ("community_code", "held_on");`);
    this.addSql(`alter table "volunteer_training" add constraint "volunteer_training_district_code_number_unique" unique ("district_code", "number");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "volunteer_training" cascade;`);
    this.addSql(`drop table if exists "volunteer_recruitment" cascade;`);
    this.addSql(`alter table "need" drop column "category_kind";`);
    this.addSql(`alter table "activity" drop column "category_kind";`);
  }
}
