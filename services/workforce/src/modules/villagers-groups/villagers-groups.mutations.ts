import { assertCanWrite, badInput } from '@district/common';
import { assertKeyFree, audited, correction, defineRecord, requiredText, wholeNumber, withdrawal } from '@district/subgraph-kit';
import type { CorrectVillagersGroupInput, MutationResolvers } from '../../generated/graphql';
import { communityOf, optionalDay } from '../shared/governance';
import { VillagersGroup } from './villagers-group.entity';

const DEPARTMENT = 'workforce';

export const GROUP_RECORD = defineRecord<VillagersGroup>({
  type: 'VillagersGroup',
  entity: VillagersGroup,
  label: ['村（居）民小组', 'villagers’ group'],
  owner: DEPARTMENT,
  placeOf: (g) => g.communityCode,
  idOf: (g) => g.code,
  lookup: (_ctx, given) => ({ code: (given ?? '').trim() }),
});

function assertDays(g: VillagersGroup): void {
  if (g.establishedOn && g.abolishedOn && g.abolishedOn <= g.establishedOn)
    throw badInput('撤销日期须晚于设立日期 / abolished after it was set up', 'abolishedOn');
}

const householdsOf = (v: number | null | undefined) =>
  v === undefined || v === null ? v : wholeNumber(v, 'households', '户数', 0, 1_000_000);

export const villagersGroupMutations: MutationResolvers = {
  createVillagersGroup: (_, { input }, ctx) =>
    audited(
      ctx,
      'createVillagersGroup',
      input,
      async (em) => {
        const communityCode = await communityOf(em, input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const code = (input.code ?? '').trim();
        if (!/^\d{15}$/.test(code) || !code.startsWith(communityCode))
          throw badInput('小组编码应为所属社区代码加3位数字 / a group code is its community code + 3 digits', 'code');
        await assertKeyFree(em, VillagersGroup, { code }, 'code', `小组编码 ${code} `);
        const g = em.create(VillagersGroup, {
          code,
          name: requiredText(input.name, 'name', '小组名称', 50),
          communityCode,
          households: householdsOf(input.households) ?? null,
          establishedOn: optionalDay(input.establishedOn, 'establishedOn', '设立日期') ?? null,
          abolishedOn: null,
        });
        return g;
      },
      (g) => `VillagersGroup:${g.code}`,
    ),
  correctVillagersGroup: correction<VillagersGroup, CorrectVillagersGroupInput, 'code'>(
    GROUP_RECORD,
    ({ row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '小组名称', 50));
      if (input.households !== undefined) change.set(row, 'households', householdsOf(input.households));
      if (input.establishedOn !== undefined)
        change.set(row, 'establishedOn', optionalDay(input.establishedOn, 'establishedOn', '设立日期'));
      if (input.abolishedOn !== undefined) change.set(row, 'abolishedOn', optionalDay(input.abolishedOn, 'abolishedOn', '撤销日期'));
      assertDays(row);
    },
    'code',
  ),
  withdrawVillagersGroup: withdrawal(GROUP_RECORD, { idArg: 'code' }),
};
