import { Migration } from '@mikro-orm/migrations';

/** The kit's own table in every subgraph's database: the data version caches and import previews follow. */
export class Migration20261129000000_DataVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "data_version" ("id" int primary key default 1 check ("id" = 1), "version" bigint not null default 0);`);
    this.addSql(`insert into "data_version" ("id", "version") values (1, 0) on conflict do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_version";`);
  }
}
