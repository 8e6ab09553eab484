import { inScope } from '@district/common';
import {
  and,
  byKey,
  countFigure,
  historyField,
  previousPeriod,
  eq,
  listPrefix,
  listUnder,
  periodFor,
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
import { Volunteer, VolunteerStint } from './volunteer.entity';
import { volunteersAmong, volunteersRegistered } from './volunteers.figures';
import { VOLUNTEER_RECORD, volunteerMutations } from './volunteers.mutations';
import { workersInPost } from './persons';

const VOLUNTEERS: ListSpec<Volunteer> = {
  entity: Volunteer,
  table: 'volunteer',
  place: 'community_code',
  sortColumns: { NUMBER: 't.number', REGISTERED_ON: 't.registered_on', STATION: 't.station_id' },
  defaultOrder: 't.id',
};

/**
 * Volunteers under a node. Filtered "on a day" (`activeOn`), each is placed, and filtered by station,
 * by the stint of that day, so the list under a node on a day holds exactly the volunteers the
 * figure `registeredVolunteers(asOf)` of that node counts.
 */
async function volunteerList(ctx: RequestContext, args: ListArgs<VolunteerFilter>) {
  const f = args.filter ?? {};
  const station = f.stationCode ? await recordId(ctx, f.stationCode, 'stationCode') : undefined;
  const filter = and(
    !f.activeOn && eq('t.station_id', station),
    f.registeredFrom ? sql`t.registered_on >= ${f.registeredFrom}::date` : undefined,
    f.registeredTo ? sql`t.registered_on <= ${f.registeredTo}::date` : undefined,
  );
  if (!f.activeOn) return listUnder(ctx, VOLUNTEERS, listPrefix(ctx, f.regionCode), filter, args);
  const onDay = sql`(SELECT v.*, st.community_code AS stint_community FROM volunteer v
    JOIN volunteer_stint st ON st.volunteer_id = v.id AND st.withdrawn_on IS NULL AND st.from_on <= ${f.activeOn}::date
      AND (st.to_on IS NULL OR st.to_on > ${f.activeOn}::date)
    WHERE ${and(eq('st.station_id', station))})`;
  return listUnder(ctx, { ...VOLUNTEERS, from: onDay, place: 'stint_community' }, listPrefix(ctx, f.regionCode), filter, args);
}

/** A volunteer the caller may see, by global id, batched with every other lookup of this request. */
const visibleVolunteer = async (ctx: RequestContext, id: string) =>
  visible(ctx, await byKey<Volunteer>(ctx, Volunteer, 'id').load(id), (v) => v.communityCode);

/** A person's volunteer records the caller may see (one per district they volunteer in). */
const volunteersOf = async (ctx: RequestContext, personId: string) =>
  (await rowsBy<Volunteer>(ctx, Volunteer, 'personHash', { orderBy: { id: 'asc' } }).load(personId)).filter((v) =>
    inScope(ctx.caller, v.communityCode),
  );

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
    stints: (v, _, ctx) => rowsBy<VolunteerStint>(ctx, VolunteerStint, 'volunteerId', { orderBy: { fromOn: 'asc' } }).load(v.id),
    person: (v) => (v.personHash ? { id: v.personHash } : null),
    history: historyField(VOLUNTEER_RECORD),
  },
  VolunteerStationStint: {
    station: async (s, _, ctx) => (await stationById(ctx, s.stationId))!,
  },
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    volunteers: (p, _, ctx) => volunteersOf(ctx, p.id),
    volunteerServiceHours: async (p, { year }, ctx) =>
      totalHours((await Promise.all((await volunteersOf(ctx, p.id)).map((v) => serviceOf(ctx, v, year)))).flat()),
  },
  VolunteerFigures: {
    registeredVolunteers: (n, a, ctx) => yearOnYear(ctx, volunteersRegistered, a, n.code),
    communityWorkersVolunteering: async (n, a, ctx) => {
      // a series asks a month (ctx.figurePeriod) instead of the year
      const now = periodFor(ctx, a);
      const before = previousPeriod(now);
      const [inPost, inPostBefore] = await Promise.all([workersInPost(ctx, now.asOf), workersInPost(ctx, before.asOf)]);
      const [value, previous] = await Promise.all([
        ctx.figures.number(volunteersAmong, { persons: inPost }, n.code, now),
        ctx.figures.number(volunteersAmong, { persons: inPostBefore }, n.code, before),
      ]);
      return countFigure(value, previous);
    },
  },
};
