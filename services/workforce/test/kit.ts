import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importInto, startTestSubgraph, SHANGJIE, type Subgraph } from '@district/testkit';
import type { ImportSummary, LedgerImporter } from '@district/ledger';
import { workforce, ledgers } from '../src/module';
import { localRegionTree } from '../src/modules/regions/region-tree';

/** The workforce subgraph owns the region tree: its imports check references in its own tables. */
export function importFile(
  sg: Subgraph,
  importer: LedgerImporter,
  path = join(SHANGJIE, importer.spec.file),
  opts: { district?: string; overwrite?: boolean; region?: string } = {},
) {
  return importInto(sg, importer, { ...opts, regionTree: localRegionTree(sg.orm.em.fork()) }, path);
}

/** Imports every workforce ledger a directory holds (Shangjie by default) in the declared order; a ledger the directory lacks is skipped. */
export async function importAll(
  sg: Subgraph,
  dir = SHANGJIE,
  opts: { district?: string; overwrite?: boolean } = {},
): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const importer of ledgers.filter((l) => existsSync(join(dir, l.spec.file))))
    out.push(await importFile(sg, importer, join(dir, importer.spec.file), opts));
  return out;
}

/** The subgraph on a copy of the Shangjie template (imported once by the test setup). */
export const startWithShangjie = (opts: { figureCache?: boolean } = {}) => startTestSubgraph(workforce, { shangjie: true, ...opts });

export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');
