/** Which of the given codes exist in the region tree, asked of the subgraph that owns it, through the graph. */
export interface ReferenceLookup {
  regions(codes: string[]): Promise<Set<string>>;
  grids(codes: string[]): Promise<Set<string>>;
  compounds(codes: string[]): Promise<Set<string>>;
}

/** Posts one GraphQL operation (to the gateway, as the importing service) and returns its data. */
export type GraphRequest = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

const LOOKUPS = {
  regions: 'query($codes: [ID!]!) { found: lookupRegions(codes: $codes) { code } }',
  grids: 'query($codes: [ID!]!) { found: lookupGrids(codes: $codes) { code } }',
  compounds: 'query($codes: [ID!]!) { found: lookupCompounds(codes: $codes) { code } }',
} as const;

const CHUNK = 5000;

/**
 * Reference checks through the workforce subgraph's API. Answers are cached for the run, so a ledger
 * of 10 000 rows naming 40 communities asks about each community once.
 */
export function graphReferences(request: GraphRequest): ReferenceLookup {
  const make = (kind: keyof typeof LOOKUPS) => {
    const known = new Map<string, boolean>();
    return async (codes: string[]) => {
      const missing = [...new Set(codes)].filter((c) => !known.has(c));
      for (let i = 0; i < missing.length; i += CHUNK) {
        const chunk = missing.slice(i, i + CHUNK);
        const data = await request(LOOKUPS[kind], { codes: chunk });
        const found = new Set((data.found as { code: string }[]).map((n) => n.code));
        for (const c of chunk) known.set(c, found.has(c));
      }
      return new Set(codes.filter((c) => known.get(c)));
    };
  };
  return { regions: make('regions'), grids: make('grids'), compounds: make('compounds') };
}
