import { Migration } from '@mikro-orm/migrations';

/** Ratings a later rating replaced, so a star figure of an earlier day counts the rating of that day. */
export class Migration20261215000001_FacilityEarlierRatings extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "facility_earlier_rating" ("facility_id" varchar(40) not null, "rated_on" date not null, "star_level" smallint not null, "replaced_on" date not null, constraint "facility_earlier_rating_pkey" primary key ("facility_id", "rated_on"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "facility_earlier_rating" cascade;`);
  }
}
