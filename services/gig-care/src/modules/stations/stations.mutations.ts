import { assertCanWrite, badInput, districtOf, globalId } from '@district/common';
import { assertInRegionTree, audited, eventDay, nextNumber, optionalText, regionCodeOf, requiredText } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { GigStation, type StationKind } from './station.entity';

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
  openStation: (_, { input }, ctx) =>
    audited(
      ctx,
      'openStation',
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
};
