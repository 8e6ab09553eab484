import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import express from 'express';
import { GraphQLError } from 'graphql';
import {
  assertCanImport,
  CALLER_HEADER,
  importRegion,
  saveUpload,
  signCaller,
  SUBGRAPHS,
  UploadTooLargeError,
  uploadDirectory,
  type Caller,
  type Department,
} from '@district/common';
import type { GatewayConfig } from './config';
import type { AccessRecord } from './access-log';
import { httpError } from './http-errors';
import type { CallerRateLimit } from './rate-limit';

/** A ledger as one subgraph lists it (GET <subgraph>/ledgers), with where it is taken in. */
export interface LedgerEntry {
  ledger: string;
  subgraph: Department;
  /** position in the whole graph's import order: the region tree's owner first, then each subgraph in its declared order */
  order: number;
  sheet: string | null;
  key: string[];
  regionScoped: boolean;
  columns: { header: string; type: string; required: boolean; values: string[] | null }[];
  /** GET this (under the gateway) for the XLSX template */
  template: string;
  /** the subgraph's GraphQL fields that preview, commit and read an import of it */
  fields: { preview: string; commit: string; import: string };
}

interface SubgraphCatalog {
  subgraph: string;
  fields: LedgerEntry['fields'];
  ledgers: Omit<LedgerEntry, 'subgraph' | 'template' | 'fields' | 'order'>[];
}

export interface LedgerRoutesOptions {
  config: GatewayConfig;
  authenticate: (authorization: string | undefined) => Promise<Caller>;
  /** the per-caller limit /graphql counts against (shared by a fleet's gateways) */
  limiter: CallerRateLimit;
  /** each subgraph's /graphql, as the gateway forwards to it */
  subgraphUrls: ReadonlyMap<string, string>;
}

const CATALOG_TTL_MS = 60_000;
const templatePath = (ledger: string) => `/ledgers/templates/${ledger.replace(/\.[^./]+$/, '')}.xlsx`;

/** A subgraph's ledger endpoint beside its /graphql. */
const ledgerUrl = (graphqlUrl: string, path: string) => `${graphqlUrl.replace(/\/graphql\/?$/, '')}/ledgers${path}`;

function refuse(res: express.Response, e: unknown): void {
  if (e instanceof UploadTooLargeError) {
    res.setHeader('connection', 'close');
    return httpError(res, 413, e.message, 'PAYLOAD_TOO_LARGE');
  }
  if (e instanceof GraphQLError) {
    const code = String(e.extensions.code);
    return httpError(res, code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : 400, e.message, code);
  }
  console.error(`[gateway] ledger request failed: ${(e as Error)?.name ?? 'Error'}`);
  return httpError(
    res,
    502,
    '台账服务暂不可用，请稍后重试 / the ledger service is unavailable, please retry later',
    'SUBGRAPH_UNAVAILABLE',
  );
}

/** Sends one request to a subgraph's ledger endpoint as the verified caller; streams `body` when given. */
function toSubgraph(
  url: string,
  caller: string,
  opts: { method: 'GET' | 'POST'; body?: { path: string; bytes: number } },
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { [CALLER_HEADER]: caller };
    if (opts.body) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': opts.body.bytes });
    const req = http.request(url, { method: opts.method, headers }, resolve);
    req.on('error', reject);
    if (!opts.body) return req.end();
    const file = createReadStream(opts.body.path);
    file.on('error', (e) => req.destroy(e));
    file.pipe(req);
  });
}

