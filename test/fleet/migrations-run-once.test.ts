import { openDatabase } from '@district/subgraph-kit';
import { freshDatabase } from '@district/testkit';
import { workforce } from '../../services/workforce/src/module';

/**
 * Replicas of a subgraph start together on a new database: each migrates on start, under an advisory
 * lock, so one applies the migrations and the others find nothing left to do; none fails on a table
 * another just created, and no migration is recorded twice.
 */
test('three replicas starting together on an empty database migrate it once', async () => {
  const db = await freshDatabase('race');
  try {
    const orms = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ url: db.url, entities: workforce.entities, migrations: workforce.migrations })),
    );
    try {
      const conn = orms[0].em.fork().getConnection();
      const twice = await conn.execute('SELECT name FROM mikro_orm_migrations GROUP BY name HAVING count(*) > 1');
      expect(twice).toEqual([]);
      const [{ n }] = await conn.execute('SELECT count(*)::int AS n FROM mikro_orm_migrations');
      expect(n).toBeGreaterThan(0);
      expect(await orms[2].getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await Promise.all(orms.map((o) => o.close()));
    }
  } finally {
    await db.drop();
  }
});
