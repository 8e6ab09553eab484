import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type express from 'express';
import { Kind, parse, print } from 'graphql';
import { hasRole, type Caller } from '@district/common';
import { registerOperationNames } from '@district/telemetry';
import type { GatewayConfig } from './config';

/**
 * Persisted operations. A front-end registers the operations it sends as a manifest in the format
 * Apollo's generator writes (`npx generate-persisted-query-manifest`: `{ format:
 * "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`), one
 * JSON file per front-end in PERSISTED_OPERATIONS_DIR; the reviewed operations of
 * schema/operations/ are registered too. A client then sends only the operation's hash
 * (`extensions.persistedQuery.sha256Hash`, GET or POST) or its full text. With OPERATIONS=registered,
 * callers other than analysts and administrators (who write ad-hoc queries by design) may run only
 * registered operations: a stolen app token cannot be used to ask the graph anything else.
 */
export interface RegisteredOperations {
  /** sha256 of an operation's text → the text */
  byHash: Map<string, string>;
  /** registered documents in printed form, so whitespace and comments do not matter */
  printed: Set<string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Manifest {
  format?: string;
  version?: number;
  operations?: { id?: string; name?: string; body?: string }[];
}

const graphqlFiles = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
};

/** Reads the manifests and the reviewed operations; a malformed manifest stops the gateway, naming the file. */
export function loadRegisteredOperations(
  config: Pick<GatewayConfig, 'PERSISTED_OPERATIONS_DIR' | 'TRUSTED_OPERATIONS_DIR'>,
): RegisteredOperations {
  const ops = { byHash: new Map<string, string>(), printed: new Set<string>() };
  const add = (body: string, id?: string) => {
    ops.byHash.set(sha256(body), body);
    if (id) ops.byHash.set(id, body);
    const doc = parse(body);
    ops.printed.add(print(doc));
    // their names label metrics as themselves, outside the cap on other names (telemetry operationLabel)
    registerOperationNames(doc.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])));
  };
  for (const f of graphqlFiles(config.TRUSTED_OPERATIONS_DIR)) add(readFileSync(join(config.TRUSTED_OPERATIONS_DIR, f), 'utf8'));
  const dir = config.PERSISTED_OPERATIONS_DIR;
  if (!dir) return ops;
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const manifest = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Manifest;
    if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`${f}: not an apollo-persisted-query-manifest version 1`);
    }
    for (const op of manifest.operations) {
      if (typeof op.body !== 'string') throw new Error(`${f}: operation ${op.name ?? op.id ?? '?'} has no body`);
      try {
        add(op.body, op.id);
      } catch (e) {
        throw new Error(`${f}: operation ${op.name ?? op.id ?? '?'} does not parse: ${(e as Error).message}`);
      }
    }
  }
  return ops;
}

/**
 * Apollo's cache of operations sent by hash (APQ): the registered ones always answer, whatever
 * else clients register (bounded, oldest dropped first).
 */
export class OperationCache {
  private readonly recent = new Map<string, string>();
  /**
   * `shared`: where operations registered through automatic persisted queries live when several
   * gateways serve one deployment (the gateway database); this process's memory otherwise.
   */
  constructor(
    private readonly registered: RegisteredOperations,
    private readonly shared?: KeyValueCache<string>,
    private readonly max = 2000,
  ) {}

  private static hash = (key: string) => key.replace(/^apq:/, '');

  async get(key: string): Promise<string | undefined> {
    const hash = OperationCache.hash(key);
    return this.registered.byHash.get(hash) ?? (this.shared ? await this.shared.get(key) : this.recent.get(hash));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const hash = OperationCache.hash(key);
    if (this.registered.byHash.has(hash)) return;
    if (this.shared) return this.shared.set(key, value, options);
    this.recent.delete(hash);
    this.recent.set(hash, value);
    if (this.recent.size > this.max) this.recent.delete(this.recent.keys().next().value!);
  }

  async delete(key: string): Promise<boolean | void> {
    if (this.shared) return this.shared.delete(key);
    return this.recent.delete(OperationCache.hash(key));
  }

  /** the text of an operation sent by hash, registered or registered earlier through APQ */
  textOf(hash: string): Promise<string | undefined> {
    return this.get(`apq:${hash}`);
  }
}

/** The operation of an HTTP request (POST body or GET query string): its text and the hash it was sent by. */
export function operationOf(req: express.Request): { query?: string; hash?: string } {
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
  const query = typeof source?.query === 'string' ? source.query : undefined;
  let extensions = source?.extensions as { persistedQuery?: { sha256Hash?: unknown } } | string | undefined;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } };
    } catch {
      extensions = undefined;
    }
  }
  const hash = extensions?.persistedQuery?.sha256Hash;
  return { query, hash: typeof hash === 'string' ? hash : undefined };
}

/** Analysts and administrators write their own queries; every other role runs what its front-end registered. */
export const mayRunAdHoc = (caller: Caller) => hasRole(caller, 'ANALYST') || hasRole(caller, 'DISTRICT_ADMIN');

/** Whether a deployment that runs registered operations only lets this caller run this operation. */
export function isRegistered(registered: RegisteredOperations, op: { query?: string; hash?: string }, req?: express.Request): boolean {
  // the work report's workbook runs the reviewed annual-report operation, whoever asks
  if (req?.baseUrl === '/export' && req.path === '/annual-report') return true;
  if (op.query !== undefined) {
    try {
      return registered.printed.has(print(parse(op.query)));
    } catch {
      return false;
    }
  }
  return op.hash !== undefined && registered.byHash.has(op.hash);
}
