import { assertCanWrite, badInput, districtNode, districtOf, parseGlobalId } from '@district/common';
import { assertKeyFree, audited, correction, defineRecord, eventDay, notFuture, recordId, withdrawal } from '@district/subgraph-kit';
import type { CorrectRiderCodeCompoundInput, MutationResolvers } from '../../generated/graphql';
import { GigRiderCodeCompound } from './rider-code.entity';

/** A compound opened to the rider code, keyed by the compound's global id, where the region tree places it. */
export const RIDER_CODE_RECORD = defineRecord<GigRiderCodeCompound>({
  type: 'GigRiderCodeCompound',
  entity: GigRiderCodeCompound,
  label: ['骑手码开通记录', 'rider-code compound'],
  owner: 'gig-care',
  placeOf: (c) => c.communityCode,
  idOf: (c) => c.id,
});

export const riderCodeMutations: MutationResolvers = {
  openGigRiderCodeCompound: (_, { input }, ctx) =>
    audited(
      ctx,
      'openGigRiderCodeCompound',
      input,
      async (em) => {
        const id = await recordId(ctx, input.compoundId, 'compoundId');
        // the compound is the workforce subgraph's: its community comes from the region tree, through its API
        const community = (await ctx.regionTree.compoundCommunities([id])).get(id);
        if (!community) throw badInput(`小区不存在：${input.compoundId} / no such compound`, 'compoundId');
        const district = parseGlobalId(id, 'compoundId').district;
        assertCanWrite(ctx.caller, 'gig-care', community || districtNode(district));
        await assertKeyFree(em, GigRiderCodeCompound, { id }, 'compoundId', `小区 ${id} 的骑手码开通记录`);
        return em.create(GigRiderCodeCompound, {
          id,
          districtCode: districtOf(community || districtNode(district)),
          number: parseGlobalId(id, 'compoundId').local,
          openedOn: eventDay(input.openedOn, 'openedOn', '开通日期'),
          communityCode: community || districtNode(district),
        });
      },
      (c) => `GigRiderCodeCompound:${c.id}`,
    ),
  correctGigRiderCodeCompound: correction<GigRiderCodeCompound, CorrectRiderCodeCompoundInput>(
    RIDER_CODE_RECORD,
    ({ row, change }, input) => {
      if (input.openedOn) change.set(row, 'openedOn', notFuture(input.openedOn, 'openedOn', '开通日期'));
    },
  ),
  withdrawGigRiderCodeCompound: withdrawal(RIDER_CODE_RECORD),
};
