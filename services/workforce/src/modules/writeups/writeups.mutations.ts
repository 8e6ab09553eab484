import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  audited,
  correction,
  defineRecord,
  eventDay,
  recordId,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
  visible,
  newRecordKey,
} from '@district/subgraph-kit';
import type { CorrectWriteupInput, MutationResolvers } from '../../generated/graphql';
import { Region } from '../regions/region.entity';
import { Worker } from '../workers/worker.entity';
import { optionalDay } from '../shared/governance';
import { Writeup } from './writeup.entity';

const DEPARTMENT = 'workforce';

export const WRITEUP_RECORD = defineRecord<Writeup>({
  type: 'Writeup',
  entity: Writeup,
  label: ['案例课题', 'write-up'],
  owner: DEPARTMENT,
  placeOf: (w) => w.regionCode,
  idOf: (w) => w.id,
});

async function authorOf(ctx: RequestContext, em: EntityManager, given: string | null | undefined, district: string) {
  if (!given) return null;
  // a worker outside the caller's region is answered as a missing one: a write names only records its caller may see
  const w = visible(ctx, await em.findOne(Worker, { id: await recordId(ctx, given, 'authorId') }), (x) => x.communityCode);
  if (!w || w.districtCode !== district) throw badInput(`社区工作者不存在：${given} / no such worker`, 'authorId');
  return w.id;
}

export const writeupMutations: MutationResolvers = {
  recordWriteup: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordWriteup',
      input,
      async (em) => {
        const regionCode = regionCodeOf(input.regionCode, 'regionCode', ['COMMUNITY', 'STREET', 'DISTRICT']);
        assertCanWrite(ctx.caller, DEPARTMENT, regionCode);
        if (!(await em.findOne(Region, { code: regionCode }))) throw badInput(`区划不存在：${regionCode} / no such region`, 'regionCode');
        const district = districtOf(regionCode);
        const completedOn = eventDay(input.completedOn, 'completedOn', '完成日期');
        const { id, number } = await newRecordKey(em, Writeup, {
          given: input.id,
          label: '编号',
          table: 'writeup',
          district,
          prefix: `AL${completedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Writeup, {
          id,
          districtCode: district,
          number,
          regionCode,
          kind: input.kind,
          title: requiredText(input.title, 'title', '题目', 200),
          authorId: await authorOf(ctx, em, input.authorId, district),
          completedOn,
        });
      },
      (w) => `Writeup:${w.id}`,
    ),
  correctWriteup: correction<Writeup, CorrectWriteupInput>(WRITEUP_RECORD, async ({ ctx, em, row, change }, input) => {
    if (input.kind) change.set(row, 'kind', input.kind);
    if (input.title !== undefined) change.set(row, 'title', requiredText(input.title, 'title', '题目', 200));
    if (input.authorId !== undefined) change.set(row, 'authorId', await authorOf(ctx, em, input.authorId, row.districtCode));
    if (input.completedOn) change.set(row, 'completedOn', optionalDay(input.completedOn, 'completedOn', '完成日期')!);
  }),
  withdrawWriteup: withdrawal(WRITEUP_RECORD),
};
