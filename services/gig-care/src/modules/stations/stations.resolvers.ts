import {
  assertCanWrite,
  audited,
  badInput,
  orderFrom,
  paginate,
  regionList,
  type PageArgs,
  type RequestContext,
  type SqlCondition,
  assertInRegionTree,
} from '@district/common';
import { communityCode, optionalText, pastDay, requiredText } from '../../lib/input';
import { nextCode } from '../../lib/next-code';
import { listPrefix } from '@district/common';
import { underPrefix } from '../../lib/place';
import { GigStation, type StationKind } from './gig-station.entity';
import { loadStation } from './station-loader';

export interface StationFilter {
  regionCode?: string | null;
  kind?: StationKind | null;
  builtFrom?: string | null;
  builtTo?: string | null;
}

function stationWhere(ctx: RequestContext, f: StationFilter | null | undefined) {
  const where: Record<string, unknown> = underPrefix(listPrefix(ctx, f?.regionCode));
  if (f?.kind) where.kind = f.kind;
  if (f?.builtFrom || f?.builtTo)
    where.builtOn = { ...(f.builtFrom ? { $gte: f.builtFrom } : {}), ...(f.builtTo ? { $lte: f.builtTo } : {}) };
  return where;
}

/** The same filter as SQL, for the batched per-Region lists (the node itself replaces regionCode). */
function stationSql(f: StationFilter | null | undefined): SqlCondition {
  const parts: [string, unknown][] = [];
  if (f?.kind) parts.push(['t.kind = ?', f.kind]);
  if (f?.builtFrom) parts.push(['t.built_on >= ?', f.builtFrom]);
  if (f?.builtTo) parts.push(['t.built_on <= ?', f.builtTo]);
  return { sql: ['TRUE', ...parts.map(([s]) => s)].join(' AND '), params: parts.map(([, p]) => p) };
}

const SORT = { CODE: 'code', BUILT_ON: 'builtOn', COMMUNITY_CODE: 'communityCode' };
/** Numbering of the ledger: 驿站 YZ001…, 友好场景 CJ001… */
const PREFIX: Record<StationKind, string> = { NEW_CITIZEN_STATION: 'YZ', FRIENDLY_SCENE: 'CJ' };

export interface OpenStationInput {
  name: string;
  kind: StationKind;
  communityCode: string;
  address?: string | null;
  services: string[];
  builtOn?: string | null;
}

function validStation(input: OpenStationInput) {
  const services = [...new Set(input.services.map((s) => s.trim()).filter(Boolean))];
  if (!services.length) throw badInput('至少填写一项服务功能 / services must name at least one service', 'services');
  return {
    name: requiredText(input.name, 'name', '站点名称', 100),
    kind: input.kind,
    communityCode: communityCode(input.communityCode),
    address: optionalText(input.address, 'address', '地址', 200),
    services,
    builtOn: pastDay(input.builtOn, 'builtOn'),
  };
}

export const stationResolvers = {
  Query: {
    gigStation: (_: unknown, { code }: { code: string }, ctx: RequestContext) => loadStation(ctx, code),
    gigStations: (
      _: unknown,
      a: PageArgs & { filter?: StationFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => paginate(ctx.em, GigStation, stationWhere(ctx, a.filter), orderFrom(a.sort, SORT, [{ code: 'asc' }]), a),
  },
  Mutation: {
    openStation: (_: unknown, { input }: { input: OpenStationInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'openStation',
        input,
        async (em) => {
          const data = validStation(input);
          assertCanWrite(ctx.caller, 'gig-care', data.communityCode);
          await assertInRegionTree(ctx, 'regions', data.communityCode, 'communityCode');
          const station = em.create(GigStation, { code: await nextCode(em, 'gig_station', 'code', PREFIX[data.kind], 3), ...data });
          await em.flush();
          return station;
        },
        (s) => `GigStation:${s.code}`,
      ),
  },
  Region: {
    gigStations: (r: { code: string }, a: PageArgs & { filter?: StationFilter }, ctx: RequestContext) =>
      regionList(
        ctx,
        { entity: GigStation, table: 'gig_station', column: 'community_code', where: stationSql(a.filter), order: 't.code' },
        listPrefix(ctx, r.code),
        a,
      ),
  },
  GigStation: {
    __resolveReference: (ref: { code: string }, ctx: RequestContext) => loadStation(ctx, ref.code),
    community: (s: GigStation) => ({ code: s.communityCode }),
  },
};
