/** MikroORM where-clause for "under this prefix" on a community column that is never null. */
export function underPrefix(prefix: string, property = 'communityCode'): Record<string, unknown> {
  return prefix ? { [property]: { $like: `${prefix}%` } } : {};
}

/**
 * SQL condition placing a row under the node `r(code, prefix)` of a figure query. District-wide rows
 * (no community: care events, partners, a rider-code compound whose community is unknown) belong to
 * the district node only; a district's prefix is its 6-digit county code.
 */
export function placedUnder(column: string): string {
  return `(${column} LIKE r.prefix || '%' OR (${column} IS NULL AND length(r.prefix) = 6))`;
}
