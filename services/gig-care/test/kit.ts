import { join } from 'node:path';
import {
  graphReferences, importLedgerFile, normaliseRegionCode, readLedger, todayInChina, type Caller, type LedgerImporter, type ReferenceLookup,
} from '@district/common';
import { startTestSubgraph, subgraphRequest } from '../../common/src/testing';
import { workforce } from '../../workforce/src/module';
import { Compound, Grid, Region } from '../../workforce/src/modules/regions/region.entity';
import { gigCare } from '../src/module';
import { ledgers } from '../src/ledgers';

export const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');
export const DISTRICT = '410106000000';

/** The importing service account, as the import command calls the graph. */
const SERVICE: Caller = { subject: 'service:ledger-import', roles: ['SERVICE'] };

const LEVELS: Record<string, string> = { 区: 'DISTRICT', 街道: 'STREET', 镇: 'TOWN', 社区: 'COMMUNITY' };

async function* rows(file: string, columns: string[]) {
  for await (const r of readLedger(join(SHANGJIE, file), { columns })) yield r.cells as Record<string, string | null>;
}

/** The region tree in the workforce subgraph, from the Shangjie ledgers (its own importer is not ours to call). */
async function seedRegionTree(wf: Awaited<ReturnType<typeof startTestSubgraph>>) {
  const em = wf.orm.em.fork();
  for await (const c of rows('regions.csv', ['区划代码', '名称', '层级', '上级区划代码'])) {
    em.create(Region, { code: normaliseRegionCode(c['区划代码']!), name: c['名称']!, level: LEVELS[c['层级']!] as Region['level'],
      parentCode: c['上级区划代码'] ? normaliseRegionCode(c['上级区划代码']) : null });
  }
  for await (const c of rows('grids.csv', ['网格编码', '网格名称', '所属社区代码', '网格类型'])) {
    em.create(Grid, { code: c['网格编码']!, name: c['网格名称']!, communityCode: c['所属社区代码']!, type: c['网格类型'] });
  }
  for await (const c of rows('compounds.csv', ['小区编号', '小区名称', '所属社区代码', '所属网格编码'])) {
    em.create(Compound, { code: c['小区编号']!, name: c['小区名称']!, communityCode: c['所属社区代码']!, gridCode: c['所属网格编码'] });
  }
  await em.flush();
}

/** References through the workforce subgraph's API, as the import command asks the gateway. */
function workforceReferences(url: string): ReferenceLookup {
  return graphReferences(async (query, variables) => {
    const res = await subgraphRequest(url, query, variables, SERVICE);
    if (res.errors) throw new Error(res.errors.map((e) => e.message).join('; '));
    return res.data as Record<string, unknown>;
  });
}

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** The workforce subgraph holding the region tree, and ours on its own database, both real. */
export async function startGigGraph() {
  const wf = await startTestSubgraph(workforce);
  await seedRegionTree(wf);
  const sg = await startTestSubgraph(gigCare);
  const references = workforceReferences(wf.url);
  const importFile = (importer: LedgerImporter, path: string) =>
    importLedgerFile(importer, path, { databaseUrl: sg.databaseUrl, references, today: todayInChina() });
  return {
    wf,
    sg,
    references,
    importFile,
    /** every gig ledger of a directory, in the declared order */
    importAll: async (dir = SHANGJIE) => {
      const out = [];
      for (const importer of ledgers) out.push(await importFile(importer, join(dir, importer.spec.file)));
      return out;
    },
    /** the node's compound count as the gateway would fetch it (@requires) from the workforce subgraph */
    compoundCount: async (code: string) => {
      const res = await subgraphRequest<{ region: { compoundCount: number } }>(wf.url, 'query($c: ID!) { region(code: $c) { compoundCount } }', { c: code }, SERVICE);
      return res.data!.region.compoundCount;
    },
    close: async () => {
      await sg.close();
      await wf.close();
    },
  };
}

export type GigGraph = Awaited<ReturnType<typeof startGigGraph>>;

/** Rows of one of our tables, read straight from the database (what a user would find there). */
export function sql<T = Record<string, unknown>>(sg: Subgraph, text: string, params: unknown[] = []): Promise<T[]> {
  return sg.orm.em.fork().getConnection().execute(text, params) as Promise<T[]>;
}

/** A valid resident ID number (GB 11643 check digit) for people registered in tests. */
export function testIdNumber(seq: number, born = '19900101'): string {
  const body = `410106${born}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}
