import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  testCallers,
  writeGovernanceFixtures,
  type FixtureRow,
  type GovernanceFixtures,
  type GraphQLResult,
  type Subgraph,
} from '@district/testkit';
import { ledgers } from '../src/module';
import { importFile, startWithShangjie } from './kit';

/** Shangjie plus the generated governance ledgers of the given files, imported in the declared order. */
export async function startWithGovernance(files: string[]): Promise<{ sg: Subgraph; fx: GovernanceFixtures }> {
  const sg = await startWithShangjie();
  // the workers in post early in 2025, in ledger order: whom the election results name
  const workers = await sg.sql<{ staffNumber: string; community: string; role: string }>(
    `SELECT w.staff_number AS "staffNumber", p.community_code AS community, p.role FROM worker w
     JOIN worker_post p ON p.worker_id = w.id AND p.from_on <= '2024-01-01' AND (p.to_on IS NULL OR p.to_on > '2025-12-31')
     ORDER BY w.id`,
  );
  const fx = writeGovernanceFixtures(mkdtempSync(join(tmpdir(), 'governance-')), { workers });
  for (const importer of ledgers.filter((l) => files.includes(l.spec.file))) {
    const summary = await importFile(sg, importer, join(fx.dir, importer.spec.file));
    expect(summary.inserted).toBe(fx.rows[importer.spec.file].length);
  }
  return { sg, fx };
}

export const errorOf = (res: GraphQLResult) => ({ code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field });

/** The communities of a node (district, street or community code), as the fixtures place them. */
export function under(fx: GovernanceFixtures, code: string): Set<string> {
  const prefix = code.endsWith('000000') ? code.slice(0, 6) : code.endsWith('000') ? code.slice(0, 9) : code;
  return new Set(fx.communities.filter((c) => c.code.startsWith(prefix)).map((c) => c.code));
}

/** Rows counted by hand from the fixtures, for a test's expectation. */
export const countRows = (rows: FixtureRow[], keep: (r: FixtureRow) => boolean) => rows.filter(keep).length;
export const sumRows = (rows: FixtureRow[], keep: (r: FixtureRow) => boolean, field: string) =>
  rows.filter(keep).reduce((s, r) => s + Number(r[field] ?? 0), 0);

export const analyst = testCallers.analyst;
