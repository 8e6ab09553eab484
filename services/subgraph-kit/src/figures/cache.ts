import type { DataVersion } from '../data-version';
import type { MeasureValue } from './engine';

/**
 * Figures computed once per version of the subgraph's data. Every import and every mutation bumps
 * the version in its own transaction (data-version.ts), so a value cached under the current version
 * is never stale; while the version cannot be followed (the listener is reconnecting), nothing is
 * cached or served from the cache. Values do not depend on the caller: the node was checked against
 * the caller's scope before it was asked for.
 */
export class FigureCache {
  private readonly values = new Map<string, MeasureValue>();
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

  get(version: string, key: string, code: string): MeasureValue | undefined {
    return version === this.cachedVersion ? this.values.get(`${key}@${code}`) : undefined;
  }

  set(version: string, key: string, code: string, value: MeasureValue): void {
    // the data changed while this was computed, or the values held belong to another version
    if (version !== this.dataVersion.current() || version !== this.cachedVersion) return;
    if (this.values.size >= this.maxEntries) this.values.clear();
    this.values.set(`${key}@${code}`, value);
  }
}
