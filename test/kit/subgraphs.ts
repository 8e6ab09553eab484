import { join } from 'node:path';
import { graphRegionTree, PersonKey, todayInChina, type Caller, type RegionTree } from '@district/common';
import { connectTo, importLedgerFile, type ImportSummary, type LedgerImporter } from '@district/ledger';
import type { SubgraphModule } from '@district/subgraph-kit';
import { workforce } from '@district/workforce';
import { SHANGJIE, SHANGJIE_DISTRICT } from './datasets';
import { startTestSubgraph, subgraphRequest, testCallers, TEST_PERSON_KEY, type Subgraph, type TestSubgraphOptions } from './testing';

/** The region tree through the owner's API, as imports and mutations of the other subgraphs ask it. */
export function regionTreeOf(tree: Subgraph, caller: Caller = testCallers.service): RegionTree {
  return graphRegionTree(async (query, variables) => {
    const res = await subgraphRequest(tree.url, query, variables, caller);
    if (res.errors) throw new Error(res.errors.map((e) => e.message).join('; '));
    return res.data as Record<string, unknown>;
  });
}

export interface ImportOptions {
  district?: string;
  overwrite?: boolean;
  dryRun?: boolean;
  /** confine the import to a street or community, as that office's upload is */
  region?: string;
  /** the region tree to check references against (a subgraph's own lookups when it owns the tree) */
  regionTree: RegionTree;
}

/** Imports one ledger file straight into a test subgraph's database (the Shangjie copy of the file by default). */
export function importInto(
  sg: Subgraph,
  importer: LedgerImporter,
  opts: ImportOptions,
  path = join(SHANGJIE, importer.spec.file),
): Promise<ImportSummary> {
  return importLedgerFile(importer, path, {
    connect: connectTo(sg.databaseUrl),
    regionTree: opts.regionTree,
    today: todayInChina(),
    district: opts.district ?? SHANGJIE_DISTRICT,
    overwrite: opts.overwrite,
    dryRun: opts.dryRun,
    region: opts.region,
    personKey: new PersonKey(TEST_PERSON_KEY),
  });
}

/**
 * A subgraph under test beside the region tree's owner holding Shangjie's tree (a template copy):
 * its mutations and imports meet the real lookups through the owner's API.
 */
export async function startWithRegionTree(mod: SubgraphModule, opts: Omit<TestSubgraphOptions, 'regionTreeUrl'> = {}) {
  const tree = await startTestSubgraph(workforce, { shangjie: true });
  try {
    const sg = await startTestSubgraph(mod, { ...opts, regionTreeUrl: tree.url });
    return {
      tree,
      sg,
      regionTree: regionTreeOf(tree),
      close: async () => {
        await sg.close();
        await tree.close();
      },
    };
  } catch (e) {
    await tree.close();
    throw e;
  }
}
