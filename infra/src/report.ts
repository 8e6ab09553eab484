import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackClient } from './graph-client';
import { repoRoot } from './subgraphs';
import type { StackHandle } from './graph-client';

/** The analysts' operation, kept in the repository so it can be reused in any GraphQL client. */
export const REPORT_OPERATION = join(repoRoot, 'schema', 'operations', 'annual-report.graphql');

/**
 * Flattens the operation's answer into the figure keys of a work report: every `{ value }` object is
 * one figure, named by its alias path under `region` (the region-structure counts sit at the top).
 */
export function flattenFigures(node: unknown, path: string[] = [], out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!node || typeof node !== 'object') return out;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'value' && (entries[0][1] === null || typeof entries[0][1] !== 'object')) {
    out[path.filter((p, i) => !(i === 0 && p === 'structure')).join('.')] = entries[0][1];
    return out;
  }
  for (const [key, value] of entries) flattenFigures(value, [...path, key], out);
  return out;
}

/** The deployment's district when it holds exactly one; otherwise the caller must name the node. */
export async function onlyDistrict(stack: StackHandle): Promise<string> {
  const data = (await stackClient(stack)('{ regions(level: DISTRICT, first: 2) { nodes { code } } }')) as {
    regions: { nodes: { code: string }[] };
  };
  const codes = data.regions.nodes.map((n) => n.code.slice(0, 6));
  if (codes.length !== 1)
    throw new Error(`this deployment holds ${codes.length === 0 ? 'no district' : 'several districts'}: give --region`);
  return codes[0];
}

export async function annualReport(stack: StackHandle, region: string, year: number): Promise<Record<string, unknown>> {
  const request = stackClient(stack);
  const data = await request(readFileSync(REPORT_OPERATION, 'utf8'), { region, year });
  if (!data.region) throw new Error(`no region ${region} in the region tree`);
  return flattenFigures(data.region);
}
