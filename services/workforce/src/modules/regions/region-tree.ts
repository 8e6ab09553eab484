import type { EntityManager } from '@mikro-orm/postgresql';
import { prefixRange, regionPrefix, todayInChina, type RankingLevel, type RegionTree } from '@district/common';
import { Compound, Grid, Region } from './region.entity';

/** Which levels of node a ranking level names: a street's peers include towns (镇), a community's villages (村). */
const LEVELS: Record<Exclude<RankingLevel, 'CHILDREN'>, string[]> = { STREET: ['STREET', 'TOWN'], COMMUNITY: ['COMMUNITY'] };

/** Rows existing on a day (set up on or before it, not abolished by it); every row when no day is given. */
const existingOn = (on?: string | null) =>
  on
    ? {
        $and: [
          { $or: [{ establishedOn: null }, { establishedOn: { $lte: on } }] },
          { $or: [{ abolishedOn: null }, { abolishedOn: { $gt: on } }] },
        ],
      }
    : {};

/** The nodes below a node that a ranking compares (see RegionTree.nodesUnder). */
export async function nodesUnder(em: EntityManager, code: string, level: RankingLevel, on?: string | null): Promise<Region[]> {
  const { lo, hi } = prefixRange(regionPrefix(code));
  const where = level === 'CHILDREN' ? { parentCode: code } : { level: { $in: LEVELS[level] }, code: { $gte: lo, $lt: hi, $ne: code } };
  return em.find(Region, { ...where, ...existingOn(on) } as never, { orderBy: { code: 'asc' } });
}

/** Every compound below a node (see RegionTree.compoundsUnder). */
export async function compoundsUnder(em: EntityManager, code: string, on?: string | null): Promise<Compound[]> {
  const { lo, hi } = prefixRange(regionPrefix(code));
  return em.find(Compound, { communityCode: { $gte: lo, $lt: hi }, ...existingOn(on) } as never, { orderBy: { id: 'asc' } });
}

/** The region tree answered from this subgraph's own tables: it owns the tree. */
export function localRegionTree(em: EntityManager): RegionTree {
  const codesIn = async <T extends object>(entity: new () => T, key: keyof T & string, values: string[]) => {
    if (!values.length) return new Set<string>();
    const rows = await em.find(entity, { [key]: { $in: [...new Set(values)] } } as never, { fields: [key] as never });
    return new Set(rows.map((r) => String(r[key])));
  };
  let districts: Promise<string[]> | undefined;
  return {
    regions: (codes) => codesIn(Region, 'code', codes),
    grids: (codes) => codesIn(Grid, 'code', codes),
    compounds: (ids) => codesIn(Compound, 'id', ids),
    async compoundCommunities(ids) {
      const rows = ids.length ? await em.find(Compound, { id: { $in: [...new Set(ids)] } }) : [];
      return new Map(rows.map((c) => [c.id, c.communityCode]));
    },
    districts() {
      districts ??= em
        .find(Region, { level: 'DISTRICT' }, { orderBy: { code: 'asc' } })
        .then((rows) => rows.map((r) => r.code.slice(0, 6)));
      return districts;
    },
    nodesUnder: async (code, level, on) => (await nodesUnder(em, code, level, on)).map((r) => r.code),
    async compoundCounts(codes) {
      const out = new Map<string, number>();
      for (const code of new Set(codes)) {
        const { lo, hi } = prefixRange(regionPrefix(code));
        out.set(code, await em.count(Compound, { communityCode: { $gte: lo, $lt: hi }, ...existingOn(todayInChina()) } as never));
      }
      return out;
    },
    compoundsUnder: async (code, on) => (await compoundsUnder(em, code, on)).map((c) => ({ id: c.id, communityCode: c.communityCode })),
  };
}
