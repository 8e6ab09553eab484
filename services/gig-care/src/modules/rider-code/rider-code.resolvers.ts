import { orderFrom, paginate, type PageArgs, type RequestContext } from '@district/common';
import { listPrefix } from '@district/common';
import { GigRiderCodeCompound } from './rider-code-compound.entity';

export interface RiderCodeFilter {
  regionCode?: string | null;
  openedFrom?: string | null;
  openedTo?: string | null;
}

/** Compounds of unknown community belong to the district node only, as in the figures. */
function placed(prefix: string): Record<string, unknown> {
  if (!prefix) return {};
  const under = { communityCode: { $like: `${prefix}%` } };
  return prefix.length === 6 ? { $or: [under, { communityCode: null }] } : under;
}

export const riderCodeResolvers = {
  Query: {
    gigRiderCodeCompounds: (
      _: unknown,
      a: PageArgs & { filter?: RiderCodeFilter; sort?: { field: string; direction?: 'ASC' | 'DESC' } },
      ctx: RequestContext,
    ) => {
      const where = placed(listPrefix(ctx, a.filter?.regionCode));
      const f = a.filter;
      if (f?.openedFrom || f?.openedTo)
        where.openedOn = { ...(f.openedFrom ? { $gte: f.openedFrom } : {}), ...(f.openedTo ? { $lte: f.openedTo } : {}) };
      return paginate(
        ctx.em,
        GigRiderCodeCompound,
        where,
        orderFrom(a.sort, { COMPOUND_CODE: 'compoundCode', OPENED_ON: 'openedOn' }, [{ compoundCode: 'asc' }]),
        a,
      );
    },
  },
  GigRiderCodeCompound: {
    compound: (c: GigRiderCodeCompound) => ({ code: c.compoundCode }),
  },
};
