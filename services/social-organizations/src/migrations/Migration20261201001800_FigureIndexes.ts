import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18: figures stay flat as the deployment grows. A node's dispute figures read its
 * organisations' cases from one index (organisation first, then every column the figures filter
 * on), so the planner joins the node's few organisations to their cases instead of scanning every
 * case of every district; the index also serves the organisation's foreign key, replacing its own.
 */
export class Migration20261201001800_FigureIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "mediation_case_organization_code_index";`);
    this.addSql(
      `create index "mediation_case_organization_figures_index" on "mediation_case" ("organization_code", "closed_on", "received_on", "result", "dispute_type");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "mediation_case_organization_figures_index";`);
    this.addSql(`create index "mediation_case_organization_code_index" on "mediation_case" ("organization_code");`);
  }
}
