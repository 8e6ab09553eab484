import {
  and,
  byKey,
  eq,
  listPrefix,
  listUnder,
  periodOf,
  recordId,
  rowsBy,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerFilter } from '../../generated/graphql';
import { ServiceRecord } from '../activities/activity.entity';
import { activityById, totalHours } from '../activities/activities.resolvers';
import { stationById } from '../stations/stations.resolvers';
import { Volunteer } from './volunteer.entity';
import { volunteersRegistered } from './volunteers.figures';
import { volunteerMutations } from './volunteers.mutations';

const VOLUNTEERS: ListSpec<Volunteer> = {
  entity: Volunteer,
  table: 'volunteer',
  place: 'community_code',
  sortColumns: { NUMBER: 't.number', REGISTERED_ON: 't.registered_on', STATION: 't.station_id' },
  defaultOrder: 't.id',
};

async function volunteerList(ctx: RequestContext, args: ListArgs<VolunteerFilter>) {
  const f = args.filter ?? {};
  const filter = and(
    f.stationCode ? eq('t.station_id', await recordId(ctx, f.stationCode, 'stationCode')) : undefined,
    f.registeredFrom ? sql`t.registered_on >= ${f.registeredFrom}::date` : undefined,
    f.registeredTo ? sql`t.registered_on <= ${f.registeredTo}::date` : undefined,
  );
  return listUnder(ctx, VOLUNTEERS, listPrefix(ctx, f.regionCode), filter, args);
}

/** A volunteer the caller may see, by global id, batched with every other lookup of this request. */
const visibleVolunteer = async (ctx: RequestContext, id: string) =>
  visible(ctx, await byKey<Volunteer>(ctx, Volunteer, 'id').load(id), (v) => v.communityCode);

/** A volunteer's service records, at activities of one year (periodOf checks it) or of every year. */
async function serviceOf(ctx: RequestContext, v: Volunteer, year: number | null | undefined): Promise<ServiceRecord[]> {
  const records = await rowsBy<ServiceRecord>(ctx, ServiceRecord, 'volunteerId').load(v.id);
  if (year === null || year === undefined) return records;
  const { from, to } = periodOf(year);
  const activities = await Promise.all(records.map((r) => activityById(ctx, r.activityId)));
  return records.filter((_, i) => {
    const day = activities[i]?.heldOn;
    return day !== undefined && day >= from && day <= to;
  });
}

export const volunteerResolvers: Resolvers = {
  Query: {
    volunteer: async (_, { number }, ctx) => visibleVolunteer(ctx, await recordId(ctx, number, 'number')),
    volunteers: (_, args, ctx) => volunteerList(ctx, args),
  },
  Mutation: volunteerMutations,
  Volunteer: {
    __resolveReference: (ref, ctx) => visibleVolunteer(ctx, ref.id),
    // a volunteer sits in the station's community: the station is visible wherever the volunteer is
    station: async (v, _, ctx) => (await stationById(ctx, v.stationId))!,
    serviceHours: async (v, { year }, ctx) => totalHours(await serviceOf(ctx, v, year)),
    activityCount: async (v, { year }, ctx) => (await serviceOf(ctx, v, year)).length,
  },
  VolunteerFigures: {
    registeredVolunteers: (n, a, ctx) => yearOnYear(ctx, volunteersRegistered, a, n.code),
  },
};
