import { GraphQLError } from 'graphql';
import { and, listPrefix, listUnder, periodOf, previousPeriod, rateFigure, sql, yearOnYear, type ListSpec } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { GigRiderCodeCompound } from './rider-code.entity';
import { riderCodeCompounds } from './rider-code.figures';

const RIDER_CODE: ListSpec<GigRiderCodeCompound> = {
  entity: GigRiderCodeCompound,
  table: 'gig_rider_code_compound',
  place: 'community_code',
  sortColumns: { COMPOUND_CODE: 't.number', OPENED_ON: 't.opened_on' },
  defaultOrder: 't.id',
};

export const riderCodeResolvers: Resolvers = {
  Query: {
    gigRiderCodeCompounds: (_, args, ctx) => {
      const f = args.filter ?? {};
      const filter = and(
        f.openedFrom ? sql`t.opened_on >= ${f.openedFrom}::date` : undefined,
        f.openedTo ? sql`t.opened_on <= ${f.openedTo}::date` : undefined,
      );
      return listUnder(ctx, RIDER_CODE, listPrefix(ctx, f.regionCode), filter, args);
    },
  },
  GigRiderCodeCompound: {
    compoundCode: (c) => c.number,
    compound: (c) => ({ id: c.id }),
    community: (c) => ({ code: c.communityCode }),
  },
  GigCareFigures: {
    riderCodeCompounds: (n, a, ctx) => yearOnYear(ctx, riderCodeCompounds, a, n.code),
    /**
     * Opened compounds ÷ the node's compounds. The denominator is the workforce subgraph's count of
     * compounds existing today (Region.compoundCount, sent along through @requires); it has no
     * count as of a past day, so today's count is last year's denominator too.
     */
    riderCodeCoverage: async (n, a, ctx) => {
      const now = periodOf(a.year, a.asOf);
      const [opened, before] = await Promise.all([
        ctx.figures.number(riderCodeCompounds, {}, n.code, now),
        ctx.figures.number(riderCodeCompounds, {}, n.code, previousPeriod(now)),
      ]);
      // no count from the workforce subgraph (it failed, or refused the node) is no denominator, not zero
      if (n.compoundCount === null || n.compoundCount === undefined) {
        throw new GraphQLError(
          '小区数暂不可得，覆盖率无法计算 / the compound count (workforce subgraph) is unavailable, so coverage cannot be computed',
          {
            extensions: { code: 'INCOMPLETE_RESPONSE' },
          },
        );
      }
      const compounds = n.compoundCount;
      return rateFigure([opened, compounds], [before, compounds]);
    },
  },
};
