import { todayInChina } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  raw,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { PartyCoverageKind, PartyKeyAreaFilter, Resolvers } from '../../generated/graphql';
import { coveredOn, type CoverageKind } from '../organizations/organizations.figures';
import { PartyKeyArea } from './key-area.entity';
import { areaUnits, fullyCoveredOn, keyAreas, keyAreasFullyCoveredBy, partyOrganizationsFounded } from './key-areas.figures';
import { KEY_AREA_RECORD, keyAreaMutations } from './key-areas.mutations';

/** What PartyKeyAreaCoverage shows: the area's units coverage counts, and those covered on the day. */
export interface KeyAreaCoverage {
  asOf: string;
  units: number;
  covered: number;
  fullyCovered: boolean;
}

const KEY_AREAS: ListSpec<PartyKeyArea> = {
  entity: PartyKeyArea,
  table: 'party_key_area',
  place: 'region_code',
  sortColumns: { CODE: 't.number', NAME: 't.name', KIND: 't.kind' },
  defaultOrder: 't.id',
};

/** The old spelling of the coverage kind is still accepted. */
const coverageKind = (kind: PartyCoverageKind | null | undefined): CoverageKind =>
  kind === 'ORGANISATIONAL' ? 'ORGANIZATIONAL' : (kind ?? 'ANY');

/** Key areas under a node (checked against the caller's scope). */
function keyAreaList(ctx: RequestContext, prefix: string, args: ListArgs<PartyKeyAreaFilter>) {
  const f = args.filter ?? {};
  const day = f.coverageAsOf ?? todayInChina();
  const kind = coverageKind(f.coverageKind);
  // the units' subqueries call their rows t: the area is named through a query of its own
  const covered = sql`t.id IN (SELECT a.id FROM party_key_area a WHERE ${fullyCoveredOn(raw('a.id'), kind, day)})`;
  const full = f.fullyCovered === true ? covered : f.fullyCovered === false ? sql`NOT ${covered}` : undefined;
  return listUnder(ctx, KEY_AREAS, prefix, and(eq('t.kind', f.kind), full), args);
}

/** An area's coverage on a day: one statement per area. */
async function coverageOf(
  ctx: RequestContext,
  area: PartyKeyArea,
  asOf: string | null | undefined,
  kind: CoverageKind,
): Promise<KeyAreaCoverage> {
  const day = asOf ?? todayInChina();
  const q = sql`SELECT count(*)::int AS units, count(*) FILTER (WHERE ${coveredOn(kind, day)})::int AS covered
    FROM two_new_org t WHERE ${areaUnits(area.id)}`;
  const [row]: { units: number; covered: number }[] = await ctx.em.getConnection(ctx.readFrom).execute(q.text, [...q.params]);
  return { asOf: day, units: row.units, covered: row.covered, fullyCovered: row.units > 0 && row.covered === row.units };
}

const areaById = (ctx: RequestContext, id: string) => byKey<PartyKeyArea>(ctx, PartyKeyArea, 'id').load(id);
export const visibleArea = async (ctx: RequestContext, id: string) => visible(ctx, await areaById(ctx, id), (a) => a.regionCode);

export const keyAreaResolvers: Resolvers = {
  Query: {
    partyKeyArea: async (_, { code }, ctx) => visibleArea(ctx, await recordId(ctx, code, 'code')),
    partyKeyAreas: (_, args, ctx) => keyAreaList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Mutation: keyAreaMutations,
  Region: {
    partyKeyAreas: (r, args, ctx) => keyAreaList(ctx, listPrefix(ctx, r.code), args),
  },
  PartyKeyArea: {
    __resolveReference: (ref, ctx) => visibleArea(ctx, ref.id),
    code: (a) => a.number,
    region: (a) => ({ code: a.regionCode }),
    coverage: (a, args, ctx) => coverageOf(ctx, a, args.asOf, coverageKind(args.kind)),
    history: historyField(KEY_AREA_RECORD),
  },
  TwoNewOrganization: {
    // an organization sits in its area: the area is shown wherever the organization is
    keyArea: (o, _, ctx) => (o.keyAreaId ? areaById(ctx, o.keyAreaId) : null),
  },
  PartyBuildingFigures: {
    keyAreas: (n, a, ctx) => yearOnYear(ctx, keyAreas, a, n.code),
    keyAreasFullyCovered: (n, a, ctx) =>
      yearOnYear(ctx, keyAreasFullyCoveredBy[coverageKind(a.kind)], { year: a.year, asOf: a.asOf, areaKind: a.areaKind }, n.code),
    partyOrganizationsFounded: (n, a, ctx) => yearOnYear(ctx, partyOrganizationsFounded, a, n.code),
  },
};
