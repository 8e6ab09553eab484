import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionTree } from '@district/common';
import { Compound, Grid, Region } from './region.entity';

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
  };
}
