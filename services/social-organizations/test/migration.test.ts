import { MikroORM, ormOptions } from '@district/subgraph-kit';
import { freshDatabase } from '@district/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { MediationCase } from '../src/modules/mediation/mediation-case.entity';
import { ServiceProject } from '../src/modules/projects/service-project.entity';
import { AnnualInspection } from '../src/modules/inspections/inspection.entity';

/**
 * A database of the first release (one district, cases and projects keyed by their numbers) upgraded
 * by Migration20261130000000_DistrictKeys: every row stays, ids become global, districts come from
 * where rows sit, and references still hold.
 */
test('the district-keys migration keeps every row and reference of a first-release database', async () => {
  const db = await freshDatabase('social_migration');
  const orm = await MikroORM.init(ormOptions({ url: db.url, entities, migrations }));
  try {
    await orm.getMigrator().up({ to: 'Migration20261122001814' });
    const conn = orm.em.getConnection();
    await conn.execute(`insert into social_organization (code, name, org_type, founded_on, street_code, community_code, region_code, field) values
      ('51410106325796027J', '上街区益家促进会', 'SOCIAL_GROUP', '2008-09-19', '410106003000', null, '410106003000', 'EDUCATION'),
      ('BA4101060010155', '蓝天社区馨家志愿服务队', 'COMMUNITY', '2021-10-23', '410106001000', '410106001005', '410106001005', 'MEDIATION'),
      ('BA4101220010001', '另一区的调解队', 'COMMUNITY', '2020-01-01', '410122001000', '410122001001', '410122001001', 'MEDIATION')`);
    await conn.execute(
      `insert into annual_inspection (organization_code, year, result) values ('51410106325796027J', 2024, 'NOT_INSPECTED')`,
    );
    await conn.execute(`insert into mediation_case (case_number, organization_code, received_on, dispute_type, result, closed_on) values
      ('TJ202500001', 'BA4101060010155', '2025-03-01', 'NEIGHBOURHOOD', 'RESOLVED', '2025-03-10'),
      ('TJ202500002', 'BA4101220010001', '2025-04-01', 'LABOUR', 'IN_PROGRESS', null)`);
    await conn.execute(`insert into service_project (code, name, organization_code, community_code, category, mode, funding, approved_on, status) values
      ('XM2025001', '助老餐桌', 'BA4101060010155', '410106001005', '养老服务', 'CROWDFUNDING_PARTNER', 1000.5, '2025-05-01', 'IN_PROGRESS')`);

    await orm.getMigrator().up();

    expect(await conn.execute(`select code, district_code from social_organization order by code`)).toEqual([
      { code: '51410106325796027J', district_code: '410106' },
      { code: 'BA4101060010155', district_code: '410106' },
      { code: 'BA4101220010001', district_code: '410122' },
    ]);
    const em = orm.em.fork();
    expect(await em.find(AnnualInspection, {})).toMatchObject([
      { organizationCode: '51410106325796027J', year: 2024, districtCode: '410106', result: 'NOT_INSPECTED' },
    ]);
    // a case takes its organisation's district; dispute types are stored in American spelling
    expect(await em.find(MediationCase, {}, { orderBy: { id: 'asc' } })).toMatchObject([
      {
        id: '410106:TJ202500001',
        districtCode: '410106',
        number: 'TJ202500001',
        organizationCode: 'BA4101060010155',
        disputeType: 'NEIGHBORHOOD',
      },
      {
        id: '410122:TJ202500002',
        districtCode: '410122',
        number: 'TJ202500002',
        organizationCode: 'BA4101220010001',
        disputeType: 'LABOR',
      },
    ]);
    expect(await em.find(ServiceProject, {})).toMatchObject([
      { id: '410106:XM2025001', districtCode: '410106', number: 'XM2025001', organizationCode: 'BA4101060010155', funding: '1000.50' },
    ]);
    // numbers are now unique within a district only; the organisation reference is still enforced
    await conn.execute(`insert into mediation_case (id, district_code, number, organization_code, received_on, dispute_type, result)
      values ('410122:TJ202500001', '410122', 'TJ202500001', 'BA4101220010001', '2025-05-01', 'FAMILY', 'IN_PROGRESS')`);
    await expect(
      conn.execute(`insert into mediation_case (id, district_code, number, organization_code, received_on, dispute_type, result)
        values ('410106:TJ202500009', '410106', 'TJ202500009', 'BA4101069999999', '2025-05-01', 'FAMILY', 'IN_PROGRESS')`),
    ).rejects.toThrow(/foreign key/);
    await expect(
      conn.execute(`insert into mediation_case (id, district_code, number, organization_code, received_on, dispute_type, result)
        values ('x', '410106', 'TJ202500001', 'BA4101060010155', '2025-05-01', 'FAMILY', 'IN_PROGRESS')`),
    ).rejects.toThrow(/unique/);
  } finally {
    await orm.close();
    await db.drop();
  }
});
