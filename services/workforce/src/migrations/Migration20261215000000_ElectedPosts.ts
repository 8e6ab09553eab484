import { Migration } from '@mikro-orm/migrations';

/**
 * A post fed by a community election names it, so a correction or withdrawal of the election or of
 * a result takes back the post it no longer gives (elected-posts.ts). Posts fed before this keep no
 * election: they stay as they are.
 */
export class Migration20261215000000_ElectedPosts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "worker_post" add column "elected_by" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "worker_post" drop column "elected_by";`);
  }
}
