import { and, defineFigure, during, eq, flow, raw, sql, TRUE, type FigureDef, type Sql } from '@district/subgraph-kit';
import type { PartyKeyAreaKind, PartyOrganizationType } from '../../generated/graphql';
import { CATEGORIES, coveredOn, type CoverageKind } from '../organizations/organizations.figures';

/**
 * Which units of an area coverage counts: the overall rate's units (parks, key enterprises, social
 * organizations, associations; DOMAIN.md "两个覆盖"), live, sitting in the area (a column or an id). Asked of unit `t`.
 */
export const areaUnits = (area: Sql | string): Sql => and(sql`t.key_area_id = ${area}`, raw('t.withdrawn_on IS NULL'), CATEGORIES.overall);

type AreaArgs = { areaKind?: PartyKeyAreaKind | null };
type CoveredArgs = AreaArgs & { kind?: CoverageKind | null };
const areas = { name: 'party-key-area', from: 'party_key_area a', place: 'a.region_code' };

/** Key areas of the district's record: it has no founding day, so every period counts them all. */
export const keyAreas = defineFigure<AreaArgs>({
  name: 'keyAreas.all',
  source: areas,
  period: during(() => TRUE),
  where: (a) => eq('a.kind', a.areaKind),
});

/**
 * Key areas fully covered on the stock day (全覆盖): at least one unit coverage counts sits in the
 * area, and every such unit is covered that day (by `kind`: organizational and work coverage by
 * default, as the coverage rates count).
 */
export const keyAreasFullyCovered: FigureDef<CoveredArgs> = defineFigure<CoveredArgs>({
  name: 'keyAreas.fullyCovered',
  source: areas,
  period: during((p) => fullyCoveredOn(raw('a.id'), 'ANY', p.asOf)),
  where: (a) => eq('a.kind', a.areaKind),
});

/** Per coverage kind: the engine caches by name, so each kind is its own figure. */
export const keyAreasFullyCoveredBy: Record<CoverageKind, FigureDef<AreaArgs>> = {
  ANY: keyAreasFullyCovered,
  ORGANIZATIONAL: defineFigure<AreaArgs>({
    name: 'keyAreas.fullyCovered.organizational',
    source: areas,
    period: during((p) => fullyCoveredOn(raw('a.id'), 'ORGANIZATIONAL', p.asOf)),
    where: (a) => eq('a.kind', a.areaKind),
  }),
  WORK: defineFigure<AreaArgs>({
    name: 'keyAreas.fullyCovered.work',
    source: areas,
    period: during((p) => fullyCoveredOn(raw('a.id'), 'WORK', p.asOf)),
    where: (a) => eq('a.kind', a.areaKind),
  }),
};

/**
 * Whether the area `area` (a column of an outer query not aliased `t`, which names the units here,
 * or an id) is fully covered on `day`.
 */
export function fullyCoveredOn(area: Sql | string, kind: CoverageKind, day: string): Sql {
  return sql`(EXISTS (SELECT 1 FROM two_new_org t WHERE ${areaUnits(area)})
    AND NOT EXISTS (SELECT 1 FROM two_new_org t WHERE ${areaUnits(area)} AND NOT ${coveredOn(kind, day)}))`;
}

const parties = { name: 'party-organization', from: 'party_organization p', place: 'p.region_code' };

/**
 * Party organizations founded (成立日期: the day one first covered a unit) in the period, of one type
 * or both; one covering units in several streets sits at the district's node.
 */
export const partyOrganizationsFounded = defineFigure<{ type?: PartyOrganizationType | null }>({
  name: 'partyOrganizations.founded',
  source: parties,
  period: flow('p.founded_on'),
  where: (a) => eq('p.formation', a.type),
});
