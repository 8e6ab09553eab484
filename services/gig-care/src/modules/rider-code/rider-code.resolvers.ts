import { GraphQLError } from 'graphql';
import { districtNode, todayInChina } from '@district/common';
import {
  and,
  connection,
  listPrefix,
  listUnder,
  pageWindow,
  periodFor,
  previousPeriod,
  rateFigure,
  sql,
  yearOnYear,
  type ListSpec,
  type PageArgs,
  type RequestContext,
} from '@district/subgraph-kit';
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

/**
 * The compounds under a node, when the gateway did not send them along (a ranking asks the figure at
 * nodes it named itself): every node of the request asked of the region tree's owner in one call.
 */
const compoundCountOf = (ctx: RequestContext, code: string) =>
  ctx.loaders
    .get<string, number>('compound-counts', async (codes) => {
      const counts = await ctx.regionTree.compoundCounts([...codes]);
      return codes.map((c) => counts.get(c) ?? 0);
    })
    .load(code);

/**
 * Compounds without the rider code: the compounds under the node come from the region tree's owner
 * (its API, not its tables), and this subgraph keeps those it has not opened on the day, one page of
 * them in one statement.
 */
async function compoundsWithout(ctx: RequestContext, prefix: string, asOf: string, args: PageArgs) {
  const { limit, offset } = pageWindow(args);
  const nodes = prefix ? [prefix.padEnd(12, '0')] : (await ctx.regionTree.districts()).map(districtNode);
  const compounds = (await Promise.all(nodes.map((n) => ctx.regionTree.compoundsUnder(n, asOf)))).flat();
  const without = sql`FROM json_to_recordset(${JSON.stringify(compounds)}::json) AS c(id text)
    WHERE NOT EXISTS (SELECT 1 FROM gig_rider_code_compound r WHERE r.id = c.id AND r.opened_on <= ${asOf}::date)`;
  const page = sql`SELECT c.id, count(*) OVER () AS total ${without} ORDER BY c.id LIMIT ${limit} OFFSET ${offset}`;
  const rows: { id: string; total: string }[] = await ctx.em.getConnection().execute(page.text, [...page.params]);
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && offset > 0) {
    const counted = sql`SELECT count(*) AS n ${without}`;
    const [{ n }]: { n: string }[] = await ctx.em.getConnection().execute(counted.text, [...counted.params]);
    total = Number(n);
  }
  return connection(
    rows.map((r) => ({ id: r.id })),
    total,
    offset,
  );
}

export const riderCodeResolvers: Resolvers = {
  Query: {
    gigCompoundsWithoutRiderCode: (_, args, ctx) =>
      compoundsWithout(ctx, listPrefix(ctx, args.regionCode), args.asOf ?? todayInChina(), args),
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
      const now = periodFor(ctx, a);
      // the gateway sends the count along (@requires); a node a ranking named itself asks the region tree.
      // A count the gateway could not get (the workforce subgraph failed, or refused the node) is no
      // denominator, not zero.
      if ('compoundCount' in n && (n.compoundCount === null || n.compoundCount === undefined)) {
        throw new GraphQLError(
          '小区数暂不可得，覆盖率无法计算 / the compound count (workforce subgraph) is unavailable, so coverage cannot be computed',
          {
            extensions: { code: 'INCOMPLETE_RESPONSE' },
          },
        );
      }
      const compounds = n.compoundCount ?? (await compoundCountOf(ctx, n.code));
      const [opened, before] = await Promise.all([
        ctx.figures.number(riderCodeCompounds, {}, n.code, now),
        ctx.figures.number(riderCodeCompounds, {}, n.code, previousPeriod(now)),
      ]);
      return rateFigure([opened, compounds], [before, compounds]);
    },
  },
};
