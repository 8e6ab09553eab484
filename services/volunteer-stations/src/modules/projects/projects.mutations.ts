import { badInput, globalId } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  localNumberOf,
  notFuture,
  optionalText,
  recordToChange,
  requiredText,
  withdrawal,
} from '@district/subgraph-kit';
import type { CorrectVolunteerProjectInput, MutationResolvers } from '../../generated/graphql';
import { STATION_RECORD } from '../stations/stations.mutations';
import { VolunteerProject } from './project.entity';

export const PROJECT_RECORD = defineRecord<VolunteerProject>({
  type: 'VolunteerProject',
  entity: VolunteerProject,
  label: ['志愿服务项目', 'volunteer service project'],
  owner: 'volunteer-stations',
  placeOf: (p) => p.communityCode,
  idOf: (p) => p.id,
});

function assertDays(p: VolunteerProject): void {
  if (p.endedOn && p.endedOn <= p.startedOn) throw badInput('结束日期须晚于启动日期 / ends after it starts', 'endedOn');
}

export const projectMutations: MutationResolvers = {
  createVolunteerProject: (_, { input }, ctx) =>
    audited(
      ctx,
      'createVolunteerProject',
      input,
      async (em) => {
        const station = await recordToChange(ctx, em, STATION_RECORD, input.stationId, 'stationId');
        const number = localNumberOf(input.id, 'id', '项目编号');
        const id = globalId(station.districtCode, number);
        await assertKeyFree(em, VolunteerProject, { id }, 'id', `项目编号 ${number} `);
        return em.create(VolunteerProject, {
          id,
          districtCode: station.districtCode,
          number,
          stationId: station.id,
          communityCode: station.communityCode,
          name: requiredText(input.name, 'name', '项目名称', 100),
          field: input.field,
          description: optionalText(input.description, 'description', '项目简介', 1000),
          startedOn: eventDay(input.startedOn, 'startedOn', '启动日期'),
          endedOn: null,
        });
      },
      (p) => `VolunteerProject:${p.id}`,
    ),
  endVolunteerProject: (_, args, ctx) =>
    audited(
      ctx,
      'endVolunteerProject',
      args,
      async (em) => {
        const p = await recordToChange(ctx, em, PROJECT_RECORD, args.id);
        if (p.endedOn) throw badInput(`该项目已于${p.endedOn}结束 / the project ended on ${p.endedOn}`, 'id');
        p.endedOn = eventDay(args.endedOn, 'endedOn', '结束日期', { day: p.startedOn, after: '启动日期' });
        assertDays(p);
        return p;
      },
      (p) => `VolunteerProject:${p.id}`,
    ),
  correctVolunteerProject: correction<VolunteerProject, CorrectVolunteerProjectInput>(
    PROJECT_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.stationId) {
        const station = await recordToChange(ctx, em, STATION_RECORD, input.stationId, 'stationId');
        change.set(row, 'stationId', station.id);
        row.communityCode = station.communityCode;
      }
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '项目名称', 100));
      if (input.field) change.set(row, 'field', input.field);
      if (input.description !== undefined) change.set(row, 'description', optionalText(input.description, 'description', '项目简介', 1000));
      if (input.startedOn) change.set(row, 'startedOn', notFuture(input.startedOn, 'startedOn', '启动日期'));
      if (input.endedOn !== undefined)
        change.set(row, 'endedOn', input.endedOn === null ? null : notFuture(input.endedOn, 'endedOn', '结束日期'));
      assertDays(row);
    },
  ),
  withdrawVolunteerProject: withdrawal(PROJECT_RECORD),
};
