/** Which of the given codes exist in the region tree, asked of the subgraph that owns it, through the graph. */
export interface ReferenceLookup {
  regions(codes: string[]): Promise<Set<string>>;
  grids(codes: string[]): Promise<Set<string>>;
  compounds(codes: string[]): Promise<Set<string>>;
  /** the community each existing compound belongs to (rider-code coverage below the district needs it) */
  compoundCommunities(codes: string[]): Promise<Map<string, string>>;
}

/** Posts one GraphQL operation (to the gateway, as the importing service) and returns its data. */
export type GraphRequest = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

const LOOKUPS = {
  regions: 'query($codes: [ID!]!) { found: lookupRegions(codes: $codes) { code } }',
  grids: 'query($codes: [ID!]!) { found: lookupGrids(codes: $codes) { code } }',
  compounds: 'query($codes: [ID!]!) { found: lookupCompounds(codes: $codes) { code community { code } } }',
} as const;

const CHUNK = 5000;

/**
 * Reference checks through the workforce subgraph's API. Answers are cached for the run, so a ledger
 * of 10 000 rows naming 40 communities asks about each community once.
 */
export function graphReferences(request: GraphRequest): ReferenceLookup {
  /** code → its community's code ('' when the node has none), null when it does not exist */
  const make = (kind: keyof typeof LOOKUPS) => {
    const known = new Map<string, string | null>();
    return async (codes: string[]) => {
      const missing = [...new Set(codes)].filter((c) => !known.has(c));
      for (let i = 0; i < missing.length; i += CHUNK) {
        const chunk = missing.slice(i, i + CHUNK);
        const data = await request(LOOKUPS[kind], { codes: chunk });
        const found = new Map(
          (data.found as { code: string; community?: { code: string } | null }[]).map((n) => [n.code, n.community?.code ?? '']),
        );
        for (const c of chunk) known.set(c, found.get(c) ?? null);
      }
      return known;
    };
  };
  const exists = (lookup: ReturnType<typeof make>) => async (codes: string[]) => {
    const known = await lookup(codes);
    return new Set(codes.filter((c) => known.get(c) !== null && known.has(c)));
  };
  const compounds = make('compounds');
  return {
    regions: exists(make('regions')),
    grids: exists(make('grids')),
    compounds: exists(compounds),
    async compoundCommunities(codes) {
      const known = await compounds(codes);
      return new Map(codes.filter((c) => known.get(c)).map((c) => [c, known.get(c)!]));
    },
  };
}
