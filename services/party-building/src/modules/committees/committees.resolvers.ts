import { paginate, scopePrefix, todayInChina, type PageArgs, type RequestContext } from '@district/common';
import { assertRange } from '../../sql';
import { CommitteeMemberUnit, IndustryCommittee, PartyTraining } from './committee.entity';

/** District-level ledgers: a scoped caller sees the rows of its own region only. */
function scoped(ctx: RequestContext, where: Record<string, unknown>) {
  const prefix = scopePrefix(ctx.caller);
  return prefix ? { ...where, regionCode: { $like: `${prefix}%` } } : where;
}

function dateRange(from?: string | null, to?: string | null) {
  assertRange(from, to);
  return from || to ? { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } : undefined;
}

export const committeeResolvers = {
  Query: {
    partyCommitteeMemberUnits: (_: unknown, args: PageArgs & { asOf?: string }, ctx: RequestContext) => {
      const day = args.asOf ?? todayInChina();
      return paginate(
        ctx.em,
        CommitteeMemberUnit,
        scoped(ctx, { joinedOn: { $lte: day }, $or: [{ leftOn: null }, { leftOn: { $gt: day } }] }),
        [{ joinedOn: 'asc' }, { name: 'asc' }],
        args,
      );
    },
    partyIndustryCommittees: (_: unknown, args: PageArgs & { foundedFrom?: string; foundedTo?: string }, ctx: RequestContext) => {
      const founded = dateRange(args.foundedFrom, args.foundedTo);
      return paginate(
        ctx.em,
        IndustryCommittee,
        scoped(ctx, founded ? { foundedOn: founded } : {}),
        [{ foundedOn: 'asc' }, { name: 'asc' }],
        args,
      );
    },
    partyTrainings: (_: unknown, args: PageArgs & { from?: string; to?: string }, ctx: RequestContext) => {
      const held = dateRange(args.from, args.to);
      return paginate(ctx.em, PartyTraining, scoped(ctx, held ? { heldOn: held } : {}), [{ heldOn: 'asc' }, { code: 'asc' }], args);
    },
  },
};
