import { existsSync } from 'node:fs';
import { gatewayClient } from './graph-client';
import { importLedgers } from './import';
import type { RunningStack } from './stack';

/** True when the region tree holds no district yet: the first start of a fresh deployment. */
async function regionTreeEmpty(stack: Pick<RunningStack, 'gatewayUrl'>, jwtSecret: string): Promise<boolean> {
  const data = await gatewayClient(stack.gatewayUrl, jwtSecret)('{ regions(level: DISTRICT, first: 1) { totalCount } }');
  return (data.regions as { totalCount: number }).totalCount === 0;
}

/**
 * On first start, loads the Shangjie district's ledgers so the graph has a real district to show:
 * through the gateway, uploaded, previewed and committed like any office's ledgers.
 */
export async function loadDemoIfEmpty(stack: Pick<RunningStack, 'gatewayUrl'>, dir: string, jwtSecret: string): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`demo ledgers not found at ${dir}: starting with empty databases`);
    return;
  }
  if (!(await regionTreeEmpty(stack, jwtSecret))) return;
  console.log(`first start: importing the Shangjie ledgers from ${dir} …`);
  const started = Date.now();
  const report = await importLedgers({ gatewayUrl: stack.gatewayUrl, jwtSecret }, dir);
  const failed = report.outcomes.filter((o) => o.defects);
  console.log(`imported ${report.outcomes.length - failed.length} ledgers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of failed) console.log(`  ${f.file}: ${f.defects!.length} defect(s), not imported`);
  if (report.refused) console.log(`  nothing imported: ${report.refused}`);
}
