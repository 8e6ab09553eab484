import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { bumpDataVersion, withDatabase } from '@district/common';
import { ensureDatabase, startSubgraph } from '@district/subgraph-kit';
import {
  importInto,
  SHANGJIE,
  startPrimary,
  startStreamingReplica,
  subgraphRequest,
  TEST_INTERNAL_SECRET,
  TEST_PERSON_KEY,
  type StreamingReplica,
  type Subgraph,
  type TestPostgres,
} from '@district/testkit';
import { ledgers, workforce } from '../../services/workforce/src/module';
import { localRegionTree } from '../../services/workforce/src/modules/regions/region-tree';

/**
 * A subgraph whose queries read from a streaming replica (READ_DATABASE_URL) and whose writes go to
 * the primary. The replica is real: a hot standby of an embedded PostgreSQL, streaming its WAL.
 * Figures are cached per data version, which the primary announces; a replica that has not yet
 * replayed that version must neither answer nor fill the cache with older figures.
 */
let primary: TestPostgres;
let replica: StreamingReplica;
let sg: Awaited<ReturnType<typeof startSubgraph>>;
let databaseUrl: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'district-replica-'));
  primary = await startPrimary(join(dir, 'primary'));
  replica = await startStreamingReplica(primary.url, join(dir, 'primary'), join(dir, 'replica'));
  databaseUrl = withDatabase(primary.url, 'replica_workforce');
  await ensureDatabase(databaseUrl);
  await replica.caughtUp();
  sg = await startSubgraph(workforce, {
    databaseUrl,
    readDatabaseUrl: withDatabase(replica.url, 'replica_workforce'),
    internalSecret: TEST_INTERNAL_SECRET,
    personKey: TEST_PERSON_KEY,
    host: '127.0.0.1',
  });
  // the ledgers Shangjie has (newer kinds of work have ledgers it does not)
  for (const importer of ledgers.filter((l) => existsSync(join(SHANGJIE, l.spec.file)))) {
    await importInto(
      { databaseUrl } as Subgraph,
      importer,
      { regionTree: localRegionTree(sg.orm.em.fork()) },
      join(SHANGJIE, importer.spec.file),
    );
  }
  await replica.caughtUp();
}, 300_000);

afterAll(async () => {
  await sg?.close();
  await replica?.stop();
  await primary?.stop();
});

const COMMUNITIES = (asOf: string) =>
  `{ region(code: "410106") { structure(year: 2025, asOf: "${asOf}") { communities { value } } } regions(level: COMMUNITY, first: 1) { totalCount } }`;

async function ask(asOf = '2025-12-31') {
  const res = await subgraphRequest<{ region: { structure: { communities: { value: number } } }; regions: { totalCount: number } }>(
    sg.url,
    COMMUNITIES(asOf),
  );
  expect(res.errors).toBeUndefined();
  return { figure: res.data!.region.structure.communities.value, list: res.data!.regions.totalCount };
}

/** On the primary: abolishes the next still-open community; with `announce`, as every import and mutation does, bumps the data version. */
async function abolishCommunity(announce: boolean): Promise<string | undefined> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(`UPDATE region SET abolished_on = '2025-06-30'
      WHERE code = (SELECT code FROM region WHERE level = 'COMMUNITY' AND abolished_on IS NULL ORDER BY code LIMIT 1)`);
    const version = announce ? await bumpDataVersion(c) : undefined;
    await c.query('COMMIT');
    return version;
  } finally {
    await c.end();
  }
}

/** The subgraph hears of a version by NOTIFY, a moment after the commit. */
async function heard(version: string) {
  for (let i = 0; i < 100 && sg.dataVersion.current() !== version; i++) await new Promise((r) => setTimeout(r, 50));
  expect(sg.dataVersion.current()).toBe(version);
}

test("a query's figures are read on the replica", async () => {
  const before = await ask('2025-12-30');
  await replica.pauseReplay();
  try {
    // a change the replica has not replayed and no version announces: only a read on the replica misses it
    await abolishCommunity(false);
    const during = await ask('2025-12-29'); // another date: not in the figure cache
    expect(during).toEqual(before);
  } finally {
    await replica.resumeReplay();
  }
  await replica.caughtUp();
  const after = await ask('2025-12-28');
  expect(after.figure).toBe(before.figure - 1);
});

test('a figure read through the replica sees a write made on the primary once it is replicated', async () => {
  const before = await ask();
  const version = await abolishCommunity(true);
  await heard(version!);
  await replica.caughtUp();
  expect((await ask()).figure).toBe(before.figure - 1);
});

test('a replica behind the announced version neither answers a figure nor fills the cache with it', async () => {
  const before = await ask();
  await replica.pauseReplay();
  try {
    const version = await abolishCommunity(true);
    await heard(version!);
    // the replica still holds the old rows; the figure comes from the primary, exact
    expect((await ask()).figure).toBe(before.figure - 1);
  } finally {
    await replica.resumeReplay();
  }
  await replica.caughtUp();
  // nothing older was cached under the new version
  expect((await ask()).figure).toBe(before.figure - 1);
});
