import { connection, orderFrom, paginate, scopePrefix, type PageArgs, type RequestContext } from '@district/common';
import { GigCareEvent, type CareEventKind } from './care-event.entity';
import { GigCarePartner, type PartnerType } from './care-partner.entity';

type Sort = { field: string; direction?: 'ASC' | 'DESC' };

/** Events and partners are district-wide records: a caller confined to a street or community sees none. */
const districtWide = (ctx: RequestContext) => scopePrefix(ctx.caller) === '';

export const careResolvers = {
  Query: {
    gigCareEvents: (_: unknown, a: PageArgs & { filter?: { kind?: CareEventKind; year?: number }; sort?: Sort }, ctx: RequestContext) => {
      if (!districtWide(ctx)) return connection([], 0, 0);
      const where: Record<string, unknown> = {};
      if (a.filter?.kind) where.kind = a.filter.kind;
      if (a.filter?.year) where.heldOn = { $gte: `${a.filter.year}-01-01`, $lte: `${a.filter.year}-12-31` };
      return paginate(
        ctx.em,
        GigCareEvent,
        where,
        orderFrom(a.sort, { CODE: 'code', HELD_ON: 'heldOn', SERVED: 'served' }, [{ code: 'asc' }]),
        a,
      );
    },
    gigCarePartners: (_: unknown, a: PageArgs & { filter?: { type?: PartnerType; year?: number }; sort?: Sort }, ctx: RequestContext) => {
      if (!districtWide(ctx)) return connection([], 0, 0);
      const where: Record<string, unknown> = {};
      if (a.filter?.type) where.type = a.filter.type;
      if (a.filter?.year) where.year = a.filter.year;
      const order = orderFrom<GigCarePartner>(a.sort, { YEAR: 'year', NAME: 'name', TYPE: 'type' }, [
        { year: 'asc' },
        { ledgerRow: 'asc' },
      ]);
      return paginate(ctx.em, GigCarePartner, where, order, a);
    },
  },
  GigCarePartner: {
    id: (p: GigCarePartner) => `${p.year}-${p.ledgerRow}`,
  },
};
