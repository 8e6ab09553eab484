import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LedgerImporter } from '@district/common';
import { SUBGRAPHS, type SubgraphEntry } from './subgraphs';

/** A ledger file matched to the subgraph that owns it. */
export interface PlannedLedger {
  path: string;
  /** the owner's name for it, e.g. 'volunteer/stations.csv' */
  file: string;
  subgraph: SubgraphEntry;
  importer: LedgerImporter;
}

/** Each subgraph declares its ledgers in its own package (dist/ledgers.js), in dependency order. */
export function ledgerOwners(): { subgraph: SubgraphEntry; importers: LedgerImporter[] }[] {
  return SUBGRAPHS.map((subgraph) => ({
    subgraph,
    importers: (require(join(subgraph.dir, 'dist', 'ledgers.js')) as { ledgers: LedgerImporter[] }).ledgers,
  }));
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
 * Orders the files under `path` as the graph depends on them: the region tree first (workforce
 * owns it), then every other subgraph, each in the order it declares. A file no subgraph owns is
 * reported, not guessed at.
 */
export function planImport(path: string): { plan: PlannedLedger[]; unowned: string[] } {
  const owners = ledgerOwners();
  const isDir = statSync(path).isDirectory();
  const plan: PlannedLedger[] = [];
  const unowned: string[] = [];
  for (const file of filesUnder(path)) {
    const rel = (isDir ? relative(path, file) : file).split(sep).join('/');
    const match = owners
      .flatMap((o) => o.importers.map((importer) => ({ subgraph: o.subgraph, importer })))
      .find(({ importer }) => rel === importer.spec.file || rel.endsWith(`/${importer.spec.file}`));
    if (match) plan.push({ path: file, file: match.importer.spec.file, ...match });
    else unowned.push(file);
  }
  const rank = (p: PlannedLedger) => {
    const o = owners.findIndex((x) => x.subgraph.name === p.subgraph.name);
    return o * 1000 + owners[o].importers.indexOf(p.importer);
  };
  plan.sort((a, b) => rank(a) - rank(b));
  return { plan, unowned };
}
