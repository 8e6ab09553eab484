import { Migration } from '@mikro-orm/migrations';

/** Community elections of the three committees and who was elected into which post (issue 15). */
export class Migration20261210000002_Elections extends Migration {
  override async up(): Promise<void> {
    const record = `"imported_values" jsonb null, "withdrawn_on" date null, "withdrawal_reason" text null`;
    this.addSql(`create table "community_election" ("id" varchar(40) not null, "district_code" varchar(6) not null, "number" varchar(30) not null, "community_code" varchar(12) not null, "term" text null, "held_on" date not null, "completed_on" date null, "party_seats" smallint not null default 0, "residents_seats" smallint not null default 0, "supervisory_seats" smallint not null default 0, ${record}, constraint "community_election_pkey" primary key ("id"));`);
    this.addSql(`create index "community_election_community_code_index" on "community_election" ("community_code");`);
    this.addSql(`create index "community_election_completed_on_index" on "community_election" ("completed_on");`);
    this.addSql(`alter table "community_election" add constraint "community_election_district_code_number_unique" unique ("district_code", "number");`);
    this.addSql(`create table "election_result" ("id" varchar(100) not null, "district_code" varchar(6) not null, "election_id" varchar(40) not null, "community_code" varchar(12) not null, "committee" varchar(12) not null, "post" varchar(20) not null, "worker_id" varchar(40) not null, ${record}, constraint "election_result_pkey" primary key ("id"));`);
    this.addSql(`create index "election_result_election_id_index" on "election_result" ("election_id");`);
    this.addSql(`create index "election_result_community_code_index" on "election_result" ("community_code");`);
    this.addSql(`create index "election_result_worker_id_index" on "election_result" ("worker_id");`);
    this.addSql(`alter table "election_result" add constraint "election_result_election_id_committee_worker_id_unique" unique ("election_id", "committee", "worker_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "election_result" cascade;`);
    this.addSql(`drop table if exists "community_election" cascade;`);
  }
}
