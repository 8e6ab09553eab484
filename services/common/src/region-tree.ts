import { CALLER_HEADER, signCaller, type Caller } from './caller';

/**
 * The region tree as other code sees it: which codes exist, asked of the subgraph that owns the
 * tree (through its API, never its tables), or answered from its own tables inside that subgraph.
 * Compounds are named by their global id (e.g. 410106:XQ0001): their numbers are a district's own.
 */
export interface RegionTree {
  regions(codes: string[]): Promise<Set<string>>;
  grids(codes: string[]): Promise<Set<string>>;
  compounds(ids: string[]): Promise<Set<string>>;
  /** the community each existing compound lies in */
  compoundCommunities(ids: string[]): Promise<Map<string, string>>;
  /** the 6-digit codes of the districts the tree holds */
  districts(): Promise<string[]>;
  /**
   * The nodes a ranking compares, in code order: the node's children, or every street (town) or
   * community below it; only those existing on `on` when given.
   */
  nodesUnder(code: string, level: RankingLevel, on?: string | null): Promise<string[]>;
  /** compounds existing today under each node (the owner's `Region.compoundCount`) */
  compoundCounts(codes: string[]): Promise<Map<string, number>>;
  /** every compound below a node (existing on `on` when given), with its community, in id order */
  compoundsUnder(code: string, on?: string | null): Promise<{ id: string; communityCode: string }[]>;
}

/** Which nodes a ranking compares: the children of a node, or every street (town) or community below it. */
export type RankingLevel = 'CHILDREN' | 'STREET' | 'COMMUNITY';

/** Posts one GraphQL operation and returns its data (errors become exceptions). */
export type GraphRequest = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

const LOOKUPS = {
  regions: 'query($codes: [ID!]!) { found: lookupRegions(codes: $codes) { code } }',
  grids: 'query($codes: [ID!]!) { found: lookupGrids(codes: $codes) { code } }',
  compounds: 'query($codes: [ID!]!) { found: lookupCompounds(ids: $codes) { code: id community { code } } }',
} as const;
const DISTRICTS = '{ found: regions(level: DISTRICT, first: 200) { nodes { code } } }';
const NODES_UNDER =
  'query($code: ID!, $level: RankingLevel, $on: Date) { found: lookupNodesUnder(code: $code, level: $level, on: $on) { code } }';
const COMPOUND_COUNTS = 'query($codes: [ID!]!) { found: lookupRegions(codes: $codes) { code compoundCount } }';
const COMPOUNDS_UNDER = 'query($code: ID!, $on: Date) { found: lookupCompoundsUnder(code: $code, on: $on) { id community { code } } }';

const CHUNK = 5000;

/**
 * The region tree through the owner's API. Answers are cached for the lookup's life (one import, one
 * request), so a ledger of 10 000 rows naming 40 communities asks about each community once.
 */
export function graphRegionTree(request: GraphRequest): RegionTree {
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
    return new Set(codes.filter((c) => known.has(c) && known.get(c) !== null));
  };
  const compounds = make('compounds');
  let districts: Promise<string[]> | undefined;
  const once = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!once.has(key)) once.set(key, load());
    return once.get(key) as Promise<T>;
  };
  return {
    regions: exists(make('regions')),
    grids: exists(make('grids')),
    compounds: exists(compounds),
    async compoundCommunities(ids) {
      const known = await compounds(ids);
      return new Map(ids.filter((c) => known.get(c)).map((c) => [c, known.get(c)!]));
    },
    districts() {
      districts ??= request(DISTRICTS, {}).then((d) => (d.found as { nodes: { code: string }[] }).nodes.map((n) => n.code.slice(0, 6)));
      return districts;
    },
    nodesUnder(code, level, on) {
      return memo(`nodes|${code}|${level}|${on ?? ''}`, async () =>
        ((await request(NODES_UNDER, { code, level, on: on ?? null })).found as { code: string }[]).map((n) => n.code),
      );
    },
    async compoundCounts(codes) {
      const out = new Map<string, number>();
      for (let i = 0; i < codes.length; i += CHUNK) {
        const data = await request(COMPOUND_COUNTS, { codes: codes.slice(i, i + CHUNK) });
        for (const n of data.found as { code: string; compoundCount: number }[]) out.set(n.code, n.compoundCount);
      }
      return out;
    },
    compoundsUnder(code, on) {
      return memo(`compounds|${code}|${on ?? ''}`, async () =>
        ((await request(COMPOUNDS_UNDER, { code, on: on ?? null })).found as { id: string; community: { code: string } }[]).map((c) => ({
          id: c.id,
          communityCode: c.community.code,
        })),
      );
    },
  };
}

const REGION_TREE_CALLER: Caller = { subject: 'service:region-check', roles: ['SERVICE'] };

/**
 * Asks the region tree's owner directly, as the internal service, with the deployment's internal
 * credential: its lookups, and what other subgraphs' figures need of it (who is in post on a day).
 */
export function ownerRequest(url: string, internalSecret: string, timeoutMs = 10_000): GraphRequest {
  return async (query, variables) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCaller(REGION_TREE_CALLER, internalSecret) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length) throw new Error(`region tree unavailable: ${body.errors?.[0]?.message ?? res.status}`);
    return body.data ?? {};
  };
}

/** The region tree through its owner's API. */
export const remoteRegionTree = (url: string, internalSecret: string, timeoutMs = 10_000): RegionTree =>
  graphRegionTree(ownerRequest(url, internalSecret, timeoutMs));
