import { Migration } from '@mikro-orm/migrations';
import { addDistrictColumn, addImportSnapshot, localKeyToGlobalId } from '@district/subgraph-kit';

/** The first release's single district, for rows that name no place of their own. */
const DISTRICT = `(select left(code, 6) from "region" where "level" = 'DISTRICT' order by code limit 1)`;

/**
 * Every district in one deployment (issue 12): ledger numbers become unique within a district, ids
 * global (e.g. 410106:W0001); persons are per district; every ledger row keeps a snapshot of what the
 * last import wrote. Existing rows keep their data and their references.
 */
export class Migration20261130000000_DistrictKeys extends Migration {
  override async up(): Promise<void> {
    for (const table of ['region', 'grid']) this.addSql(addImportSnapshot(table));
    for (const sql of localKeyToGlobalId({ table: 'compound', key: 'code', number: 'number', districtFrom: 'left(community_code, 6)' })) this.addSql(sql);
    for (const sql of localKeyToGlobalId({
      table: 'worker',
      key: 'id',
      number: 'staff_number',
      districtFrom: 'left(community_code, 6)',
      referencedBy: [
        { table: 'worker_post', column: 'worker_id' },
        { table: 'training_attendance', column: 'worker_id' },
      ],
    }))
      this.addSql(sql);
    for (const sql of localKeyToGlobalId({
      table: 'training',
      key: 'id',
      number: 'number',
      districtFrom: DISTRICT,
      referencedBy: [{ table: 'training_attendance', column: 'training_id' }],
    }))
      this.addSql(sql);
    for (const sql of localKeyToGlobalId({ table: 'deliberation', key: 'id', number: 'number', districtFrom: 'left(community_code, 6)' })) this.addSql(sql);
    this.addSql(addImportSnapshot('training_attendance'));
    this.addSql(`create index if not exists "worker_post_worker_id_index" on "worker_post" ("worker_id");`);
    for (const sql of addDistrictColumn('certificate', 'left(region_code, 6)')) this.addSql(sql);
    for (const sql of addDistrictColumn('exam_registration', 'left(region_code, 6)')) this.addSql(sql);

    // a person belongs to the district of the records that name them; one named in two districts is kept once per district
    for (const sql of addDistrictColumn(
      'person',
      `coalesce((select left(min(w.community_code), 6) from worker w where w.person_id = person.id),
        (select left(min(c.region_code), 6) from certificate c where c.person_id = person.id),
        (select left(min(e.region_code), 6) from exam_registration e where e.person_id = person.id), ${DISTRICT}, '000000')`,
    ))
      this.addSql(sql);
    this.addSql(`alter table "person" drop constraint if exists "person_id_number_unique";`);
    this.addSql(`alter table "person" add constraint "person_district_code_id_number_unique" unique ("district_code", "id_number");`);
    for (const [table, column] of [
      ['worker', 'community_code'],
      ['certificate', 'region_code'],
      ['exam_registration', 'region_code'],
    ]) {
      this.addSql(`insert into "person" ("district_code", "id_number", "name", "phone")
        select distinct left(r.${column}, 6), p.id_number, p.name, p.phone from "${table}" r join "person" p on p.id = r.person_id
        where left(r.${column}, 6) <> p.district_code on conflict do nothing;`);
      this.addSql(`update "${table}" r set "person_id" = q.id from "person" p, "person" q
        where p.id = r.person_id and q.id_number = p.id_number and q.district_code = left(r.${column}, 6) and q.id <> p.id;`);
    }
  }
}
