import { Migration } from '@mikro-orm/migrations';
import { METHOD_KINDS } from '../modules/deliberations/methods';

/**
 * The kind of each deliberation topic's method (五步议事法, 四议两公开 …, OTHER), for filters and
 * figures; the office's own text stays in `method`. Existing topics get the kind their text names,
 * looked up as methods.ts does (spaces and quotes dropped), from the same vocabulary.
 */
export class Migration20261220000402_DeliberationMethodKind extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "deliberation" add column "method_kind" varchar(40) not null default 'OTHER';`);
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const cases = METHOD_KINDS.labels.map((label) => `when ${quote(label)} then ${quote(METHOD_KINDS.of(label))}`).join(' ');
    this.addSql(
      `update "deliberation" set "method_kind" = case regexp_replace("method", '[[:space:]\u3000"''“”‘’「」『』《》〈〉]', '', 'g') ${cases} else 'OTHER' end;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "deliberation" drop column if exists "method_kind";`);
  }
}
