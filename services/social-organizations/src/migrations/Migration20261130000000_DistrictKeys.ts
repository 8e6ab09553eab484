import { Migration } from '@mikro-orm/migrations';
import { addDistrictColumn, localKeyToGlobalId } from '@district/subgraph-kit';

/** The district of an organisation named by a row's `organization_code` (every case and inspection names one). */
const ORGANIZATION_DISTRICT = (table: string) =>
  `(select o."district_code" from "social_organization" o where o."code" = "${table}"."organization_code")`;

/**
 * Every district in one deployment (issue 12). Organisations keep their national keys (credit code,
 * filing number) and learn their district from where they sit; inspections take their
 * organisation's. Case and project numbers are unique only within a district: their ids become
 * "<district>:<number>" (a case's district is its organisation's, a project's its community's).
 * Every ledger row keeps a snapshot of what the last import wrote. Existing rows keep their data and
 * their references (cases and projects name organisations by national code, unchanged).
 */
export class Migration20261130000000_DistrictKeys extends Migration {
  override async up(): Promise<void> {
    for (const sql of addDistrictColumn('social_organization', 'left(region_code, 6)')) this.addSql(sql);
    for (const sql of addDistrictColumn('annual_inspection', ORGANIZATION_DISTRICT('annual_inspection'))) this.addSql(sql);
    for (const sql of localKeyToGlobalId({
      table: 'mediation_case',
      key: 'case_number',
      number: 'number',
      districtFrom: ORGANIZATION_DISTRICT('mediation_case'),
    }))
      this.addSql(sql);
    for (const sql of localKeyToGlobalId({ table: 'service_project', key: 'code', number: 'number', districtFrom: 'left(community_code, 6)' }))
      this.addSql(sql);
    // dispute types are stored in American spelling; the British names stay in the schema, deprecated
    this.addSql(`update "mediation_case" set "dispute_type" = 'NEIGHBORHOOD' where "dispute_type" = 'NEIGHBOURHOOD';`);
    this.addSql(`update "mediation_case" set "dispute_type" = 'LABOR' where "dispute_type" = 'LABOUR';`);
  }
}
