import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LedgerImporter } from '@district/ledger';
import { loadBuilt } from './load';
import { SUBGRAPHS, type SubgraphEntry } from './subgraphs';

/** A ledger of the graph as a plan needs it: its name and its place in the import order. */
export interface KnownLedger {
  /** the owner's name for it, e.g. 'volunteer/stations.csv' */
  ledger: string;
  /** the region tree's owner first (the registry's order), then each subgraph's ledgers in the order it declares */
  order: number;
}

/** A ledger file matched to the ledger it is. */
export type PlannedLedger<L extends KnownLedger = KnownLedger> = L & { path: string };

/** The ledgers of the built subgraphs on this machine (dist/ledgers.js), for tools that write to databases they own. */
export function localLedgers(only?: string[]): (KnownLedger & { subgraph: SubgraphEntry; importer: LedgerImporter })[] {
  return SUBGRAPHS.flatMap((subgraph, s) =>
    !only || only.includes(subgraph.name)
      ? loadBuilt<{ ledgers: LedgerImporter[] }>(subgraph.dir, 'ledgers.js').ledgers.map((importer, i) => ({
          ledger: importer.spec.file,
          order: s * 1000 + i,
          subgraph,
          importer,
        }))
      : [],
  );
}

const LEDGER_FILE = /\.(csv|xlsx)$/i;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) => {
    const full = join(path, e.name);
    return e.isDirectory() ? filesUnder(full) : LEDGER_FILE.test(e.name) ? [full] : [];
  });
}

/**
 * Orders the files under `path` as the graph depends on them (the import order of `known`, the
 * gateway's catalog or the local subgraphs'). A file that is no known ledger is reported, not
 * guessed at.
 */
export function planLedgers<L extends KnownLedger>(path: string, known: L[]): { plan: PlannedLedger<L>[]; unowned: string[] } {
  const isDir = statSync(path).isDirectory();
  const plan: PlannedLedger<L>[] = [];
  const unowned: string[] = [];
  for (const file of filesUnder(path)) {
    const rel = (isDir ? relative(path, file) : file).split(sep).join('/');
    const match = known.find((k) => rel === k.ledger || rel.endsWith(`/${k.ledger}`));
    if (match) plan.push({ ...match, path: file });
    else unowned.push(file);
  }
  plan.sort((a, b) => a.order - b.order);
  return { plan, unowned };
}
