import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@district/subgraph-kit';
import { freshDatabase, testIdNumber } from '@district/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';

/**
 * A database of the first release (ledger numbers as keys, one district) upgraded to district-scoped
 * keys: every row stays, every reference follows, and the result is the schema the entities declare.
 */
test('the district-keys migration keeps every row and reference of a first-release database', async () => {
  const db = await freshDatabase('volunteer_migration');
  const orm = await MikroORM.init(ormOptions({ url: db.url, entities, migrations }));
  try {
    await orm.getMigrator().up({ to: 'Migration20261122001938' });
    const conn = orm.em.getConnection();
    await conn.execute(`
      insert into station (code, name, community_code, has_site, has_sign, has_team, has_rules, has_projects, has_ledger, built_on) values
        ('ZYZ001', '盛世站', '410106001001', true, true, true, true, true, true, '2020-01-01'),
        ('ZYZ002', '济源路站', '410106002001', true, false, true, true, true, true, null);
      insert into volunteer (code, name, id_number, phone, registered_on, station_code, community_code) values
        ('V0000001', '张三', '${testIdNumber(901)}', null, '2021-03-01', 'ZYZ001', '410106001001'),
        ('V0000002', '李四', '${testIdNumber(902)}', null, '2021-03-01', 'ZYZ002', '410106002001');
      insert into activity (code, name, station_code, community_code, held_on, category, target_group, person_times) values
        ('HD202500001', '便民服务', 'ZYZ001', '410106001001', '2025-05-01', '便民利民服务', 'ELDERLY', 30);
      insert into service_record (activity_code, volunteer_code, hours) values ('HD202500001', 'V0000001', 2.5), ('HD202500001', 'V0000002', 3);
      insert into resource (code, grid_code, community_code, provider, content, category, registered_on) values
        ('ZY20250001', '41010600100101', '410106001001', '社会组织', '陪护', '助老陪护', '2025-02-01');
      insert into need (code, grid_code, community_code, content, category, raised_on, status, claimed_by, claimed_on, resource_code, served_on) values
        ('XQD20250001', '41010600100101', '410106001001', '助老陪护', '助老陪护', '2025-03-01', 'SERVED', 'ZYZ001', '2025-03-02', 'ZY20250001', '2025-03-03');
      insert into pilot (community_code, community_name, level, designated_on) values ('410106001001', '盛世社区', 'CITY', '2025-03-07');`);

    await orm.getMigrator().up();

    const one = async (sql: string) => (await conn.execute(sql))[0];
    expect(await one(`select string_agg(id || '|' || district_code || '|' || number, ',' order by id) as s from station`)).toEqual({
      s: '410106:ZYZ001|410106|ZYZ001,410106:ZYZ002|410106|ZYZ002',
    });
    expect(await one(`select string_agg(id || '>' || station_id, ',' order by id) as s from volunteer`)).toEqual({
      s: '410106:V0000001>410106:ZYZ001,410106:V0000002>410106:ZYZ002',
    });
    expect(await one(`select id, number, station_id from activity`)).toEqual({
      id: '410106:HD202500001',
      number: 'HD202500001',
      station_id: '410106:ZYZ001',
    });
    expect(
      await one(
        `select string_agg(activity_id || '/' || volunteer_id || '=' || hours, ',' order by volunteer_id) as s from service_record`,
      ),
    ).toEqual({
      s: '410106:HD202500001/410106:V0000001=2.50,410106:HD202500001/410106:V0000002=3.00',
    });
    expect(await one(`select id, number, district_code, resource_id, status from need`)).toEqual({
      id: '410106:XQD20250001',
      number: 'XQD20250001',
      district_code: '410106',
      resource_id: '410106:ZY20250001',
      status: 'SERVED',
    });
    // categories as kinds: backfilled from the office's labels (便民利民服务, 助老陪护)
    expect(await one(`select category_kind from activity`)).toEqual({ category_kind: 'CONVENIENCE' });
    expect(await one(`select category_kind from need`)).toEqual({ category_kind: 'ELDERLY' });
    expect(await one(`select community_code, district_code from pilot`)).toEqual({
      community_code: '410106001001',
      district_code: '410106',
    });
    // what the migrations built is what the entities declare: a schema diff finds nothing to do on this subgraph's tables
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    const own = [
      'station',
      'pilot',
      'volunteer',
      'activity',
      'service_record',
      'need',
      'resource',
      'volunteer_recruitment',
      'volunteer_training',
      'audit_log',
    ];
    expect(diff.split('\n').filter((line) => own.some((t) => line.includes(`"${t}"`) || line.includes(`${t}_`)))).toEqual([]);
  } finally {
    await orm.close();
    await db.drop();
  }
});
