import DataLoader from 'dataloader';
import { GraphQLScalarType } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller, Department, GraphRequest, PersonKey, RegionTree } from '@district/common';
import type { FigureBatch } from './figures/engine';
import type { DataVersion } from './data-version';
import type { VersionCache } from './version-cache';
import type { LedgerImports } from './ledger-imports/service';
import type { Period } from './figures/period';
import type { RequestBudget } from './guards';

/** A personal field shown unmasked during this request, recorded once the response is sent. */
export interface PersonalRead {
  field: string;
  record: string;
}

/** What every resolver gets: the caller, a forked entity manager and this request's loaders. */
export interface RequestContext {
  service: Department;
  caller: Caller;
  em: EntityManager;
  loaders: LoaderCache;
  personalReads: PersonalRead[];
  /** every figure this request asks for, computed together (see figures/engine) */
  figures: FigureBatch;
  /** the region tree: through its owner's API, or its own tables in the subgraph that owns it */
  regionTree: RegionTree;
  /** the region tree owner's API, asked as the internal service (absent in the owner itself) */
  treeOwner?: GraphRequest;
  /** the version of this subgraph's data, followed from the database (absent in plain scripts) */
  dataVersion?: DataVersion;
  /** the deployment's key for person ids (a keyed hash of an ID number: @district/common persons.ts) */
  personKey: PersonKey;
  /** rows kept while the data stands still (loaders.ts, byKeyPerVersion), shallow-copied into each request; absent: always read */
  rowsPerVersion?: VersionCache<unknown>;
  /** the subgraph's ledger imports (absent when it was started without its ledgers) */
  ledgerImports?: LedgerImports;
  /**
   * Where lists and figures read: 'read' (a replica, when one is configured) for queries, 'write'
   * (the primary) for mutations, so a mutation's answer always shows its own change.
   */
  readFrom: 'read' | 'write';
  /** the request's id (the gateway's x-request-id), for log lines */
  requestId?: string;
  /**
   * The window a figure field counts over when a series asks it for a month (or a whole year)
   * instead of its `year`/`asOf` arguments: see figures/over-nodes.ts and `periodFor`.
   */
  figurePeriod?: Period;
  /** set when the gateway runs this request as the first page of an export: audited once answered */
  export?: { format: string; type: string; field: string };
  /** this request's deadline and field budget (absent in plain scripts) */
  budget?: RequestBudget;
  /** mutation arguments as the audit trail may keep them: personal values masked as the schema's @personal says */
  auditArgs?: (operation: string, args: unknown) => unknown;
}

/**
 * Waits for every resolver of the current step of execution, not just the current microtask, before
 * a batch runs: fields at several depths of one response (a figure beside a nested figure) then
 * share one statement.
 */
export const afterResolvers = (run: () => void) => setImmediate(run);

/**
 * DataLoaders are created lazily, once per request and name, so a resolver asks for the loader it
 * needs and batching happens across all parents of the same field.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>, cacheKey?: (k: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, {
        batchScheduleFn: afterResolvers,
        ...(cacheKey ? { cacheKeyFn: cacheKey } : {}),
      }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Groups rows by a key, for loaders that fetch "rows whose key is in […]" in one query. */
export function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * Resolver maps of a subgraph's modules, merged per type: each module contributes fields to shared
 * types (Query, Mutation, Region, its figures type …).
 */
export function mergeResolvers<R extends object>(...maps: R[]): R {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map as Record<string, unknown>)) {
      out[type] = fields instanceof GraphQLScalarType ? (fields as never) : { ...out[type], ...(fields as Record<string, unknown>) };
    }
  }
  return out as R;
}
