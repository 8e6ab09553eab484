import { assertCanWrite, badInput, notFound } from '@district/common';
import { assertStep, audited, defineLoop, eventDay, recordId } from '@district/subgraph-kit';
import type { MutationResolvers, VolunteerStationStandardInput } from '../../generated/graphql';
import { ITEM_FLAG, ITEM_LABEL, missingItems, STANDARD_ITEMS, Station, type StandardItem } from './station.entity';

type ItemState = 'MISSING' | 'PRESENT';
const ITEM_STATES: Record<ItemState, string> = { MISSING: '缺少', PRESENT: '具备' };

/**
 * A 六有 item is supplied (missing → present) or, to correct the record, withdrawn (present →
 * missing): one step each way, so an item asked for the state it is already in is CONFLICT, as a
 * step out of order is in every closed loop.
 */
const SUPPLY = defineLoop<ItemState>({ states: ['MISSING', 'PRESENT'], labels: ITEM_STATES, what: '“六有”项' });
const WITHDRAW = defineLoop<ItemState>({ states: ['PRESENT', 'MISSING'], labels: ITEM_STATES, what: '“六有”项' });

/** Input field of each item in VolunteerStationStandardInput. */
const INPUT_FIELD: Record<StandardItem, keyof VolunteerStationStandardInput> = {
  SITE: 'site',
  SIGN: 'sign',
  TEAM: 'team',
  RULES: 'rules',
  PROJECTS: 'projects',
  LEDGER: 'ledger',
};

export const stationMutations: MutationResolvers = {
  updateVolunteerStationStandard: (_, args, ctx) =>
    audited(
      ctx,
      'updateVolunteerStationStandard',
      args,
      async (em) => {
        const given = STANDARD_ITEMS.filter((i) => typeof args.standard[INPUT_FIELD[i]] === 'boolean');
        if (!given.length) throw badInput('请至少给出一项“六有”情况 / give at least one item', 'standard');
        const station = await em.findOne(Station, { id: await recordId(ctx, args.code, 'code') });
        if (!station) throw notFound(`站点不存在：${args.code} / no such station`, 'code');
        assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
        const on = eventDay(args.on, 'on', '生效日期', station.builtOn ? { day: station.builtOn, after: '建成日期' } : null);
        const wasStandard = missingItems(station).length === 0;
        for (const item of given) {
          const present = args.standard[INPUT_FIELD[item]] === true;
          const loop = { ...(present ? SUPPLY : WITHDRAW), what: `“六有”项“${ITEM_LABEL[item]}”` };
          assertStep(loop, station[ITEM_FLAG[item]] ? 'PRESENT' : 'MISSING', present ? 'PRESENT' : 'MISSING');
          station[ITEM_FLAG[item]] = present;
        }
        const isStandard = missingItems(station).length === 0;
        if (isStandard && !wasStandard) station.standardizedOn = on;
        if (!isStandard) station.standardizedOn = null;
        return station;
      },
      (s) => `VolunteerStation:${s.id}`,
    ),
};
