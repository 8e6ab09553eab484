import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, ormOptions, withDatabase, type SubgraphModule } from '@district/subgraph-kit';
import { startEmbeddedPostgres } from './postgres';
import { loadBuilt } from './load';
import { SUBGRAPHS } from './subgraphs';

/**
 * `pnpm migration:create <subgraph>`: diffs the subgraph's entities against a database migrated to
 * its latest migration and writes the difference as a new migration file in its src/migrations.
 * Runs on a throwaway embedded PostgreSQL, so it needs no server. Add the new class to
 * src/migrations/index.ts afterwards.
 */
async function main() {
  const name = process.argv[2];
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`usage: migration:create <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  const mod = loadBuilt<Record<string, SubgraphModule>>(entry.dir, 'module.js');
  const subgraph = Object.values(mod).find((v) => v && typeof v === 'object' && 'entities' in v) as SubgraphModule;
  const pg = await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'district-mig-')), 'pg'), persistent: false });
  try {
    const url = withDatabase(pg.url, 'migration_diff');
    await ensureDatabase(url);
    const options = ormOptions({ url, entities: subgraph.entities, migrations: subgraph.migrations });
    const orm = await MikroORM.init({
      ...options,
      migrations: {
        ...options.migrations,
        path: join(entry.dir, 'src', 'migrations'),
        emit: 'ts',
        fileName: (ts: string, n?: string) => `Migration${ts}${n ? `_${n}` : ''}`,
      },
    });
    await orm.getMigrator().up();
    const created = await orm.getMigrator().createMigration(undefined, false, false, process.argv[3]);
    console.log(
      created.fileName ? `created ${created.fileName}: add it to src/migrations/index.ts` : 'no changes: entities match the migrations',
    );
    await orm.close();
  } finally {
    await pg.stop();
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
