import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphReferences, importLedgerFile, LedgerImportError, todayInChina, type Caller, type LedgerImporter, type ReferenceLookup } from '@district/common';
import { startTestSubgraph, subgraphRequest, testCallers } from '../../common/src/testing';
import { workforce } from '../../workforce/src/module';
import { regionsLedger } from '../../workforce/src/modules/regions/regions.ledger';
import { socialOrganizations } from '../src/module';
import { ledgers } from '../src/ledgers';

export const DATASETS = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets');
export const SHANGJIE = join(DATASETS, 'shangjie-2025');
export const DISTRICT = '410106000000';
export const EXPECTED = JSON.parse(readFileSync(join(SHANGJIE, 'expected.json'), 'utf8')) as { figures: Record<string, { value: number }> };

export type Subgraph = Awaited<ReturnType<typeof startTestSubgraph>>;

/** The importing service account, as the import command calls the graph. */
const SERVICE: Caller = { subject: 'service:ledger-import', roles: ['SERVICE'] };

/** Region references asked of the workforce subgraph's API, as the import command asks the gateway. */
function workforceReferences(url: string): ReferenceLookup {
  return graphReferences(async (query, variables) => {
    const res = await subgraphRequest(url, query, variables, SERVICE);
    if (res.errors) throw new Error(res.errors.map((e) => e.message).join('; '));
    return res.data as Record<string, unknown>;
  });
}

/**
 * The workforce subgraph with the Shangjie region tree (through its own importer), and ours on its
 * own database with every social ledger imported.
 */
export async function startSocialGraph() {
  const wf = await startTestSubgraph(workforce);
  const references = workforceReferences(wf.url);
  const today = todayInChina();
  await importLedgerFile(regionsLedger, join(SHANGJIE, regionsLedger.spec.file), { databaseUrl: wf.databaseUrl, references, today });
  const sg = await startTestSubgraph(socialOrganizations);
  const importFile = (importer: LedgerImporter, path: string) => importLedgerFile(importer, path, { databaseUrl: sg.databaseUrl, references, today });
  const importAll = async () => {
    const out = [];
    for (const importer of ledgers) {
      out.push(await importFile(importer, join(SHANGJIE, importer.spec.file)).catch((e) => {
        // name the defects, so a failing suite says which rows
        if (e instanceof LedgerImportError) throw new Error(`${e.message}: ${JSON.stringify(e.defects.slice(0, 10))}`);
        throw e;
      }));
    }
    return out;
  };
  const summaries = await importAll();
  return {
    wf,
    sg,
    summaries,
    importFile,
    importAll,
    /** posts to our subgraph as the gateway would, signed for the given caller */
    async query<T = any>(query: string, variables: Record<string, unknown> = {}, caller: Caller = testCallers.admin) {
      return subgraphRequest<T>(sg.url, query, variables, caller);
    },
    async close() {
      await sg.close();
      await wf.close();
    },
  };
}

export type SocialGraph = Awaited<ReturnType<typeof startSocialGraph>>;

/** The Region entity as the gateway asks for it: a representation by code. */
export const REGION_ENTITIES = `query($codes: [_Any!]!, $year: Int!) { _entities(representations: $codes) { ... on Region { code socialOrganizations { ...F } } } }`;
export const regionReps = (codes: string[]) => codes.map((code) => ({ __typename: 'Region', code }));
