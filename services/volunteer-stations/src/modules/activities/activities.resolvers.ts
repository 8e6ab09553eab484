import {
  and,
  breakdownYearOnYear,
  byKey,
  eq,
  historyField,
  inList,
  type ListArgs,
  listPrefix,
  type ListSpec,
  listUnder,
  recordId,
  type RequestContext,
  rowsBy,
  sql,
  visible,
  yearOnYear,
} from '@district/subgraph-kit';
import type { Resolvers, VolunteerActivityFilter } from '../../generated/graphql';
import { stationById } from '../stations/stations.resolvers';
import { Volunteer } from '../volunteers/volunteer.entity';
import { Activity, ServiceRecord } from './activity.entity';
import {
  activeVolunteers,
  activitiesByCategory,
  activitiesByTargetGroup,
  activitiesHeld,
  serviceHours,
  servicePersonTimes,
} from './activities.figures';
import { ACTIVITY_RECORD, activityMutations, SERVICE_RECORD } from './activities.mutations';

const ACTIVITIES: ListSpec<Activity> = {
  entity: Activity,
  table: 'activity',
  place: 'community_code',
  sortColumns: { CODE: 't.number', HELD_ON: 't.held_on', CATEGORY: 't.category' },
  defaultOrder: 't.id',
};

async function activityList(
  ctx: RequestContext,
  args: ListArgs<VolunteerActivityFilter>,
  prefix = listPrefix(ctx, args.filter?.regionCode),
) {
  const f = args.filter ?? {};
  const filter = and(
    f.stationCode ? eq('t.station_id', await recordId(ctx, f.stationCode, 'stationCode')) : undefined,
    eq('t.category', f.category?.trim() || null),
    f.categoryKinds?.length ? inList('t.category_kind', f.categoryKinds) : undefined,
    eq('t.target_group', f.targetGroup),
    f.from ? sql`t.held_on >= ${f.from}::date` : undefined,
    f.to ? sql`t.held_on <= ${f.to}::date` : undefined,
  );
  return listUnder(ctx, ACTIVITIES, prefix, filter, args);
}

/** An activity by global id, batched with every other lookup of this request. */
export const activityById = (ctx: RequestContext, id: string) => byKey<Activity>(ctx, Activity, 'id').load(id);
const volunteerById = (ctx: RequestContext, id: string) => byKey<Volunteer>(ctx, Volunteer, 'id').load(id);
const visibleActivity = async (ctx: RequestContext, id: string) => visible(ctx, await activityById(ctx, id), (a) => a.communityCode);

/** Hours add up in hundredths (the ledger's precision), so a sum prints as the clerk typed it. */
export const totalHours = (records: ServiceRecord[]) => Math.round(records.reduce((sum, r) => sum + Number(r.hours) * 100, 0)) / 100;

/** Every service record of an activity, of many activities in one statement. */
const recordsOf = (ctx: RequestContext, activityId: string) =>
  rowsBy<ServiceRecord>(ctx, ServiceRecord, 'activityId', { orderBy: { volunteerId: 'asc' } }).load(activityId);

/** The records whose volunteer the caller may see: a volunteer of another street is not shown to a street office. */
async function visibleRecords(ctx: RequestContext, activityId: string): Promise<ServiceRecord[]> {
  const records = await recordsOf(ctx, activityId);
  const volunteers = await Promise.all(records.map((r) => volunteerById(ctx, r.volunteerId)));
  return records.filter((_, i) => visible(ctx, volunteers[i], (v) => v.communityCode));
}

export const activityResolvers: Resolvers = {
  Query: {
    volunteerActivity: async (_, { code }, ctx) => visibleActivity(ctx, await recordId(ctx, code, 'code')),
    volunteerActivities: (_, args, ctx) => activityList(ctx, args),
  },
  Mutation: activityMutations,
  Region: {
    volunteerActivities: (r, args, ctx) => activityList(ctx, args, listPrefix(ctx, r.code)),
  },
  VolunteerActivity: {
    __resolveReference: (ref, ctx) => visibleActivity(ctx, ref.id),
    code: (a) => a.number,
    history: historyField(ACTIVITY_RECORD),
    // an activity sits in its station's community: the station is visible wherever the activity is
    station: async (a, _, ctx) => (await stationById(ctx, a.stationId))!,
    records: (a, _, ctx) => visibleRecords(ctx, a.id),
    totalHours: async (a, _, ctx) => totalHours(await recordsOf(ctx, a.id)),
  },
  VolunteerServiceRecord: {
    id: (r) => `${r.activityId}/${r.volunteerId}`,
    volunteer: async (r, _, ctx) => (await volunteerById(ctx, r.volunteerId))!,
    hours: (r) => Number(r.hours),
    history: historyField(SERVICE_RECORD),
  },
  VolunteerFigures: {
    activities: (n, a, ctx) => yearOnYear(ctx, activitiesHeld, a, n.code),
    activityBreakdown: async (n, a, ctx) =>
      (await breakdownYearOnYear(ctx, a.by === 'CATEGORY' ? activitiesByCategory : activitiesByTargetGroup, a, n.code)).map((row) => ({
        key: row.key,
        activities: row.figure,
      })),
    servicePersonTimes: (n, a, ctx) => yearOnYear(ctx, servicePersonTimes, a, n.code),
    serviceHours: (n, a, ctx) => yearOnYear(ctx, serviceHours, a, n.code),
    activeVolunteers: (n, a, ctx) => yearOnYear(ctx, activeVolunteers, a, n.code),
  },
};
