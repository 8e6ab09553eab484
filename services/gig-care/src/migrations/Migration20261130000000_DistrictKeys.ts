import { Migration } from '@mikro-orm/migrations';
import { localKeyToGlobalId } from '@district/subgraph-kit';

/**
 * The first release's district, for rows that name no place of their own (care events, partners,
 * rider-code compounds whose community was unknown): the district of the rows that do name one.
 */
const DISTRICT = `coalesce(
  (select left(min(community_code), 6) from "gig_worker"),
  (select left(min(community_code), 6) from "gig_station"),
  (select left(min(community_code), 6) from "gig_issue"),
  (select left(min(community_code), 6) from "gig_rider_code_compound"),
  '000000')`;

/**
 * Every district in one deployment (issue 12): worker, station, issue and care-event numbers become
 * unique within a district, ids global (e.g. 410106:XJY00001); rider-code compounds take the
 * compound's global id; care events and partners sit at their district's node instead of nowhere;
 * every ledger row keeps a snapshot of what the last import wrote. Existing rows keep their data
 * and their references (issues → reporter, points → worker, merchant and issue).
 */
export class Migration20261130000000_DistrictKeys extends Migration {
  override async up(): Promise<void> {
    const add = (sqls: string[]) => sqls.forEach((s) => this.addSql(s));
    this.addSql(`update "gig_rider_code_compound" set "community_code" = ${DISTRICT} || '000000' where "community_code" is null;`);

    add(
      localKeyToGlobalId({
        table: 'gig_worker',
        key: 'code',
        number: 'number',
        districtFrom: 'left(community_code, 6)',
        referencedBy: [
          { table: 'gig_issue', column: 'reporter_code' },
          { table: 'gig_points_entry', column: 'worker_code' },
        ],
      }),
    );
    this.addSql(`alter table "gig_worker" drop constraint if exists "gig_worker_id_number_unique";`);
    this.addSql(`alter table "gig_worker" add constraint "gig_worker_district_code_id_number_unique" unique ("district_code", "id_number");`);

    add(
      localKeyToGlobalId({
        table: 'gig_station',
        key: 'code',
        number: 'number',
        districtFrom: 'left(community_code, 6)',
        referencedBy: [{ table: 'gig_points_entry', column: 'merchant_code' }],
      }),
    );
    add(
      localKeyToGlobalId({
        table: 'gig_issue',
        key: 'code',
        number: 'number',
        districtFrom: 'left(community_code, 6)',
        referencedBy: [{ table: 'gig_points_entry', column: 'issue_code' }],
      }),
    );
    add(localKeyToGlobalId({ table: 'gig_rider_code_compound', key: 'compound_code', number: 'number', districtFrom: 'left(community_code, 6)' }));
    this.addSql(`alter table "gig_rider_code_compound" alter column "community_code" set not null;`);

    add(localKeyToGlobalId({ table: 'gig_care_event', key: 'code', number: 'number', districtFrom: DISTRICT }));
    this.addSql(`alter table "gig_care_event" add column "region_code" varchar(12) null;`);
    this.addSql(`update "gig_care_event" set "region_code" = "district_code" || '000000';`);
    this.addSql(`alter table "gig_care_event" alter column "region_code" set not null;`);
    this.addSql(`create index "gig_care_event_region_code_index" on "gig_care_event" ("region_code");`);

    // a partner row is its district, year and ledger line: the id spells the three
    this.addSql(
      `alter table "gig_care_partner" add column "id" varchar(40) null, add column "district_code" varchar(6) null, add column "region_code" varchar(12) null, add column "imported_values" jsonb null;`,
    );
    this.addSql(
      `update "gig_care_partner" set "district_code" = ${DISTRICT}, "region_code" = ${DISTRICT} || '000000', "id" = ${DISTRICT} || ':' || "year" || '-' || "ledger_row";`,
    );
    this.addSql(
      `alter table "gig_care_partner" alter column "id" set not null, alter column "district_code" set not null, alter column "region_code" set not null;`,
    );
    this.addSql(`alter table "gig_care_partner" drop constraint "gig_care_partner_pkey";`);
    this.addSql(`alter table "gig_care_partner" add constraint "gig_care_partner_pkey" primary key ("id");`);
    this.addSql(
      `alter table "gig_care_partner" add constraint "gig_care_partner_district_code_year_ledger_row_unique" unique ("district_code", "year", "ledger_row");`,
    );
    this.addSql(`create index "gig_care_partner_region_code_index" on "gig_care_partner" ("region_code");`);

    // references hold global ids now: their columns say so
    this.addSql(`alter table "gig_issue" rename column "reporter_code" to "reporter_id";`);
    this.addSql(`alter index "gig_issue_reporter_code_index" rename to "gig_issue_reporter_id_index";`);
    this.addSql(`alter table "gig_points_entry" rename column "worker_code" to "worker_id";`);
    this.addSql(`alter index "gig_points_entry_worker_code_index" rename to "gig_points_entry_worker_id_index";`);
    this.addSql(`alter table "gig_points_entry" rename column "merchant_code" to "merchant_id";`);
    this.addSql(`alter table "gig_points_entry" rename column "issue_code" to "issue_id";`);
  }
}
