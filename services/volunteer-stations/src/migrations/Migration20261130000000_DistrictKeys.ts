import { Migration } from '@mikro-orm/migrations';
import { addDistrictColumn, addImportSnapshot, localKeyToGlobalId } from '@district/subgraph-kit';

/** Every table of the first release names its community: a row's district is the community's. */
const OWN_DISTRICT = 'left(community_code, 6)';

/**
 * Every district in one deployment (issue 12): station, volunteer, activity, need and resource
 * numbers become unique within a district and ids global (e.g. 410106:ZYZ001); references between them
 * (a volunteer's and an activity's station, a service record's activity and volunteer, the resource
 * that served a need) follow; a person registers once per district; pilots (keyed by their national
 * community code) get their district; every ledger row keeps a snapshot of what the last import
 * wrote. Existing rows keep their data and their references.
 */
export class Migration20261130000000_DistrictKeys extends Migration {
  override async up(): Promise<void> {
    const tables: Parameters<typeof localKeyToGlobalId>[0][] = [
      {
        table: 'station',
        key: 'code',
        number: 'number',
        districtFrom: OWN_DISTRICT,
        referencedBy: [
          { table: 'volunteer', column: 'station_code' },
          { table: 'activity', column: 'station_code' },
        ],
      },
      {
        table: 'volunteer',
        key: 'code',
        number: 'number',
        districtFrom: OWN_DISTRICT,
        referencedBy: [{ table: 'service_record', column: 'volunteer_code' }],
      },
      {
        table: 'activity',
        key: 'code',
        number: 'number',
        districtFrom: OWN_DISTRICT,
        referencedBy: [{ table: 'service_record', column: 'activity_code' }],
      },
      {
        table: 'resource',
        key: 'code',
        number: 'number',
        districtFrom: OWN_DISTRICT,
        referencedBy: [{ table: 'need', column: 'resource_code' }],
      },
      { table: 'need', key: 'code', number: 'number', districtFrom: OWN_DISTRICT },
    ];
    for (const table of tables) for (const sql of localKeyToGlobalId(table)) this.addSql(sql);

    // columns holding another table's key hold its global id now: named for it
    for (const [table, from, to] of [
      ['volunteer', 'station_code', 'station_id'],
      ['activity', 'station_code', 'station_id'],
      ['service_record', 'activity_code', 'activity_id'],
      ['service_record', 'volunteer_code', 'volunteer_id'],
      ['need', 'resource_code', 'resource_id'],
    ]) {
      this.addSql(`alter table "${table}" rename column "${from}" to "${to}";`);
    }
    this.addSql(`alter index "volunteer_station_code_index" rename to "volunteer_station_id_index";`);
    this.addSql(`alter index "activity_station_code_index" rename to "activity_station_id_index";`);
    this.addSql(`alter index "service_record_volunteer_code_index" rename to "service_record_volunteer_id_index";`);
    // lists and figures under a grid read resources by grid code
    this.addSql(`create index "resource_grid_code_index" on "resource" ("grid_code");`);

    // one registration per person and district: a person may volunteer in two districts
    this.addSql(`alter table "volunteer" drop constraint "volunteer_id_number_unique";`);
    this.addSql(`alter table "volunteer" add constraint "volunteer_district_code_id_number_unique" unique ("district_code", "id_number");`);

    for (const sql of addDistrictColumn('pilot', OWN_DISTRICT)) this.addSql(sql);
    this.addSql(addImportSnapshot('service_record'));
  }
}
