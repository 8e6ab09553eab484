import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { districtOf, normaliseRegionCode } from '@district/common';
import { readLedger, type LedgerImporter } from '@district/ledger';
import { loadBuilt } from './load';
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
export function ledgerOwners(only?: string[]): { subgraph: SubgraphEntry; importers: LedgerImporter[] }[] {
  return SUBGRAPHS.filter((s) => !only || only.includes(s.name)).map((subgraph) => ({
    subgraph,
    importers: loadBuilt<{ ledgers: LedgerImporter[] }>(subgraph.dir, 'ledgers.js').ledgers,
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
 * Orders the files under `path` as the graph depends on them: the region tree first (its owner
 * comes first in the registry), then every other subgraph, each in the order it declares. A file no
 * subgraph owns is reported, not guessed at.
 */
export function planImport(path: string, only?: string[]): { plan: PlannedLedger[]; unowned: string[] } {
  const owners = ledgerOwners(only);
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

/** The districts (6-digit codes) a regions.csv declares: the rows of level 区. */
export async function districtsInRegionsFile(path: string): Promise<string[]> {
  const found = new Set<string>();
  try {
    for await (const row of readLedger(path, { columns: ['区划代码', '层级'] })) {
      const code = String(row.cells['区划代码'] ?? '').trim();
      if (String(row.cells['层级'] ?? '').trim() === '区' && /^\d{6}(\d{6})?$/.test(code)) found.add(districtOf(normaliseRegionCode(code)));
    }
  } catch {
    // a broken regions.csv is reported by its own import; it names no district here
  }
  return [...found];
}

export class AmbiguousDistrictError extends Error {}

/**
 * The district a ledger set belongs to (issue 12): the one its regions.csv declares, or the one the
 * caller names, or the deployment's only district. Anything else is ambiguous and refused.
 */
export async function ledgerDistrict(plan: PlannedLedger[], given: string | undefined, deployed: () => Promise<string[]>): Promise<string> {
  const regionsFile = plan.find((p) => p.file === 'regions.csv');
  const declared = regionsFile ? await districtsInRegionsFile(regionsFile.path) : [];
  const named = given ? districtOf(normaliseRegionCode(given)) : undefined;
  if (given && !/^\d{6}(\d{6})?$/.test(given.trim()))
    throw new AmbiguousDistrictError(`--district must be a 6-digit district code, got "${given}"`);
  if (declared.length > 1)
    throw new AmbiguousDistrictError(
      `regions.csv declares ${declared.length} districts (${declared.join(', ')}): import one district at a time`,
    );
  if (declared.length === 1) {
    if (named && named !== declared[0]) throw new AmbiguousDistrictError(`--district ${named} but regions.csv is district ${declared[0]}`);
    return declared[0];
  }
  const districts = await deployed();
  if (named) {
    if (!districts.includes(named))
      throw new AmbiguousDistrictError(`district ${named} has no region tree in this deployment: import its regions.csv first`);
    return named;
  }
  if (districts.length === 1) return districts[0];
  throw new AmbiguousDistrictError(
    districts.length
      ? `these ledgers name no district and the deployment serves ${districts.length} (${districts.join(', ')}): pass --district <code>`
      : 'these ledgers name no district and no region tree is loaded: import regions.csv first, or pass --district <code>',
  );
}
