import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportSummary, LedgerImporter } from '@district/ledger';
import { importInto, SHANGJIE, startWithRegionTree, type TestSubgraphOptions } from '@district/testkit';
import { ledgers, volunteerStations } from '../src/module';

/** This subgraph beside the region tree's owner (holding Shangjie's tree), as its imports and mutations meet it. */
export const startVolunteerStations = (opts: Omit<TestSubgraphOptions, 'regionTreeUrl'> = {}) =>
  startWithRegionTree(volunteerStations, opts);
export type Stack = Awaited<ReturnType<typeof startVolunteerStations>>;

export interface ImportOptions {
  district?: string;
  overwrite?: boolean;
  /** a street or community office's import */
  region?: string;
}

/** Imports one ledger file into the subgraph under test (Shangjie's copy of the file by default). */
export function importFile(stack: Stack, importer: LedgerImporter, path = join(SHANGJIE, importer.spec.file), opts: ImportOptions = {}) {
  return importInto(stack.sg, importer, { ...opts, regionTree: stack.regionTree }, path);
}

/** Imports every volunteer ledger a directory holds (Shangjie by default) in the declared order; one it lacks is skipped. */
export async function importAll(stack: Stack, dir = SHANGJIE, opts: ImportOptions = {}): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const importer of ledgers.filter((l) => existsSync(join(dir, l.spec.file))))
    out.push(await importFile(stack, importer, join(dir, importer.spec.file), opts));
  return out;
}

export const ledgerOf = (file: string): LedgerImporter => ledgers.find((l) => l.spec.file === file)!;

/** The department's part of the annual report (report.graphql). */
export const REPORT_FRAGMENT = readFileSync(join(__dirname, '..', 'report.graphql'), 'utf8');

/** Every table's row count and content hash: "the database is exactly as it was". */
export async function snapshot(stack: Stack): Promise<Record<string, string>> {
  const tables = await stack.sg.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'mikro_orm%' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [r] = await stack.sg.sql(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${r.n}:${r.h}`;
  }
  return out;
}
