import { Client } from 'pg';
import { databaseName, REGION_TREE_OWNER, remoteRegionTree, todayInChina } from '@district/common';
import { connectTo, importLedgerFile, LedgerImportError } from '@district/ledger';
import { dropDatabase, ensureDatabase, openDatabase, startSubgraph, withDatabase, type SubgraphModule } from '@district/subgraph-kit';
import { localLedgers, planLedgers } from './ledger-plan';
import { loadBuilt } from './load';
import { SUBGRAPHS } from './subgraphs';

/** A subgraph's module as its package builds it (dist/module.js). */
export function subgraphModule(name: string): SubgraphModule {
  const entry = SUBGRAPHS.find((s) => s.name === name)!;
  const mod = loadBuilt<Record<string, SubgraphModule>>(entry.dir, 'module.js');
  return Object.values(mod).find((v) => v && typeof v === 'object' && 'entities' in v)!;
}

/**
 * Loads a ledger set once into one template database per subgraph (`<prefix>_<subgraph>`), so test
 * files start from copies (CREATE DATABASE … TEMPLATE) instead of importing again. Only the region
 * tree's owner runs meanwhile: the other imports check their references against it.
 *
 * The one import that still writes straight to databases: these are the test kit's own, made and
 * dropped by it before any gateway exists. Every other import goes through the gateway
 * (importLedgers); this one runs the same importers, with no caller, audit or preview.
 */
export async function buildTemplates(
  serverUrl: string,
  dir: string,
  prefix: string,
  internalSecret: string,
  only: string[] = SUBGRAPHS.map((s) => s.name),
): Promise<void> {
  const subgraphs = SUBGRAPHS.filter((s) => only.includes(s.name));
  const urls = Object.fromEntries(subgraphs.map((s) => [s.name, withDatabase(serverUrl, databaseName(s.name, prefix))]));
  for (const url of Object.values(urls)) {
    await dropDatabase(url);
    await ensureDatabase(url);
  }
  for (const s of subgraphs) {
    if (s.name === REGION_TREE_OWNER) continue;
    const mod = subgraphModule(s.name);
    const orm = await openDatabase({ url: urls[s.name], entities: mod.entities, migrations: mod.migrations });
    await orm.close();
  }
  const tree = await startSubgraph(subgraphModule(REGION_TREE_OWNER), {
    databaseUrl: urls[REGION_TREE_OWNER],
    internalSecret,
    host: '127.0.0.1',
    figureCache: false,
  });
  try {
    const regionTree = remoteRegionTree(tree.url, internalSecret);
    const plan = planLedgers(dir, localLedgers(only)).plan;
    const declares = plan.find((p) => p.importer.declaredDistricts);
    const [district] = declares ? await declares.importer.declaredDistricts!(declares.path) : await regionTree.districts();
    for (const item of plan) {
      try {
        await importLedgerFile(item.importer, item.path, {
          connect: connectTo(urls[item.subgraph.name]),
          regionTree: remoteRegionTree(tree.url, internalSecret),
          today: todayInChina(),
          district,
        });
      } catch (e) {
        if (e instanceof LedgerImportError)
          throw new Error(
            `${item.ledger}: ${e.defects
              .slice(0, 3)
              .map((d) => `row ${d.row} ${d.column}: ${d.reason}`)
              .join('; ')}`,
          );
        throw e;
      }
    }
  } finally {
    await tree.close();
  }
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    for (const url of Object.values(urls)) await admin.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" WITH IS_TEMPLATE true`);
  } finally {
    await admin.end();
  }
}
