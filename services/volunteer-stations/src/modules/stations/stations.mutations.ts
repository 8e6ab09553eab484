import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, districtOf, globalId } from '@district/common';
import {
  assertInRegionTree,
  assertKeyFree,
  assertStep,
  audited,
  correction,
  defineLoop,
  defineRecord,
  eventDay,
  localNumberOf,
  notFuture,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectVolunteerStationInput, MutationResolvers, VolunteerStationStandardInput } from '../../generated/graphql';
import { ITEM_FLAG, ITEM_LABEL, missingItems, STANDARD_ITEMS, Station, type StandardItem } from './station.entity';
import { changeStandard } from './standards';

const DEPARTMENT = 'volunteer-stations';

/** A station; its 六有 history goes with it; volunteers and activities name it. */
export const STATION_RECORD = defineRecord<Station>({
  type: 'VolunteerStation',
  entity: Station,
  label: ['志愿服务站点', 'volunteer station'],
  owner: DEPARTMENT,
  placeOf: (s) => s.communityCode,
  idOf: (s) => s.id,
  owns: [{ table: 'station_standard', column: 'station_id' }],
  referencedBy: [
    { table: 'volunteer_stint', column: 'station_id', label: ['志愿者在站经历', "volunteers' stints"] },
    { table: 'activity', column: 'station_id', label: ['志愿服务活动', 'activities'] },
    { table: 'volunteer_project', column: 'station_id', label: ['志愿服务项目', 'volunteer projects'] },
  ],
});

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

/** A community of the tree, within the caller's rights. */
async function communityOf(ctx: RequestContext, raw: string): Promise<string> {
  const code = regionCodeOf(raw, 'communityCode');
  assertCanWrite(ctx.caller, DEPARTMENT, code);
  await assertInRegionTree(ctx, 'regions', code, 'communityCode');
  return code;
}

/** Volunteers, their stints and activities sit in their station's community, and move with it. */
async function followCommunity(em: EntityManager, station: Station): Promise<void> {
  const conn = em.getConnection();
  for (const table of ['volunteer', 'activity', 'volunteer_stint']) {
    await conn.execute(
      `UPDATE ${table} SET community_code = ? WHERE station_id = ? AND community_code <> ?`,
      [station.communityCode, station.id, station.communityCode],
      'all',
      em.getTransactionContext(),
    );
  }
}

export const stationMutations: MutationResolvers = {
  updateVolunteerStationStandard: (_, args, ctx) =>
    audited(
      ctx,
      'updateVolunteerStationStandard',
      args,
      async (em) => {
        const given = STANDARD_ITEMS.filter((i) => typeof args.standard[INPUT_FIELD[i]] === 'boolean');
        if (!given.length) throw badInput('请至少给出一项“六有”情况 / give at least one item', 'standard');
        const station = await recordToChange(ctx, em, STATION_RECORD, args.code, 'code');
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
        // the items as they stood before stay valid until the day of the change
        await changeStandard(em, station, on);
        return station;
      },
      (s) => `VolunteerStation:${s.id}`,
    ),

  createVolunteerStation: (_, { input }, ctx) =>
    audited(
      ctx,
      'createVolunteerStation',
      input,
      async (em) => {
        const communityCode = await communityOf(ctx, input.communityCode);
        const district = districtOf(communityCode);
        const number = localNumberOf(input.code, 'code', '站点编号');
        const id = globalId(district, number);
        await assertKeyFree(em, Station, { id }, 'code', `站点编号 ${number} `);
        const builtOn = eventDay(input.builtOn, 'builtOn', '建成日期');
        const flags = Object.fromEntries(STANDARD_ITEMS.map((i) => [ITEM_FLAG[i], input.standard?.[INPUT_FIELD[i]] === true])) as Record<
          (typeof ITEM_FLAG)[StandardItem],
          boolean
        >;
        const station = em.create(Station, {
          id,
          districtCode: district,
          number,
          name: requiredText(input.name, 'name', '站点名称', 100),
          communityCode,
          builtOn,
          standardizedOn: null,
          ...flags,
        });
        if (missingItems(station).length === 0) station.standardizedOn = builtOn;
        await changeStandard(em, station, builtOn);
        return station;
      },
      (s) => `VolunteerStation:${s.id}`,
    ),

  correctVolunteerStation: correction<Station, CorrectVolunteerStationInput, 'code'>(
    STATION_RECORD,
    async ({ ctx, em, row, change }, input) => {
      if (input.name !== undefined) change.set(row, 'name', requiredText(input.name, 'name', '站点名称', 100));
      if (input.communityCode) {
        const code = await communityOf(ctx, input.communityCode);
        if (districtOf(code) !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'communityCode');
        change.set(row, 'communityCode', code);
      }
      if (input.builtOn !== undefined)
        change.set(row, 'builtOn', input.builtOn === null ? null : notFuture(input.builtOn, 'builtOn', '建成日期'));
      if (change.has('communityCode')) {
        await em.flush();
        await followCommunity(em, row);
      }
    },
    'code',
  ),
  withdrawVolunteerStation: withdrawal(STATION_RECORD, { idArg: 'code' }),
};
