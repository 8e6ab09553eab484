import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { importLedgers } from './import';
import type { RunningStack } from './stack';

/** True when no subgraph holds any region yet: the first start of a fresh deployment. */
async function regionTreeEmpty(workforceUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: workforceUrl });
  await client.connect();
  try {
    const res = await client.query('SELECT count(*)::int AS n FROM region');
    return res.rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/** On first start, loads the Shangjie district's ledgers so the graph has a real district to show. */
export async function loadDemoIfEmpty(stack: RunningStack, dir: string, jwtSecret: string): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`demo ledgers not found at ${dir}: starting with empty databases`);
    return;
  }
  if (!(await regionTreeEmpty(stack.databaseUrls.workforce))) return;
  console.log(`first start: importing the Shangjie ledgers from ${dir} …`);
  const started = Date.now();
  const report = await importLedgers({ gatewayUrl: stack.gatewayUrl, databaseUrls: stack.databaseUrls, jwtSecret }, dir);
  const failed = report.outcomes.filter((o) => o.defects);
  console.log(`imported ${report.outcomes.length - failed.length} ledgers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of failed) console.log(`  ${f.file}: ${f.defects!.length} defect(s), not imported`);
}
