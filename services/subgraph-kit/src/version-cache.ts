import type { DataVersion } from './data-version';

/**
 * Values computed from a subgraph's data, kept while that data stands still. Every import and every
 * mutation bumps the version in its own transaction (data-version.ts), so a value kept under the
 * current version is never stale; while the version cannot be followed (the listener is
 * reconnecting), nothing is kept or served. Values must not depend on the caller.
 */
export class VersionCache<V> {
  private readonly values = new Map<string, V>();
  private cachedVersion: string | undefined;

  constructor(
    private readonly dataVersion: DataVersion,
    private readonly maxEntries = 100_000,
  ) {}

  /** The version to cache under, or undefined when caching is off right now. */
  version(): string | undefined {
    const v = this.dataVersion.current();
    if (v === undefined) return undefined;
    if (v !== this.cachedVersion) {
      this.values.clear();
      this.cachedVersion = v;
    }
    return v;
  }

  get(version: string, key: string): V | undefined {
    return version === this.cachedVersion ? this.values.get(key) : undefined;
  }

  set(version: string, key: string, value: V): void {
    // the data changed while this was computed, or the values held belong to another version
    if (version !== this.dataVersion.current() || version !== this.cachedVersion) return;
    if (this.values.size >= this.maxEntries) this.values.clear();
    this.values.set(key, value);
  }
}
