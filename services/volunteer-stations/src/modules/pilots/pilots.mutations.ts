import { assertCanWrite, badInput, districtOf } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  notFuture,
  optionalText,
  regionCodeOf,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectVolunteerPilotInput, MutationResolvers } from '../../generated/graphql';
import { Pilot } from './pilot.entity';

const DEPARTMENT = 'volunteer-stations';

/** A pilot community, keyed by its community's national code. */
export const PILOT_RECORD = defineRecord<Pilot>({
  type: 'VolunteerPilot',
  entity: Pilot,
  label: ['试点社区', 'pilot community'],
  owner: DEPARTMENT,
  placeOf: (p) => p.communityCode,
  idOf: (p) => p.communityCode,
  lookup: (_ctx, given, field) => ({ communityCode: regionCodeOf(given, field) }),
});

/** A community's name, asked of the region tree's owner (which also says it is a community). */
async function communityName(ctx: RequestContext, code: string): Promise<string> {
  if (!ctx.treeOwner) throw new Error('the pilots need the region tree owner (REGION_TREE_URL)');
  const data = (await ctx.treeOwner('query($c: ID!) { region(code: $c) { name level } }', { c: code })) as {
    region: { name: string; level: string } | null;
  };
  if (!data.region || data.region.level !== 'COMMUNITY') throw badInput(`社区不存在：${code} / no such community`, 'communityCode');
  return data.region.name;
}

export const pilotMutations: MutationResolvers = {
  createVolunteerPilot: (_, { input }, ctx) =>
    audited(
      ctx,
      'createVolunteerPilot',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        await assertKeyFree(em, Pilot, { communityCode }, 'communityCode', `试点社区 ${communityCode} `);
        return em.create(Pilot, {
          communityCode,
          districtCode: districtOf(communityCode),
          communityName: await communityName(ctx, communityCode),
          level: input.level,
          pilotType: optionalText(input.pilotType, 'pilotType', '试点类型', 50),
          designatedOn: eventDay(input.designatedOn, 'designatedOn', '确定日期'),
        });
      },
      (p) => `VolunteerPilot:${p.communityCode}`,
    ),
  correctVolunteerPilot: correction<Pilot, CorrectVolunteerPilotInput, 'communityCode'>(
    PILOT_RECORD,
    ({ row, change }, input) => {
      if (input.level) change.set(row, 'level', input.level);
      if (input.pilotType !== undefined) change.set(row, 'pilotType', optionalText(input.pilotType, 'pilotType', '试点类型', 50));
      if (input.designatedOn) change.set(row, 'designatedOn', notFuture(input.designatedOn, 'designatedOn', '确定日期'));
    },
    'communityCode',
  ),
  withdrawVolunteerPilot: withdrawal(PILOT_RECORD, { idArg: 'communityCode' }),
};
