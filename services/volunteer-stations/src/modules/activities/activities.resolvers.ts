import {
  assertCanWrite,
  audited,
  badInput,
  groupBy,
  notFound,
  orderFrom,
  paginate,
  type PageArgs,
  type RequestContext,
} from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextCode } from '../../lib/codes';
import { byCode, visibleByCode } from '../../lib/loaders';
import { reportedDay, requiredText } from '../../lib/input';
import { listPrefix } from '@district/common';
import { Station } from '../stations/station.entity';
import { stationLoader } from '../stations/stations.resolvers';
import { Volunteer } from '../volunteers/volunteer.entity';
import { Activity, MAX_HOURS, ServiceRecord, type TargetGroup } from './activity.entity';

interface ActivityFilter {
  regionCode?: string;
  stationCode?: string;
  category?: string;
  targetGroup?: TargetGroup;
  from?: string;
  to?: string;
}
interface HoursInput {
  volunteerNumber: string;
  hours: number;
}
interface RecordInput {
  name: string;
  stationCode: string;
  heldOn: string;
  category: string;
  targetGroup: TargetGroup;
  personTimes?: number | null;
  records?: HoursInput[] | null;
}

const SORT = { CODE: 'code', HELD_ON: 'heldOn', CATEGORY: 'category' };

function activityWhere(ctx: RequestContext, f: ActivityFilter = {}) {
  const where: Record<string, unknown> = { communityCode: { $like: `${listPrefix(ctx, f.regionCode)}%` } };
  if (f.stationCode) where.stationCode = f.stationCode;
  if (f.category) where.category = f.category;
  if (f.targetGroup) where.targetGroup = f.targetGroup;
  if (f.from || f.to) where.heldOn = { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lte: f.to } : {}) };
  return where;
}

/** Hours rules: more than 0, at most 24 in one activity, one record per volunteer, volunteers that exist. */
async function checkedHours(em: EntityManager, records: HoursInput[]): Promise<HoursInput[]> {
  const seen = new Set<string>();
  for (const r of records) {
    if (!(r.hours > 0) || r.hours > MAX_HOURS) {
      throw badInput(
        `志愿者 ${r.volunteerNumber} 的服务时长应大于0且不超过${MAX_HOURS}小时 / hours must be more than 0 and at most ${MAX_HOURS}`,
        'hours',
      );
    }
    if (seen.has(r.volunteerNumber)) {
      throw badInput(
        `志愿者 ${r.volunteerNumber} 重复 / volunteer ${r.volunteerNumber} is listed twice: one record per volunteer and activity`,
        'volunteerNumber',
      );
    }
    seen.add(r.volunteerNumber);
  }
  const found = new Set((await em.find(Volunteer, { code: { $in: [...seen] } }, { fields: ['code'] })).map((v) => v.code));
  const unknown = [...seen].filter((n) => !found.has(n));
  if (unknown.length) throw badInput(`志愿者不存在 / no such volunteer: ${unknown.join(', ')}`, 'volunteerNumber');
  return records;
}

async function writeHours(em: EntityManager, activityCode: string, records: HoursInput[]) {
  for (const r of await checkedHours(em, records)) {
    await em.upsert(ServiceRecord, { activityCode, volunteerCode: r.volunteerNumber, hours: r.hours });
  }
}

async function recordActivity(ctx: RequestContext, input: RecordInput) {
  return audited(
    ctx,
    'recordVolunteerActivity',
    { input },
    async (em) => {
      const station = await em.findOne(Station, { code: input.stationCode });
      if (!station) throw badInput(`站点 ${input.stationCode} 不存在 / no station ${input.stationCode}`, 'stationCode');
      assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
      const heldOn = reportedDay(input.heldOn, 'heldOn');
      if (input.personTimes != null && (!Number.isInteger(input.personTimes) || input.personTimes < 0)) {
        throw badInput('服务人次应为非负整数 / personTimes must be a whole number, 0 or more', 'personTimes');
      }
      const activity = em.create(Activity, {
        code: await nextCode(em, 'activity', `HD${heldOn.slice(0, 4)}`, 5),
        name: requiredText(input.name, 'name', '活动名称'),
        stationCode: station.code,
        communityCode: station.communityCode,
        heldOn,
        category: requiredText(input.category, 'category', '活动类别', 50),
        targetGroup: input.targetGroup,
        personTimes: input.personTimes ?? null,
      });
      await em.flush();
      await writeHours(em, activity.code, input.records ?? []);
      return activity;
    },
    (a) => `VolunteerActivity:${a.code}`,
  );
}

async function recordHours(ctx: RequestContext, args: { activityCode: string; records: HoursInput[] }) {
  return audited(
    ctx,
    'recordVolunteerHours',
    args,
    async (em) => {
      const activity = await em.findOne(Activity, { code: args.activityCode });
      if (!activity) throw notFound(`活动 ${args.activityCode} 不存在 / no activity ${args.activityCode}`);
      assertCanWrite(ctx.caller, 'volunteer-stations', activity.communityCode);
      if (!args.records.length) throw badInput('请至少给出一条服务时长 / give at least one record', 'records');
      await writeHours(em, activity.code, args.records);
      return activity;
    },
    (a) => `VolunteerActivity:${a.code}`,
  );
}

/** Service records of many activities in one statement. */
function recordsOf(ctx: RequestContext, activityCode: string) {
  return ctx.loaders
    .get<string, ServiceRecord[]>('activity:records', async (codes) => {
      const rows = await ctx.em.find(ServiceRecord, { activityCode: { $in: [...codes] } }, { orderBy: { volunteerCode: 'asc' } });
      const byActivity = groupBy(rows, (r) => r.activityCode);
      return codes.map((c) => byActivity.get(c) ?? []);
    })
    .load(activityCode);
}

export const activityResolvers = {
  Query: {
    volunteerActivity: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Activity, 'activity', code),
    volunteerActivities: (
      _: unknown,
      args: PageArgs & { filter?: ActivityFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => paginate(ctx.em, Activity, activityWhere(ctx, args.filter), orderFrom(args.sort, SORT, [{ code: 'asc' }]), args),
  },
  Mutation: {
    recordVolunteerActivity: (_: unknown, { input }: { input: RecordInput }, ctx: RequestContext) => recordActivity(ctx, input),
    recordVolunteerHours: (_: unknown, args: { activityCode: string; records: HoursInput[] }, ctx: RequestContext) =>
      recordHours(ctx, args),
  },
  VolunteerActivity: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Activity, 'activity', ref.code),
    station: (a: Activity, _: unknown, ctx: RequestContext) => stationLoader(ctx).load(a.stationCode),
    records: (a: Activity, _: unknown, ctx: RequestContext) => recordsOf(ctx, a.code),
    totalHours: async (a: Activity, _: unknown, ctx: RequestContext) =>
      (await recordsOf(ctx, a.code)).reduce((sum, r) => sum + Number(r.hours), 0),
  },
  VolunteerServiceRecord: {
    volunteer: (r: ServiceRecord, _: unknown, ctx: RequestContext) => byCode(ctx, Volunteer, 'volunteer').load(r.volunteerCode),
    hours: (r: ServiceRecord) => Number(r.hours),
  },
};
