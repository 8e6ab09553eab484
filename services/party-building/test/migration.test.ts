import { MikroORM, ormOptions, startSubgraph } from '@district/subgraph-kit';
import { freshDatabase, subgraphRequest, TEST_INTERNAL_SECRET, TEST_PERSON_KEY } from '@district/testkit';
import { partyBuilding } from '../src/module';

/**
 * A database of the first release (one district, ledger numbers as keys) upgraded to district-scoped
 * keys: every row is kept, takes its district from where it sits, and every reference follows its
 * record's new id.
 */
const ORG_A = '91410106458188551N';
const ORG_B = '5141010601735418X3';

test('the first release upgrades to district-scoped keys, keeping every row and reference', async () => {
  const db = await freshDatabase('party_migration');
  const orm = await MikroORM.init(ormOptions({ url: db.url, entities: partyBuilding.entities, migrations: partyBuilding.migrations }));
  try {
    await orm.getMigrator().up({ to: 'Migration20261122003003' });
    const conn = orm.em.getConnection();
    const run = (sql: string) => conn.execute(sql);
    await run(`insert into party_instructor (code, name, id_number, phone, source, dispatched_on, region_code)
      values ('ZDY001', '戴婷', '410106199409215877', '13217300896', 'PARTY_WORKER', '2024-06-21', '410106000000')`);
    await run(`insert into two_new_org (credit_code, name, category, is_key, region_code, party_members) values
      ('${ORG_A}', '郑州光电有限责任公司', 'ENTERPRISE', true, '410106001000', 2),
      ('${ORG_B}', '上街区益家协会', 'SOCIAL_ORGANIZATION', false, '410106002000', 20)`);
    const [party] = await conn.execute(`insert into party_organization (name, formation, natural_key, founded_on, region_code)
      values ('上街区联合党支部', 'JOINT', 'JOINT:上街区联合党支部', '2012-05-21', '410106002000') returning id`);
    await run(`insert into party_org_unit (credit_code, party_organization_id, joined_on) values ('${ORG_B}', ${party.id}, '2012-05-21')`);
    await run(`insert into instructor_assignment (credit_code, instructor_code, assigned_on) values ('${ORG_A}', 'ZDY001', '2024-06-21')`);
    await run(`insert into instructor_contact (code, instructor_code, credit_code, contacted_on, kind, problem, problem_category, solved, solved_on, region_code)
      values ('ZF202500001', 'ZDY001', '${ORG_A}', '2025-03-02', 'MONTHLY_VISIT', '融资困难', 'FINANCING', true, '2025-03-02', '410106001000')`);
    await run(`insert into party_training (code, name, held_on, participant_category, person_times, region_code)
      values ('DJPX202501', '党建工作指导员专题培训', '2025-11-13', '党建工作指导员', 67, '410106000000')`);
    await run(`insert into committee_member_unit (name, joined_on, region_code) values ('区委组织部', '2023-06-09', '410106000000')`);
    await run(
      `insert into industry_committee (name, industry, founded_on, region_code) values ('上街区快递行业党委', '快递', '2025-03-06', '410106000000')`,
    );

    await orm.getMigrator().up();

    expect(await conn.execute(`select id, district_code, number from party_instructor`)).toEqual([
      { id: '410106:ZDY001', district_code: '410106', number: 'ZDY001' },
    ]);
    expect(await conn.execute(`select credit_code, instructor_id from instructor_assignment`)).toEqual([
      { credit_code: ORG_A, instructor_id: '410106:ZDY001' },
    ]);
    expect(await conn.execute(`select id, number, instructor_id, district_code from instructor_contact`)).toEqual([
      { id: '410106:ZF202500001', number: 'ZF202500001', instructor_id: '410106:ZDY001', district_code: '410106' },
    ]);
    expect(
      await conn.execute(
        `select credit_code, district_code, party_organization_id, party_joined_on::text, instructor_id from two_new_org order by 1`,
      ),
    ).toEqual([
      { credit_code: ORG_B, district_code: '410106', party_organization_id: party.id, party_joined_on: '2012-05-21', instructor_id: null },
      { credit_code: ORG_A, district_code: '410106', party_organization_id: null, party_joined_on: null, instructor_id: '410106:ZDY001' },
    ]);
    expect(await conn.execute(`select district_code, natural_key from party_organization`)).toEqual([
      { district_code: '410106', natural_key: 'JOINT:上街区联合党支部' },
    ]);
    expect(await conn.execute(`select id, number from party_training`)).toEqual([{ id: '410106:DJPX202501', number: 'DJPX202501' }]);
    expect(await conn.execute(`select id, name from committee_member_unit union all select id, name from industry_committee`)).toEqual([
      { id: '410106:区委组织部', name: '区委组织部' },
      { id: '410106:上街区快递行业党委', name: '上街区快递行业党委' },
    ]);
    // the key areas' migration built what the entities declare: a schema diff finds nothing to do on its tables
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.split('\n').filter((line) => line.includes('party_key_area') || line.includes('key_area_id'))).toEqual([]);
  } finally {
    await orm.close();
  }

  // the upgraded database serves the records with their references (the region tree is not asked for global ids)
  const server = await startSubgraph(partyBuilding, {
    databaseUrl: db.url,
    internalSecret: TEST_INTERNAL_SECRET,
    personKey: TEST_PERSON_KEY,
    host: '127.0.0.1',
    regionTreeUrl: 'http://127.0.0.1:9/graphql',
  });
  try {
    const res = await subgraphRequest(
      server.url,
      `{ partyInstructor(code: "410106:ZDY001") { id code assignments { organization { creditCode } }
          contacts(from: "2025-01-01", to: "2025-12-31") { id code organization { name } } }
         twoNewOrganization(creditCode: "${ORG_B}") { districtCode formation partyOrganization { id name unitCount } coverage(asOf: "2025-12-31") { status } }
         partyTrainings { nodes { id code } } partyCommitteeMemberUnits(asOf: "2025-12-31") { nodes { id } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      partyInstructor: {
        id: '410106:ZDY001',
        code: 'ZDY001',
        assignments: [{ organization: { creditCode: ORG_A } }],
        contacts: [{ id: '410106:ZF202500001', code: 'ZF202500001', organization: { name: '郑州光电有限责任公司' } }],
      },
      twoNewOrganization: {
        districtCode: '410106',
        formation: 'JOINT',
        partyOrganization: { id: expect.stringMatching(/^410106:\d+$/), name: '上街区联合党支部', unitCount: 1 },
        coverage: { status: 'ORGANISATIONAL' },
      },
      partyTrainings: { nodes: [{ id: '410106:DJPX202501', code: 'DJPX202501' }] },
      partyCommitteeMemberUnits: { nodes: [{ id: '410106:区委组织部' }] },
    });
  } finally {
    await server.close();
    await db.drop();
  }
});
