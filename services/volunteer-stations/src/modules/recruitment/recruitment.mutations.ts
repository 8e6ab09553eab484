import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, globalId } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  localNumberOf,
  notFuture,
  recordId,
  requiredText,
  wholeNumber,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectVolunteerRecruitmentInput, CorrectVolunteerTrainingInput, MutationResolvers } from '../../generated/graphql';
import { Activity } from '../activities/activity.entity';
import { VolunteerProject } from '../projects/project.entity';
import { liveStation } from '../volunteers/volunteers.mutations';
import { VolunteerRecruitment, VolunteerTraining } from './recruitment.entity';

export const RECRUITMENT_RECORD = defineRecord<VolunteerRecruitment>({
  type: 'VolunteerRecruitment',
  entity: VolunteerRecruitment,
  label: ['志愿者招募', 'volunteer recruitment'],
  owner: 'volunteer-stations',
  placeOf: (r) => r.communityCode,
  idOf: (r) => r.id,
});

export const TRAINING_RECORD = defineRecord<VolunteerTraining>({
  type: 'VolunteerTraining',
  entity: VolunteerTraining,
  label: ['志愿者培训', 'volunteer training'],
  owner: 'volunteer-stations',
  placeOf: (t) => t.communityCode,
  idOf: (t) => t.id,
});

/** A project or an activity recruited for: a live record of the station's district, else BAD_USER_INPUT on its field. */
async function recruitedFor<T extends VolunteerProject | Activity>(
  ctx: RequestContext,
  em: EntityManager,
  entity: new () => T,
  given: string | null | undefined,
  district: string,
  field: string,
  what: string,
): Promise<string | null> {
  if (!given) return null;
  const id = await recordId(ctx, given, field);
  const row = await em.findOne(entity, { id, districtCode: district } as never);
  if (!row) throw badInput(`本区县无此${what}：${given} / no such ${field.replace(/Code$/, '')} in the district`, field);
  return id;
}

const count = (v: number | null | undefined, field: string, label: string) =>
  v === null || v === undefined ? v : wholeNumber(v, field, label);

/** Volunteers taken on are among those who signed up. */
function assertAccepted(r: VolunteerRecruitment): void {
  if (r.accepted != null && r.signedUp != null && r.accepted > r.signedUp)
    throw badInput(`录用人数不能多于报名人数 / more taken on (${r.accepted}) than signed up (${r.signedUp})`, 'accepted');
}

export const recruitmentMutations: MutationResolvers = {
  recordVolunteerRecruitment: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordVolunteerRecruitment',
      input,
      async (em) => {
        const station = await liveStation(ctx, em, input.stationCode, 'stationCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const number = localNumberOf(input.code, 'code', '招募编号');
        const id = globalId(station.districtCode, number);
        await assertKeyFree(em, VolunteerRecruitment, { id }, 'code', `招募编号 ${number} `);
        const row = em.create(VolunteerRecruitment, {
          id,
          districtCode: station.districtCode,
          number,
          stationId: station.id,
          communityCode: station.communityCode,
          projectId: await recruitedFor(ctx, em, VolunteerProject, input.projectCode, station.districtCode, 'projectCode', '项目'),
          activityId: await recruitedFor(ctx, em, Activity, input.activityCode, station.districtCode, 'activityCode', '活动'),
          title: requiredText(input.title, 'title', '招募主题', 100),
          publishedOn: eventDay(input.publishedOn, 'publishedOn', '发布日期'),
          places: wholeNumber(input.places, 'places', '招募人数', 1),
          signedUp: count(input.signedUp, 'signedUp', '报名人数') ?? null,
          accepted: count(input.accepted, 'accepted', '录用人数') ?? null,
        });
        assertAccepted(row);
        return row;
      },
      (r) => `VolunteerRecruitment:${r.id}`,
    ),
  correctVolunteerRecruitment: correction<VolunteerRecruitment, CorrectVolunteerRecruitmentInput, 'code'>(
    RECRUITMENT_RECORD,
    ({ row, change }, input) => {
      if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '招募主题', 100));
      if (input.publishedOn) change.set(row, 'publishedOn', notFuture(input.publishedOn, 'publishedOn', '发布日期'));
      if (input.places !== undefined && input.places !== null)
        change.set(row, 'places', wholeNumber(input.places, 'places', '招募人数', 1));
      if (input.signedUp !== undefined) change.set(row, 'signedUp', count(input.signedUp, 'signedUp', '报名人数'));
      if (input.accepted !== undefined) change.set(row, 'accepted', count(input.accepted, 'accepted', '录用人数'));
      assertAccepted(row);
    },
    'code',
  ),
  withdrawVolunteerRecruitment: withdrawal(RECRUITMENT_RECORD, { idArg: 'code' }),

  recordVolunteerTraining: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordVolunteerTraining',
      input,
      async (em) => {
        const station = await liveStation(ctx, em, input.stationCode, 'stationCode');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const number = localNumberOf(input.code, 'code', '培训编号');
        const id = globalId(station.districtCode, number);
        await assertKeyFree(em, VolunteerTraining, { id }, 'code', `培训编号 ${number} `);
        return em.create(VolunteerTraining, {
          id,
          districtCode: station.districtCode,
          number,
          stationId: station.id,
          communityCode: station.communityCode,
          heldOn: eventDay(input.heldOn, 'heldOn', '培训日期'),
          topic: requiredText(input.topic, 'topic', '培训主题', 100),
          personTimes: wholeNumber(input.personTimes, 'personTimes', '培训人次'),
        });
      },
      (t) => `VolunteerTraining:${t.id}`,
    ),
  correctVolunteerTraining: correction<VolunteerTraining, CorrectVolunteerTrainingInput, 'code'>(
    TRAINING_RECORD,
    ({ row, change }, input) => {
      if (input.heldOn) change.set(row, 'heldOn', notFuture(input.heldOn, 'heldOn', '培训日期'));
      if (input.topic !== undefined) change.set(row, 'topic', requiredText(input.topic, 'topic', '培训主题', 100));
      if (input.personTimes !== undefined && input.personTimes !== null)
        change.set(row, 'personTimes', wholeNumber(input.personTimes, 'personTimes', '培训人次'));
    },
    'code',
  ),
  withdrawVolunteerTraining: withdrawal(TRAINING_RECORD, { idArg: 'code' }),
};
