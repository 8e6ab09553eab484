import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, globalId, inScope, notFound } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  LIVE,
  markWithdrawn,
  nextNumber,
  NOTE_MAX,
  notFuture,
  recordId,
  recordToChange,
  requiredText,
  wholeNumber,
  withdrawal,
  withdrawnView,
  writeHistory,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectVolunteerActivityInput, MutationResolvers, VolunteerHoursInput } from '../../generated/graphql';
import { Volunteer } from '../volunteers/volunteer.entity';
import { liveStation } from '../volunteers/volunteers.mutations';
import { Activity, MAX_HOURS, ServiceRecord } from './activity.entity';
import { categoryKindOf } from './categories';

/** An activity sits at its station's community; its service records go with it. */
export const ACTIVITY_RECORD = defineRecord<Activity>({
  type: 'VolunteerActivity',
  entity: Activity,
  label: ['志愿服务活动', 'activity'],
  owner: 'volunteer-stations',
  placeOf: (a) => a.communityCode,
  idOf: (a) => a.id,
  owns: [{ table: 'service_record', column: 'activity_id' }],
});

/** One volunteer's hours at one activity. */
export const SERVICE_RECORD = defineRecord<ServiceRecord>({
  type: 'VolunteerServiceRecord',
  entity: ServiceRecord,
  label: ['服务时长记录', 'service record'],
  owner: 'volunteer-stations',
  placeOf: () => null,
  idOf: (r) => `${r.activityId}/${r.volunteerId}`,
});

/**
 * Hours as recorded: more than 0 and at most 24 in one activity, one record per volunteer, each a
 * volunteer of the activity's district (a global id, or a number in the caller's own district).
 */
async function checkedHours(ctx: RequestContext, em: EntityManager, district: string, heldOn: string, records: VolunteerHoursInput[]) {
  const out: { volunteerId: string; hours: number }[] = [];
  for (const r of records) {
    if (!Number.isFinite(r.hours) || r.hours <= 0 || r.hours > MAX_HOURS) {
      throw badInput(
        `志愿者 ${r.volunteerNumber} 的服务时长应大于0且不超过${MAX_HOURS}小时 / hours must be more than 0 and at most ${MAX_HOURS}`,
        'hours',
      );
    }
    const volunteerId = await recordId(ctx, r.volunteerNumber, 'volunteerNumber');
    if (out.some((o) => o.volunteerId === volunteerId)) {
      throw badInput(
        `志愿者 ${r.volunteerNumber} 重复 / volunteer ${r.volunteerNumber} is listed twice: one record per volunteer and activity`,
        'volunteerNumber',
      );
    }
    out.push({ volunteerId, hours: r.hours });
  }
  const ids = out.map((o) => o.volunteerId);
  // a volunteer outside the caller's region is answered as one the district lacks: a write names only records its caller may see
  const volunteers = (await em.find(Volunteer, { id: { $in: ids }, districtCode: district })).filter((v) =>
    inScope(ctx.caller, v.communityCode),
  );
  const found = new Map(volunteers.map((v) => [v.id, v]));
  const unknown = records.filter((_, i) => !found.has(ids[i])).map((r) => r.volunteerNumber);
  if (unknown.length) throw badInput(`本辖区无此志愿者 / no such volunteer in your region: ${unknown.join(', ')}`, 'volunteerNumber');
  assertServing(volunteers, heldOn, 'volunteerNumber');
  return out;
}

/** A volunteer serves at an activity between registering and leaving: serving before registering is refused. */
function assertServing(volunteers: Volunteer[], heldOn: string, field: string): void {
  for (const v of volunteers) {
    if (v.registeredOn > heldOn) {
      throw badInput(
        `志愿者 ${v.number} 于${v.registeredOn}注册，晚于活动日期 ${heldOn} / volunteer ${v.number} registered after the activity`,
        field,
      );
    }
    if (v.leftOn && v.leftOn <= heldOn) {
      throw badInput(`志愿者 ${v.number} 已于${v.leftOn}退出 / volunteer ${v.number} had left before the activity`, field);
    }
  }
}

