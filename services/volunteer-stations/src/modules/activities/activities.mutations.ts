import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, globalId, notFound } from '@district/common';
import { audited, eventDay, nextNumber, recordId, requiredText, wholeNumber, type RequestContext } from '@district/subgraph-kit';
import type { MutationResolvers, VolunteerHoursInput } from '../../generated/graphql';
import { Station } from '../stations/station.entity';
import { Volunteer } from '../volunteers/volunteer.entity';
import { Activity, MAX_HOURS, ServiceRecord } from './activity.entity';

/**
 * Hours as recorded: more than 0 and at most 24 in one activity, one record per volunteer, each a
 * volunteer of the activity's district (a global id, or a number in the caller's own district).
 */
async function checkedHours(ctx: RequestContext, em: EntityManager, district: string, records: VolunteerHoursInput[]) {
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
  const found = new Set((await em.find(Volunteer, { id: { $in: ids }, districtCode: district }, { fields: ['id'] })).map((v) => v.id));
  const unknown = records.filter((_, i) => !found.has(ids[i])).map((r) => r.volunteerNumber);
  if (unknown.length) throw badInput(`本区县无此志愿者 / no such volunteer in the district: ${unknown.join(', ')}`, 'volunteerNumber');
  return out;
}

export const activityMutations: MutationResolvers = {
  recordVolunteerActivity: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordVolunteerActivity',
      input,
      async (em) => {
        const station = await em.findOne(Station, { id: await recordId(ctx, input.stationCode, 'stationCode') });
        if (!station) throw badInput(`站点不存在：${input.stationCode} / no such station`, 'stationCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const name = requiredText(input.name, 'name', '活动名称');
        const category = requiredText(input.category, 'category', '活动类别', 50);
        const heldOn = eventDay(input.heldOn, 'heldOn', '活动日期');
        const personTimes =
          input.personTimes === null || input.personTimes === undefined ? null : wholeNumber(input.personTimes, 'personTimes', '服务人次');
        const district = station.districtCode;
        const hours = await checkedHours(ctx, em, district, input.records ?? []);
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
          targetGroup: input.targetGroup,
          personTimes,
        });
        for (const h of hours) em.create(ServiceRecord, { activityId: activity.id, ...h });
        return activity;
      },
      (a) => `VolunteerActivity:${a.id}`,
    ),

  recordVolunteerHours: (_, args, ctx) =>
    audited(
      ctx,
      'recordVolunteerHours',
      args,
      async (em) => {
        const activity = await em.findOne(Activity, { id: await recordId(ctx, args.activityCode, 'activityCode') });
        if (!activity) throw notFound(`活动不存在：${args.activityCode} / no such activity`, 'activityCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', activity.communityCode);
        if (!args.records.length) throw badInput('请至少给出一条服务时长 / give at least one record', 'records');
        // one record per volunteer and activity: a new one replaces what was recorded before
        for (const h of await checkedHours(ctx, em, activity.districtCode, args.records)) {
          await em.upsert(ServiceRecord, { activityId: activity.id, ...h });
        }
        return activity;
      },
      (a) => `VolunteerActivity:${a.id}`,
    ),
};
