import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  raw,
  recordId,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { AutonomyActivityFilter, AutonomyStationFilter, Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { AutonomyActivity, AutonomyStation, AutonomySubsidy } from './autonomy.entity';
import { ACTIVITY_RECORD, STATION_RECORD, SUBSIDY_RECORD } from './autonomy.mutations';
import {
  activitiesHeld,
  activityParticipants,
  issuesResolved,
  needsCollected,
  stationsAccepted,
  stationsInUse,
  stationsOpened,
  stationsStarted,
  stationsSubsidised,
  subsidyAmount,
} from './autonomy.figures';

const STATIONS: ListSpec<AutonomyStation> = {
  entity: AutonomyStation,
  table: 'autonomy_station',
  place: 'community_code',
  sortColumns: { ID: 't.number', OPENED_ON: 't.opened_on', ACCEPTED_ON: 't.accepted_on' },
  defaultOrder: 't.id',
};

const ACTIVITIES: ListSpec<AutonomyActivity> = {
  entity: AutonomyActivity,
  table: 'autonomy_activity',
  place: 'community_code',
  sortColumns: { ID: 't.number', HELD_ON: 't.held_on' },
  defaultOrder: 't.id',
};

/** A window on a date column; either end may be open. */
const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);

/** Stations under a node: in use on a day (what `autonomyStationsInUse(asOf)` counts), opened or accepted in a window. */
function stationList(ctx: RequestContext, prefix: string, args: ListArgs<AutonomyStationFilter>) {
  const f = args.filter ?? {};
  const day = f.inUseOn;
  return listUnder(
    ctx,
    STATIONS,
    prefix,
    and(
      day ? sql`t.opened_on <= ${day}::date AND (t.closed_on IS NULL OR t.closed_on > ${day}::date)` : undefined,
      between('t.opened_on', f.openedFrom, f.openedTo),
      between('t.accepted_on', f.acceptedFrom, f.acceptedTo),
      f.compoundId ? eq('t.compound_id', f.compoundId) : undefined,
    ),
    args,
  );
}

function activityList(ctx: RequestContext, prefix: string, args: ListArgs<AutonomyActivityFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    ACTIVITIES,
    prefix,
    and(eq('t.kind', f.kind), eq('t.station_id', f.stationId), between('t.held_on', f.heldFrom, f.heldTo)),
    args,
  );
}

const stationById = (ctx: RequestContext, id: string) => byKey<AutonomyStation>(ctx, AutonomyStation, 'id').load(id);

export const autonomyResolvers: Resolvers = {
  Query: {
    autonomyStation: async (_, { id }, ctx) => visible(ctx, await stationById(ctx, await recordId(ctx, id)), (s) => s.communityCode),
    autonomyStations: (_, args, ctx) => stationList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    autonomyActivities: (_, args, ctx) => activityList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    autonomyStations: (r, args, ctx) => stationList(ctx, listPrefix(ctx, r.code), args),
    autonomyActivities: (r, args, ctx) => activityList(ctx, listPrefix(ctx, r.code), args),
  },
  AutonomyStation: {
    compound: async (s, _, ctx) => (await byKey<Compound>(ctx, Compound, 'id').load(s.compoundId))!,
    community: async (s, _, ctx) => (await regionByCode(ctx, s.communityCode))!,
    subsidies: (s, _, ctx) =>
      rowsBy<AutonomySubsidy>(ctx, AutonomySubsidy, 'stationId', { orderBy: { grantedOn: 'asc', id: 'asc' } }).load(s.id),
    subsidyTotal: async (s, _, ctx) =>
      (await rowsBy<AutonomySubsidy>(ctx, AutonomySubsidy, 'stationId', { orderBy: { grantedOn: 'asc', id: 'asc' } }).load(s.id)).reduce(
        (sum, b) => sum + Number(b.amount),
        0,
      ),
    history: historyField(STATION_RECORD),
  },
  AutonomySubsidy: {
    station: async (b, _, ctx) => (await stationById(ctx, b.stationId))!,
    amount: (b) => Number(b.amount),
    history: historyField(SUBSIDY_RECORD),
  },
  AutonomyActivity: {
    station: async (a, _, ctx) => (await stationById(ctx, a.stationId))!,
    history: historyField(ACTIVITY_RECORD),
  },
  GovernanceFigures: {
    autonomyStationsInUse: (n, a, ctx) => yearOnYear(ctx, stationsInUse, a, n.code),
    autonomyStationsStarted: (n, a, ctx) => yearOnYear(ctx, stationsStarted, a, n.code),
    autonomyStationsOpened: (n, a, ctx) => yearOnYear(ctx, stationsOpened, a, n.code),
    autonomyStationsAccepted: (n, a, ctx) => yearOnYear(ctx, stationsAccepted, a, n.code),
    autonomySubsidies: (n, a, ctx) => yearOnYear(ctx, subsidyAmount, a, n.code),
    autonomyStationsSubsidised: (n, a, ctx) => yearOnYear(ctx, stationsSubsidised, a, n.code),
    autonomyActivities: (n, a, ctx) => yearOnYear(ctx, activitiesHeld, a, n.code),
    autonomyParticipants: (n, a, ctx) => yearOnYear(ctx, activityParticipants, a, n.code),
    autonomyNeedsCollected: (n, a, ctx) => yearOnYear(ctx, needsCollected, a, n.code),
    autonomyIssuesResolved: (n, a, ctx) => yearOnYear(ctx, issuesResolved, a, n.code),
  },
};
