import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller, Department } from './caller';
import type { ReferenceLookup } from './import/references';

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
  /** the region tree's owner, asked through its API (absent in the workforce subgraph, which owns it) */
  regionTree?: ReferenceLookup;
}

/**
 * DataLoaders are created lazily, once per request and name, so a resolver asks for the loader it
 * needs and batching happens across all parents of the same field.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>, cacheKey?: (k: K) => unknown): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, cacheKey ? { cacheKeyFn: cacheKey } : undefined) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Batches "rows whose key is in [...]" into one query and hands each key its rows. */
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
