import http from 'node:http';
import https from 'node:https';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Defect } from '@district/ledger';
import { bearerOf, GraphRequestError, stackClient, type GraphError, type StackHandle } from './graph-client';
import type { KnownLedger } from './ledger-plan';

/** A ledger as the gateway's catalog (GET /ledgers) lists it. */
export interface CatalogLedger extends KnownLedger {
  subgraph: string;
  template: string;
  regionScoped: boolean;
  fields: ImportFields;
}

/** The owning subgraph's GraphQL fields for an import of one of its ledgers. */
export interface ImportFields {
  preview: string;
  commit: string;
  import: string;
}

/** An import as the owning subgraph answers it (GraphQL LedgerImport). */
export interface ImportState {
  id: string;
  ledger: string;
  status: string;
  district: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  defectCount: number;
  conflictCount: number;
  message: string | null;
  defects?: Defect[];
  conflicts?: {
    file: string;
    row: number;
    key: string;
    fields: { column: string; current: string | null; ledger: string | null; withheld: boolean }[];
  }[];
}

const PROGRESS = 'id ledger status district rowsRead inserted updated unchanged defectCount conflictCount message';
const FULL = `${PROGRESS} defects { file row column kind reason } conflicts { file row key fields { column current ledger withheld } }`;

/** Not an answer of GraphQL shape from the gateway's ledger endpoints (a proxy's error page, say). */
export class LedgerRequestError extends GraphRequestError {}

/**
 * The gateway's ledger path as a client uses it: the catalog, an upload (the file streamed, never
 * held in memory), then the owning subgraph's preview, commit and progress fields. Authenticated
 * with the stack's token like any other request; it needs no database URL.
 */
export function ledgerClient(stack: StackHandle) {
  const graphql = stackClient(stack);
  const bearer = bearerOf(stack);
  const base = stack.gatewayUrl.replace(/\/graphql\/?$/, '');

  async function rest(method: 'GET' | 'POST', path: string, file?: string): Promise<Record<string, any>> {
    const url = new URL(`${base}${path}`);
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${await bearer()}` };
    if (file) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers }, resolve);
      req.on('error', reject);
      if (!file) return req.end();
      const body = createReadStream(file);
      body.on('error', (e) => req.destroy(e));
      body.pipe(req);
    });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let answer: Record<string, any>;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new LedgerRequestError([{ message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` }]);
    }
    if (answer.errors?.length) throw new LedgerRequestError(answer.errors as GraphError[]);
    return answer;
  }

  const one = async (query: string, variables: Record<string, unknown>): Promise<ImportState> =>
    Object.values(await graphql(query, variables))[0] as ImportState;

  return {
    async catalog(): Promise<{ ledgers: CatalogLedger[]; unavailable: string[] }> {
      return (await rest('GET', '/ledgers')) as { ledgers: CatalogLedger[]; unavailable: string[] };
    },

    async upload(ledger: string, path: string): Promise<{ id: string; fields: ImportFields }> {
      const query = new URLSearchParams({ ledger, name: basename(path) });
      const answer = await rest('POST', `/ledgers/uploads?${query}`, path);
      return { id: answer.upload.id as string, fields: answer.fields as ImportFields };
    },

    preview(fields: ImportFields, id: string, district?: string, overwrite?: boolean): Promise<ImportState> {
      return one(
        `mutation($id: ID!, $district: String, $overwrite: Boolean) { i: ${fields.preview}(id: $id, district: $district, overwrite: $overwrite) { ${PROGRESS} } }`,
        { id, district, overwrite },
      );
    },

    commit(fields: ImportFields, id: string): Promise<ImportState> {
      return one(`mutation($id: ID!) { i: ${fields.commit}(previewId: $id) { ${PROGRESS} } }`, { id });
    },

    /**
     * Polls an import while `running` says it runs (100 ms at first, backing off to a second, so a
     * long file costs few requests), reporting rows validated; then reads it whole. `answer` is the
     * preview's or commit's own answer: a short file's is final already.
     */
    async settle(
      fields: ImportFields,
      answer: ImportState,
      running: (s: ImportState) => boolean,
      onProgress?: (rows: number) => void,
    ): Promise<ImportState> {
      const id = answer.id;
      let wait = 100;
      for (let state: ImportState | undefined = answer; ; state = undefined) {
        state ??= await one(`query($id: ID!) { i: ${fields.import}(id: $id) { ${PROGRESS} } }`, { id });
        if (!state) throw new Error(`import ${id} is gone`);
        if (!running(state)) return one(`query($id: ID!) { i: ${fields.import}(id: $id) { ${FULL} } }`, { id });
        onProgress?.(state.rowsRead);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 1.5, 1000);
      }
    },
  };
}

export type LedgerClient = ReturnType<typeof ledgerClient>;