export const activityMutations: MutationResolvers = {
  recordVolunteerActivity: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordVolunteerActivity',
      input,
      async (em) => {
        const station = await liveStation(ctx, em, input.stationCode, 'stationCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const name = requiredText(input.name, 'name', '活动名称');
        const category = requiredText(input.category, 'category', '活动类别', 50);
        const heldOn = eventDay(input.heldOn, 'heldOn', '活动日期');
        const personTimes =
          input.personTimes === null || input.personTimes === undefined ? null : wholeNumber(input.personTimes, 'personTimes', '服务人次');
        const district = station.districtCode;
        const hours = await checkedHours(ctx, em, district, heldOn, input.records ?? []);
        // numbers follow the ledger's pattern HD<year><5 digits>, continuing the year's highest in the district
        const number = await nextNumber(em, { table: 'activity', column: 'number', district, prefix: `HD${heldOn.slice(0, 4)}`, width: 5 });
        const activity = em.create(Activity, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          stationId: station.id,
          communityCode: station.communityCode,
          heldOn,
          category,
          categoryKind: categoryKindOf(category),
          targetGroup: input.targetGroup,
          personTimes,
        });
        for (const h of hours) em.create(ServiceRecord, { activityId: activity.id, ...h });
        return activity;
      },
      (a) => `VolunteerActivity:${a.id}`,
    ),

  recordVolunteerHours: (_, args, ctx, info) =>
    audited(
      ctx,
      'recordVolunteerHours',
      args,
      async (em) => {
        const activity = await recordToChange(ctx, em, ACTIVITY_RECORD, args.activityCode, 'activityCode');
        if (!args.records.length) throw badInput('请至少给出一条服务时长 / give at least one record', 'records');
        // one record per volunteer and activity: a new one replaces what was recorded before, which stays in its history
        for (const h of await checkedHours(ctx, em, activity.districtCode, activity.heldOn, args.records)) {
          const existing = await em.findOne(
            ServiceRecord,
            { activityId: activity.id, volunteerId: h.volunteerId },
            { filters: { [LIVE]: false } },
          );
          if (!existing) {
            em.create(ServiceRecord, { activityId: activity.id, ...h });
            continue;
          }
          const changes = [
            ...(existing.withdrawnOn ? [{ field: 'withdrawn', old: existing.withdrawnOn, new: null }] : []),
            ...(Number(existing.hours) !== h.hours ? [{ field: 'hours', old: Number(existing.hours), new: h.hours }] : []),
          ];
          await writeHistory(em, ctx, SERVICE_RECORD, SERVICE_RECORD.idOf(existing), info.fieldName, changes, null);
          Object.assign(existing, { hours: h.hours, withdrawnOn: null, withdrawalReason: null });
        }
        return activity;
      },
      (a) => `VolunteerActivity:${a.id}`,
    ),

  correctVolunteerActivity: correction<Activity, CorrectVolunteerActivityInput, 'code'>(
    ACTIVITY_RECORD,
    async ({ ctx: c, em, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '活动名称'));
      if (input.category !== undefined) {
        change.set(row, 'category', requiredText(input.category, 'category', '活动类别', 50));
        change.set(row, 'categoryKind', categoryKindOf(row.category));
      }
      if (input.targetGroup) change.set(row, 'targetGroup', input.targetGroup);
      if (input.personTimes !== undefined)
        change.set(row, 'personTimes', input.personTimes === null ? null : wholeNumber(input.personTimes, 'personTimes', '服务人次'));
      if (input.stationCode) {
        const station = await liveStation(c, em, input.stationCode, 'stationCode');
        if (station.districtCode !== row.districtCode)
          throw badInput('不能更正到其他区县的站点 / not a station of another district', 'stationCode');
        assertCanWrite(c.caller, 'volunteer-stations', station.communityCode);
        change.set(row, 'stationId', station.id);
        change.set(row, 'communityCode', station.communityCode);
      }
      if (input.heldOn) {
        const heldOn = notFuture(input.heldOn, 'heldOn', '活动日期');
        const served = await em.find(ServiceRecord, { activityId: row.id });
        assertServing(await em.find(Volunteer, { id: { $in: served.map((r) => r.volunteerId) } }), heldOn, 'heldOn');
        change.set(row, 'heldOn', heldOn);
      }
    },
    'code',
  ),
  withdrawVolunteerActivity: withdrawal(ACTIVITY_RECORD, { idArg: 'code' }),

  withdrawVolunteerHours: (_, args, ctx, info) =>
    audited(
      ctx,
      'withdrawVolunteerHours',
      args,
      async (em) => {
        const activity = await recordToChange(ctx, em, ACTIVITY_RECORD, args.activityCode, 'activityCode');
        const volunteerId = await recordId(ctx, args.volunteerNumber, 'volunteerNumber');
        const record = await em.findOne(ServiceRecord, { activityId: activity.id, volunteerId });
        // hours of a volunteer outside the caller's region are as none
        const volunteer = record && (await em.findOne(Volunteer, { id: volunteerId }));
        if (!record || !inScope(ctx.caller, volunteer?.communityCode))
          throw notFound('该志愿者在该活动没有服务记录 / no hours of this volunteer at this activity', 'volunteerNumber');
        const reason = requiredText(args.reason, 'reason', '撤销原因', NOTE_MAX);
        await markWithdrawn(em, ctx, SERVICE_RECORD, record, reason, info.fieldName);
        return withdrawnView(em, ctx, SERVICE_RECORD, record);
      },
      (v) => `${v.type}:${v.id}`,
    ),
};
