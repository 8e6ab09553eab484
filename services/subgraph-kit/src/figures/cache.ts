import type { DataVersion } from '../data-version';
import { VersionCache } from '../version-cache';
import type { MeasureValue } from './engine';

/**
 * Figures computed once per version of the subgraph's data (version-cache.ts): never stale, never
 * recomputed while nothing changed. Values do not depend on the caller: the node was checked
 * against the caller's scope before it was asked for.
 */
export class FigureCache {
  private readonly values: VersionCache<MeasureValue>;

  constructor(dataVersion: DataVersion, maxEntries = 100_000) {
    this.values = new VersionCache(dataVersion, maxEntries);
  }

  /** The version to cache under, or undefined when caching is off right now. */
  version(): string | undefined {
    return this.values.version();
  }

  get(version: string, key: string, code: string): MeasureValue | undefined {
    return this.values.get(version, `${key}@${code}`);
  }

  set(version: string, key: string, code: string, value: MeasureValue): void {
    this.values.set(version, `${key}@${code}`, value);
  }
}