async function json(res: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Ledgers in through the gateway: the catalog of every subgraph's ledgers (GET /ledgers), uploads
 * (POST /ledgers/uploads?ledger=<ledger>&name=<file name>, the file as the body), and templates
 * (GET /ledgers/templates/<ledger>.xlsx). Callers authenticate as for /graphql and count against
 * the same rate limit. An upload is refused before its body is read when the caller may not import
 * that ledger; otherwise it is streamed to a temporary file (size-limited, hashed) and forwarded to
 * the subgraph that owns the ledger with the signed caller, which keeps it for its preview and
 * commit (GraphQL mutations of that subgraph, named in the catalog and the upload's answer).
 */
export function ledgerRoutes(opts: LedgerRoutesOptions): express.Router {
  const { config } = opts;
  uploadDirectory(config.UPLOAD_DIR);
  let cached: { at: number; entries: LedgerEntry[]; unavailable: string[] } | undefined;

  async function catalog(caller: Caller, fresh = false) {
    if (cached && !fresh && Date.now() - cached.at < CATALOG_TTL_MS) return cached;
    const signed = await signCaller(caller, config.INTERNAL_SECRET);
    const answers = await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const url = opts.subgraphUrls.get(name);
        try {
          const res = await toSubgraph(ledgerUrl(url ?? '', ''), signed, { method: 'GET' });
          if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
          return { name, catalog: (await json(res)) as SubgraphCatalog };
        } catch {
          return { name, catalog: null };
        }
      }),
    );
    const entries = answers.flatMap(({ name, catalog: c }, s) =>
      (c?.ledgers ?? []).map((l, i) => ({
        ...l,
        subgraph: name,
        order: s * 1000 + i,
        template: templatePath(l.ledger),
        fields: c!.fields,
      })),
    );
    const unavailable = answers.filter((a) => !a.catalog).map((a) => a.name);
    cached = { at: Date.now(), entries, unavailable };
    if (unavailable.length) cached.at = 0; // ask again next time rather than hide a subgraph for a minute
    return cached;
  }

  async function entryOf(caller: Caller, find: (e: LedgerEntry) => boolean): Promise<LedgerEntry> {
    const found = (await catalog(caller)).entries.find(find) ?? (await catalog(caller, true)).entries.find(find);
    if (!found) throw new GraphQLError('没有这种台账 / no such ledger: see GET /ledgers', { extensions: { code: 'NOT_FOUND' } });
    return found;
  }

  const router = express.Router();
  router.use(async (req, res, next) => {
    let caller: Caller;
    try {
      caller = await opts.authenticate(req.header('authorization'));
    } catch (e) {
      return httpError(res, 401, (e as Error).message, 'UNAUTHENTICATED');
    }
    // the access line names who uploaded, as /graphql's does (accessLog runs before this router)
    const access = res.locals.access as AccessRecord | undefined;
    if (access) access.caller = { subject: caller.subject, roles: caller.roles };
    if (!(await opts.limiter.allow(caller.subject))) {
      res.setHeader('retry-after', '60');
      return httpError(res, 429, '请求过于频繁，请一分钟后再试 / too many requests, retry in a minute', 'RATE_LIMITED');
    }
    res.locals.caller = caller;
    next();
  });

  router.get('/', async (_req, res) => {
    try {
      const { entries, unavailable } = await catalog(res.locals.caller as Caller);
      res.json({ ledgers: entries, unavailable, upload: '/ledgers/uploads?ledger=<ledger>&name=<file name>' });
    } catch (e) {
      refuse(res, e);
    }
  });

  router.post('/uploads', async (req, res) => {
    const caller = res.locals.caller as Caller;
    const ledger = String(req.query.ledger ?? '').trim();
    const name = String(req.query.name ?? ledger).trim();
    let tmp: string | undefined;
    try {
      if (!ledger)
        throw new GraphQLError('请指明台账：?ledger=… / name the ledger: ?ledger=…', {
          extensions: { code: 'BAD_USER_INPUT', field: 'ledger' },
        });
      const entry = await entryOf(caller, (e) => e.ledger === ledger);
      // refused before a byte is read: the owner checks again, authoritatively
      assertCanImport(caller, entry.subgraph);
      if (importRegion(caller) && !entry.regionScoped) {
        throw new GraphQLError(
          `${ledger} 是全区性台账，街道或社区不能导入 / ${ledger} holds district-wide records: only the district or its department imports it`,
          {
            extensions: { code: 'FORBIDDEN', field: 'ledger' },
          },
        );
      }
      if (Number(req.header('content-length') ?? 0) > config.MAX_UPLOAD_BYTES) throw new UploadTooLargeError(config.MAX_UPLOAD_BYTES);
      tmp = join(config.UPLOAD_DIR, randomUUID());
      const saved = await saveUpload(req, tmp, config.MAX_UPLOAD_BYTES);
      const query = new URLSearchParams({ ledger, name });
      const answer = await toSubgraph(
        ledgerUrl(opts.subgraphUrls.get(entry.subgraph) ?? '', `/uploads?${query}`),
        await signCaller(caller, config.INTERNAL_SECRET),
        {
          method: 'POST',
          body: { path: tmp, bytes: saved.bytes },
        },
      );
      res.status(answer.statusCode ?? 502).json(await json(answer));
    } catch (e) {
      refuse(res, e);
    } finally {
      if (tmp) await rm(tmp, { force: true });
    }
  });

  router.get('/templates/*path', async (req, res) => {
    const caller = res.locals.caller as Caller;
    const path = `/ledgers/templates/${(req.params as { path: string[] }).path.join('/')}`;
    try {
      const entry = await entryOf(caller, (e) => e.template === path);
      const answer = await toSubgraph(
        ledgerUrl(opts.subgraphUrls.get(entry.subgraph) ?? '', path.slice('/ledgers'.length)),
        await signCaller(caller, config.INTERNAL_SECRET),
        {
          method: 'GET',
        },
      );
      res.status(answer.statusCode ?? 502);
      for (const h of ['content-type', 'content-disposition']) if (answer.headers[h]) res.setHeader(h, answer.headers[h]!);
      answer.pipe(res);
    } catch (e) {
      refuse(res, e);
    }
  });
  return router;
}
