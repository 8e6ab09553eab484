import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf, globalId } from '@district/common';
import {
  assertInRegionTree,
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  localNumberOf,
  recordId,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectPartyKeyAreaInput, MutationResolvers } from '../../generated/graphql';
import { PartyKeyArea } from './key-area.entity';

const DEPARTMENT = 'party-building';

/** A key area; it cannot be withdrawn while live organizations sit in it (move them first). */
export const KEY_AREA_RECORD = defineRecord<PartyKeyArea>({
  type: 'PartyKeyArea',
  entity: PartyKeyArea,
  label: ['重点区域', 'key area'],
  owner: DEPARTMENT,
  placeOf: (a) => a.regionCode,
  idOf: (a) => a.id,
  referencedBy: [{ table: 'two_new_org', column: 'key_area_id', label: ['两新组织', 'organizations'] }],
});

/** The node an area lies at: a street, a community or the district's node, in the tree and the caller's scope. */
async function areaPlace(ctx: RequestContext, raw: string): Promise<string> {
  const code = regionCodeOf(raw, 'regionCode', ['DISTRICT', 'STREET', 'COMMUNITY']);
  assertCanWrite(ctx.caller, DEPARTMENT, code);
  await assertInRegionTree(ctx, 'regions', code, 'regionCode');
  return code;
}

/** A key area of `district` named by global id or number (the field's name in errors); null clears. */
export async function keyAreaOf(
  ctx: RequestContext,
  em: EntityManager,
  given: string,
  district: string,
  field: string,
): Promise<PartyKeyArea> {
  const id = await recordId(ctx, given, field);
  const area = await em.findOne(PartyKeyArea, { id, districtCode: district });
  if (!area) throw badInput(`本区县无此重点区域：${given} / no such key area in the district`, field);
  return area;
}

export const keyAreaMutations: MutationResolvers = {
  recordPartyKeyArea: (_, { input }, ctx) =>
    audited(
      ctx,
      'recordPartyKeyArea',
      input,
      async (em) => {
        const regionCode = await areaPlace(ctx, input.regionCode);
        const district = districtOf(regionCode);
        const number = localNumberOf(input.code, 'code', '区域编号');
        const id = globalId(district, number);
        await assertKeyFree(em, PartyKeyArea, { id }, 'code', `区域编号 ${number} `);
        return em.create(PartyKeyArea, {
          id,
          districtCode: district,
          number,
          name: requiredText(input.name, 'name', '区域名称', 100),
          kind: input.kind,
          regionCode,
        });
      },
      (a) => `PartyKeyArea:${a.id}`,
    ),
  correctPartyKeyArea: correction<PartyKeyArea, CorrectPartyKeyAreaInput, 'code'>(
    KEY_AREA_RECORD,
    async ({ ctx, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '区域名称', 100));
      if (input.kind) change.set(row, 'kind', input.kind);
      if (input.regionCode) {
        const code = await areaPlace(ctx, input.regionCode);
        if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'regionCode');
        change.set(row, 'regionCode', code);
      }
    },
    'code',
  ),
  withdrawPartyKeyArea: withdrawal(KEY_AREA_RECORD, { idArg: 'code' }),
};
