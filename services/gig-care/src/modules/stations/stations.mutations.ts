import { assertCanWrite, badInput, districtOf, globalId } from '@district/common';
import {
  assertInRegionTree,
  audited,
  correction,
  defineRecord,
  eventDay,
  nextNumber,
  notFuture,
  optionalText,
  regionCodeOf,
  requiredText,
  withdrawal,
} from '@district/subgraph-kit';
import type { CorrectGigStationInput, MutationResolvers } from '../../generated/graphql';
import { GigStation, type StationKind } from './station.entity';

/** A station or scene, where it stands; points redeemed there name it. */
export const GIG_STATION_RECORD = defineRecord<GigStation>({
  type: 'GigStation',
  entity: GigStation,
  label: ['驿站或友好场景', 'station or scene'],
  owner: 'gig-care',
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
  referencedBy: [{ table: 'gig_points_entry', column: 'merchant_id', label: ['积分兑换记录', 'redemptions'] }],
});

/** Numbering of the ledger: 驿站 YZ001…, 友好场景 CJ001…, per district. */
const PREFIX: Record<StationKind, string> = { NEW_CITIZEN_STATION: 'YZ', FRIENDLY_SCENE: 'CJ' };

function servicesOf(given: readonly string[]): string[] {
  const services = [
    ...new Set(given.map((s, i) => optionalText(s, 'services', `服务功能第${i + 1}项`, 50)).filter((s): s is string => !!s)),
  ];
  if (!services.length) throw badInput('至少填写一项服务功能 / services must name at least one service', 'services');
  return services;
}

export const stationMutations: MutationResolvers = {
  openGigStation: (_, { input }, ctx) =>
    audited(
      ctx,
      'openGigStation',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, 'gig-care', communityCode);
        const name = requiredText(input.name, 'name', '站点名称', 100);
        const address = optionalText(input.address, 'address', '地址');
        const services = servicesOf(input.services);
        const builtOn = eventDay(input.builtOn, 'builtOn', '建成或规范提升日期');
        await assertInRegionTree(ctx, 'regions', communityCode, 'communityCode');
        const district = districtOf(communityCode);
        const number = await nextNumber(em, { table: 'gig_station', column: 'number', district, prefix: PREFIX[input.kind], width: 3 });
        return em.create(GigStation, {
          id: globalId(district, number),
          districtCode: district,
          number,
          name,
          kind: input.kind,
          communityCode,
          address,
          services,
          builtOn,
        });
      },
      (s) => `GigStation:${s.id}`,
    ),
  correctGigStation: correction<GigStation, CorrectGigStationInput, 'code'>(
    GIG_STATION_RECORD,
    async ({ ctx, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '站点名称', 100));
      if (input.address !== undefined) change.set(row, 'address', optionalText(input.address, 'address', '地址'));
      if (input.services) change.set(row, 'services', servicesOf(input.services));
      if (input.builtOn !== undefined)
        change.set(row, 'builtOn', input.builtOn === null ? null : notFuture(input.builtOn, 'builtOn', '建成或规范提升日期'));
      if (input.communityCode) {
        const code = regionCodeOf(input.communityCode, 'communityCode');
        if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
        assertCanWrite(ctx.caller, 'gig-care', code);
        await assertInRegionTree(ctx, 'regions', code, 'communityCode');
        change.set(row, 'communityCode', code);
      }
    },
    'code',
  ),
  withdrawGigStation: withdrawal(GIG_STATION_RECORD, { idArg: 'code' }),
};
