import { defineFigure, historyField, listPrefix, listUnder, sql, stock, TRUE, yearOnYear, type ListSpec } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { VillagersGroup } from './villagers-group.entity';
import { GROUP_RECORD } from './villagers-groups.mutations';

/** Groups existing on a day: set up on or before it (undated: before the ledgers), not yet abolished. */
export const villagersGroups = defineFigure({
  name: 'structure.villagersGroups',
  source: { name: 'villagers-group', from: 'villagers_group t', place: 't.community_code' },
  period: stock({ since: 't.established_on', until: 't.abolished_on' }),
});

const GROUPS: ListSpec<VillagersGroup> = {
  entity: VillagersGroup,
  table: 'villagers_group',
  place: 'community_code',
  sortColumns: {},
  defaultOrder: 't.code',
};

export const villagersGroupResolvers: Resolvers = {
  Region: {
    villagersGroups: (r, args, ctx) =>
      listUnder(
        ctx,
        GROUPS,
        listPrefix(ctx, r.code),
        args.activeOn
          ? sql`(t.established_on IS NULL OR t.established_on <= ${args.activeOn}::date) AND (t.abolished_on IS NULL OR t.abolished_on > ${args.activeOn}::date)`
          : TRUE,
        args,
      ),
  },
  RegionStructure: {
    villagersGroups: (n, _, ctx) => yearOnYear(ctx, villagersGroups, n, n.code),
  },
  VillagersGroup: {
    id: (g) => g.code,
    community: async (g, _, ctx) => (await regionByCode(ctx, g.communityCode))!,
    history: historyField(GROUP_RECORD),
  },
};
