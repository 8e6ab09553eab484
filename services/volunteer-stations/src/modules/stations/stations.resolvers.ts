import {
  assertCanWrite,
  audited,
  badInput,
  notFound,
  orderFrom,
  paginate,
  todayInChina,
  type PageArgs,
  type RequestContext,
} from '@district/common';
import { byCode, statsLoader, visibleByCode } from '../../lib/loaders';
import { listPrefix } from '@district/common';
import { ITEM_FLAG, missingItems, Pilot, STANDARD_ITEMS, Station, type StandardItem } from './station.entity';

interface StationFilter {
  regionCode?: string;
  standardized?: boolean;
  missingItem?: StandardItem;
}
type Sort = { field: string; direction?: 'ASC' | 'DESC' } | null;

const STATION_SORT = { CODE: 'code', NAME: 'name', COMMUNITY: 'communityCode', BUILT_ON: 'builtOn' };
const PILOT_SORT = { COMMUNITY: 'communityCode', DESIGNATED_ON: 'designatedOn' };

const allItems = Object.fromEntries(STANDARD_ITEMS.map((i) => [ITEM_FLAG[i], true]));

function stationWhere(ctx: RequestContext, f: StationFilter = {}): Record<string, unknown> {
  const where: Record<string, unknown> = { communityCode: { $like: `${listPrefix(ctx, f.regionCode)}%` } };
  if (f.standardized === true) Object.assign(where, allItems);
  if (f.standardized === false) where.$or = STANDARD_ITEMS.map((i) => ({ [ITEM_FLAG[i]]: false }));
  if (f.missingItem) where[ITEM_FLAG[f.missingItem]] = false;
  return where;
}

export const stationLoader = (ctx: RequestContext) => byCode(ctx, Station, 'station');

/** Input field of each item in VolunteerStationStandardInput. */
const INPUT_FIELD: Record<StandardItem, string> = {
  SITE: 'site',
  SIGN: 'sign',
  TEAM: 'team',
  RULES: 'rules',
  PROJECTS: 'projects',
  LEDGER: 'ledger',
};

async function updateStandard(ctx: RequestContext, args: { code: string; standard: Record<string, boolean | null | undefined> }) {
  const given = STANDARD_ITEMS.filter((i) => typeof args.standard[INPUT_FIELD[i]] === 'boolean');
  if (!given.length) throw badInput('请至少给出一项“六有”情况 / give at least one item', 'standard');
  return audited(
    ctx,
    'updateVolunteerStationStandard',
    args,
    async (em) => {
      const station = await em.findOne(Station, { code: args.code });
      if (!station) throw notFound(`站点 ${args.code} 不存在 / no station ${args.code}`);
      assertCanWrite(ctx.caller, 'volunteer-stations', station.communityCode);
      const wasStandard = !missingItems(station).length;
      for (const item of given) station[ITEM_FLAG[item]] = args.standard[INPUT_FIELD[item]] as boolean;
      const isStandard = !missingItems(station).length;
      if (isStandard && !wasStandard) station.standardizedOn = todayInChina();
      if (!isStandard) station.standardizedOn = null;
      return station;
    },
    (s) => `VolunteerStation:${s.code}`,
  );
}

export const stationResolvers = {
  Query: {
    volunteerStation: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Station, 'station', code),
    volunteerStations: (_: unknown, args: PageArgs & { filter?: StationFilter; sort?: Sort }, ctx: RequestContext) =>
      paginate(ctx.em, Station, stationWhere(ctx, args.filter), orderFrom(args.sort, STATION_SORT, [{ code: 'asc' }]), args),
    volunteerPilots: (
      _: unknown,
      args: PageArgs & { filter?: { regionCode?: string; level?: string }; sort?: Sort },
      ctx: RequestContext,
    ) => {
      const where: Record<string, unknown> = { communityCode: { $like: `${listPrefix(ctx, args.filter?.regionCode)}%` } };
      if (args.filter?.level) where.level = args.filter.level;
      return paginate(ctx.em, Pilot, where, orderFrom(args.sort, PILOT_SORT, [{ communityCode: 'asc' }]), args);
    },
  },
  Mutation: {
    updateVolunteerStationStandard: (_: unknown, args: { code: string; standard: Record<string, boolean | null> }, ctx: RequestContext) =>
      updateStandard(ctx, args),
  },
  VolunteerStation: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => visibleByCode(ctx, Station, 'station', ref.code),
    community: (s: Station) => ({ code: s.communityCode }),
    standardized: (s: Station) => missingItems(s).length === 0,
    standardItems: (s: Station) => STANDARD_ITEMS.filter((i) => s[ITEM_FLAG[i]]),
    missingStandardItems: (s: Station) => missingItems(s),
    volunteerCount: async (s: Station, _: unknown, ctx: RequestContext) =>
      (
        await statsLoader(
          ctx,
          'station:volunteers',
          { n: 0 },
          `SELECT station_code AS key, count(*) AS n FROM volunteer WHERE station_code = ANY(string_to_array(?, ',')) GROUP BY 1`,
        ).load(s.code)
      ).n,
    activityCount: async (s: Station, { year }: { year?: number | null }, ctx: RequestContext) =>
      (
        await statsLoader(
          ctx,
          `station:activities:${year ?? ''}`,
          { n: 0 },
          `SELECT station_code AS key, count(*) AS n FROM activity
         WHERE station_code = ANY(string_to_array(?, ',')) AND (?::int IS NULL OR extract(year FROM held_on) = ?::int) GROUP BY 1`,
          [year ?? null, year ?? null],
        ).load(s.code)
      ).n,
  },
  VolunteerPilot: {
    community: (p: Pilot) => ({ code: p.communityCode }),
  },
};
