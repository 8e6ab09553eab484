import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18: figures stay flat as the deployment grows. A node's activities of a window, and the ids
 * their volunteers' hours are joined by, come from one index alone: the planner reads the node's
 * own activities instead of scanning every district's (which it chose at 100 districts).
 */
export class Migration20261201001800_FigureIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "activity_community_code_held_on_index";`);
    this.addSql(`create index "activity_community_code_held_on_id_index" on "activity" ("community_code", "held_on", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "activity_community_code_held_on_id_index";`);
    this.addSql(`create index "activity_community_code_held_on_index" on "activity" ("community_code", "held_on");`);
  }
}
