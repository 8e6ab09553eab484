import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  type ListSpec,
  listUnder,
  recordId,
  type RequestContext,
  type Sql,
  sql,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { GigStationFilter, Resolvers } from '../../generated/graphql';
import { GigStation } from './station.entity';
import { stationsBuilt, stationsExisting } from './stations.figures';
import { GIG_STATION_RECORD } from './stations.mutations';

const STATIONS: ListSpec<GigStation> = {
  entity: GigStation,
  table: 'gig_station',
  place: 'community_code',
  sortColumns: { CODE: 't.number', BUILT_ON: 't.built_on', COMMUNITY_CODE: 't.community_code' },
  defaultOrder: 't.id',
};

function stationFilter(f: GigStationFilter | null | undefined): Sql {
  return and(
    eq('t.kind', f?.kind),
    f?.builtFrom ? sql`t.built_on >= ${f.builtFrom}::date` : undefined,
    f?.builtTo ? sql`t.built_on <= ${f.builtTo}::date` : undefined,
  );
}

/** A station by global id, batched per request; null when outside the caller's region. */
export async function visibleStation(ctx: RequestContext, id: string): Promise<GigStation | null> {
  return visible(ctx, await byKey<GigStation>(ctx, GigStation, 'id').load(id), (s) => s.communityCode);
}

export const stationResolvers: Resolvers = {
  Query: {
    gigStation: async (_, { code }, ctx) => visibleStation(ctx, await recordId(ctx, code, 'code')),
    gigStations: (_, args, ctx) => listUnder(ctx, STATIONS, listPrefix(ctx, args.filter?.regionCode), stationFilter(args.filter), args),
  },
  Region: {
    // the node itself replaces the filter's regionCode
    gigStations: (r, args, ctx) => listUnder(ctx, STATIONS, listPrefix(ctx, r.code), stationFilter(args.filter), args),
  },
  GigStation: {
    history: historyField(GIG_STATION_RECORD),
    __resolveReference: (ref, ctx) => visibleStation(ctx, ref.id),
    code: (s) => s.number,
    community: (s) => ({ code: s.communityCode }),
  },
  GigCareFigures: {
    stations: (n, a, ctx) => yearOnYear(ctx, stationsExisting, a, n.code),
    stationsBuilt: (n, a, ctx) => yearOnYear(ctx, stationsBuilt, a, n.code),
  },
};
