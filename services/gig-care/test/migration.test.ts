import { freshDatabase } from '@district/testkit';
import { MikroORM, ormOptions } from '@district/subgraph-kit';
import { gigCare } from '../src/module';
import { GigIssue } from '../src/modules/issues/issue.entity';

/**
 * A database of the first release (single district, ledger numbers as keys, care events and
 * partners nowhere in the tree) upgraded by the district-keys migration: every row kept, ids
 * global, district codes filled in, and every reference following its record.
 */
let orm: MikroORM;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase('gig_migration');
  drop = db.drop;
  orm = await MikroORM.init(ormOptions({ url: db.url, entities: gigCare.entities, migrations: gigCare.migrations }));
});
afterAll(async () => {
  await orm?.close();
  await drop?.();
});

const run = (sql: string) => orm.em.fork().getConnection().execute(sql);

test('the district-keys migration keeps every row and reference of the first release', async () => {
  await orm.getMigrator().up({ to: 'Migration20261122001655' });
  await run(`INSERT INTO gig_worker (code, name, id_number, phone, job_type, platform, party_member, mobile_grid_member, registered_on, community_code, points_balance)
    VALUES ('XJY00001', '王一', '410106199001010019', NULL, 'DELIVERY_RIDER', '美团', false, true, '2025-01-02', '410106001001', 30),
           ('XJY00002', '王二', '410106199001010027', NULL, 'COURIER', '顺丰', false, false, '2025-01-03', '410106002001', 0)`);
  await run(`INSERT INTO gig_station (code, name, kind, community_code, services, built_on)
    VALUES ('CJ001', '友好商户', 'FRIENDLY_SCENE', '410106001001', '{饮水}', '2025-02-01')`);
  await run(`INSERT INTO gig_issue (code, reporter_code, grid_code, community_code, category, status, reported_at)
    VALUES ('SB20250001', 'XJY00001', '41010600100101', '410106001001', '井盖缺失', 'DISPATCHED', '2025-03-01T01:00:00Z')`);
  await run(`INSERT INTO gig_rider_code_compound (compound_code, opened_on, community_code)
    VALUES ('XQ0001', '2025-04-01', '410106001001'), ('XQ0002', '2025-04-02', NULL)`);
  await run(
    `INSERT INTO gig_care_event (code, name, kind, held_on, served) VALUES ('GA202501', '城市骑士节(春季)', 'KNIGHT_FESTIVAL', '2025-02-14', 702)`,
  );
  await run(`INSERT INTO gig_care_partner (year, ledger_row, name, type) VALUES (2025, 1, '暖心志愿者协会', 'WELFARE_ORG')`);
  await run(`INSERT INTO gig_points_entry (worker_code, community_code, kind, reason, points, balance_after, merchant_code, issue_code, idempotency_key, at)
    VALUES ('XJY00001', '410106001001', 'EARN', 'ISSUE_CONFIRMED', 40, 40, NULL, 'SB20250001', 'k1', now()),
           ('XJY00001', '410106001001', 'REDEEM', NULL, 10, 30, 'CJ001', NULL, 'k2', now())`);

  await orm.getMigrator().up();

  expect(await run(`SELECT id, district_code, number, points_balance FROM gig_worker ORDER BY id`)).toEqual([
    { id: '410106:XJY00001', district_code: '410106', number: 'XJY00001', points_balance: 30 },
    { id: '410106:XJY00002', district_code: '410106', number: 'XJY00002', points_balance: 0 },
  ]);
  expect(await run(`SELECT id, district_code, number FROM gig_station`)).toEqual([
    { id: '410106:CJ001', district_code: '410106', number: 'CJ001' },
  ]);
  expect(await run(`SELECT id, number, reporter_id FROM gig_issue`)).toEqual([
    { id: '410106:SB20250001', number: 'SB20250001', reporter_id: '410106:XJY00001' },
  ]);
  // a compound whose community was unknown sits at the district's node, counted there only, as before
  expect(await run(`SELECT id, number, community_code FROM gig_rider_code_compound ORDER BY id`)).toEqual([
    { id: '410106:XQ0001', number: 'XQ0001', community_code: '410106001001' },
    { id: '410106:XQ0002', number: 'XQ0002', community_code: '410106000000' },
  ]);
  expect(await run(`SELECT id, district_code, number, region_code FROM gig_care_event`)).toEqual([
    { id: '410106:GA202501', district_code: '410106', number: 'GA202501', region_code: '410106000000' },
  ]);
  expect(await run(`SELECT id, district_code, year, ledger_row, region_code FROM gig_care_partner`)).toEqual([
    { id: '410106:2025-1', district_code: '410106', year: 2025, ledger_row: 1, region_code: '410106000000' },
  ]);
  expect(await run(`SELECT worker_id, merchant_id, issue_id FROM gig_points_entry ORDER BY idempotency_key`)).toEqual([
    { worker_id: '410106:XJY00001', merchant_id: null, issue_id: '410106:SB20250001' },
    { worker_id: '410106:XJY00001', merchant_id: '410106:CJ001', issue_id: null },
  ]);

  // the upgraded tables hold what the entities say: the ORM reads the old rows through them
  const em = orm.em.fork();
  const issue = await em.findOneOrFail(GigIssue, { id: '410106:SB20250001' });
  expect(issue.reportedAt.toISOString()).toBe('2025-03-01T01:00:00.000Z');
  // the same ID number may register in another district now, but not twice in one
  await run(`INSERT INTO gig_worker (id, district_code, number, name, id_number, job_type, platform, party_member, mobile_grid_member, registered_on, community_code)
    VALUES ('410122:XJY00001', '410122', 'XJY00001', '王一', '410106199001010019', 'COURIER', '顺丰', false, false, '2025-01-02', '410122001001')`);
  await expect(
    run(`INSERT INTO gig_worker (id, district_code, number, name, id_number, job_type, platform, party_member, mobile_grid_member, registered_on, community_code)
      VALUES ('410106:XJY00009', '410106', 'XJY00009', '王一', '410106199001010019', 'COURIER', '顺丰', false, false, '2025-01-02', '410106001001')`),
  ).rejects.toThrow(/gig_worker_district_code_id_number_unique/);
});
