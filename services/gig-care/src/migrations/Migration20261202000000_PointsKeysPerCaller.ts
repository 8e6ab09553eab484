import { Migration } from '@mikro-orm/migrations';

/**
 * A points entry keeps who booked it, and its idempotency key is unique per booker: a key one caller
 * used no longer answers CONFLICT to another (which told it that key was in use). Entries booked
 * before keep an empty booker: their keys stay unique among themselves.
 */
export class Migration20261202000000_PointsKeysPerCaller extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "gig_points_entry" add column if not exists "booked_by" text not null default '';`);
    this.addSql(`alter table "gig_points_entry" drop constraint if exists "gig_points_entry_idempotency_key_unique";`);
    this.addSql(
      `alter table "gig_points_entry" add constraint "gig_points_entry_booked_by_idempotency_key_unique" unique ("booked_by", "idempotency_key");`,
    );
  }
}
