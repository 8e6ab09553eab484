import {
  and,
  byKey,
  listPrefix,
  listUnder,
  periodOf,
  rateYearOnYear,
  raw,
  recordId,
  rowsBy,
  TRUE,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerStationFilter } from '../../generated/graphql';
import { Activity } from '../activities/activity.entity';
import { Volunteer } from '../volunteers/volunteer.entity';
import { allSixSql, ITEM_COLUMN, ITEM_FLAG, missingItems, STANDARD_ITEMS, Station } from './station.entity';
import { stationsBuilt, stationsStandardized } from './stations.figures';
import { stationMutations } from './stations.mutations';

const STATIONS: ListSpec<Station> = {
  entity: Station,
  table: 'station',
  place: 'community_code',
  sortColumns: { CODE: 't.number', NAME: 't.name', COMMUNITY: 't.community_code', BUILT_ON: 't.built_on' },
  defaultOrder: 't.id',
};

function stationList(ctx: RequestContext, prefix: string, args: ListArgs<VolunteerStationFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    f.standardized === true && raw(allSixSql('t')),
    f.standardized === false && raw(`NOT (${allSixSql('t')})`),
    !!f.missingItem && raw(`NOT t.${ITEM_COLUMN[f.missingItem]}`),
    !!f.missingAnyOf?.length && raw(`NOT (${f.missingAnyOf.map((i) => `t.${ITEM_COLUMN[i]}`).join(' AND ')})`),
  );
  return listUnder(ctx, STATIONS, prefix, filter, args);
}

/** A station by global id, batched with every other lookup of this request. */
export const stationById = (ctx: RequestContext, id: string) => byKey<Station>(ctx, Station, 'id').load(id);
const visibleStation = async (ctx: RequestContext, id: string) => visible(ctx, await stationById(ctx, id), (s) => s.communityCode);

/** Activities held in one year (periodOf checks it), or ever. */
const heldIn = (year: number | null | undefined) => {
  if (year === null || year === undefined) return {};
  const { from, to } = periodOf(year);
  return { heldOn: { $gte: from, $lte: to } };
};

export const stationResolvers: Resolvers = {
  Query: {
    volunteerStation: async (_, { code }, ctx) => visibleStation(ctx, await recordId(ctx, code, 'code')),
    volunteerStations: (_, args, ctx) => stationList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Mutation: stationMutations,
  Region: {
    volunteerStations: (r, args, ctx) => listUnder(ctx, STATIONS, listPrefix(ctx, r.code), TRUE, args),
  },
  VolunteerStation: {
    __resolveReference: (ref, ctx) => visibleStation(ctx, ref.id),
    code: (s) => s.number,
    community: (s) => ({ code: s.communityCode }),
    standardized: (s) => missingItems(s).length === 0,
    standardItems: (s) => STANDARD_ITEMS.filter((i) => s[ITEM_FLAG[i]]),
    missingStandardItems: (s) => missingItems(s),
    // a station's volunteers and activities sit in its community: the caller sees all of them or none
    volunteerCount: async (s, _, ctx) => (await rowsBy<Volunteer>(ctx, Volunteer, 'stationId').load(s.id)).length,
    activityCount: async (s, { year }, ctx) =>
      (await rowsBy<Activity>(ctx, Activity, 'stationId', { where: heldIn(year) }).load(s.id)).length,
  },
  VolunteerFigures: {
    stations: (n, a, ctx) => yearOnYear(ctx, stationsBuilt, a, n.code),
    standardizedStations: (n, a, ctx) => yearOnYear(ctx, stationsStandardized, a, n.code),
    standardizationRate: (n, a, ctx) => rateYearOnYear(ctx, stationsStandardized, stationsBuilt, a, n.code),
  },
};
