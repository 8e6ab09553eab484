import { and, eq, historyField, listPrefix, type ListSpec, listUnder, periodOf, sql, yearOnYear } from '@district/subgraph-kit';
import type { Resolvers } from '../../generated/graphql';
import { GigCareEvent, GigCarePartner } from './care.entity';
import { careEvents, careEventServed, carePartners } from './care.figures';
import { CARE_EVENT_RECORD, CARE_PARTNER_RECORD } from './care.mutations';

/**
 * Events and partners sit at their district's node: listed under that district (or the whole
 * deployment for a caller without a region); a caller confined to a street or community sees none.
 */
const EVENTS: ListSpec<GigCareEvent> = {
  entity: GigCareEvent,
  table: 'gig_care_event',
  place: 'region_code',
  sortColumns: { CODE: 't.number', HELD_ON: 't.held_on', SERVED: 't.served' },
  defaultOrder: 't.id',
};

const PARTNERS: ListSpec<GigCarePartner> = {
  entity: GigCarePartner,
  table: 'gig_care_partner',
  place: 'region_code',
  sortColumns: { YEAR: 't.year', NAME: 't.name', TYPE: 't.type' },
  defaultOrder: 't.district_code, t.year, t.ledger_row',
};

export const careResolvers: Resolvers = {
  Query: {
    gigCareEvents: (_, args, ctx) => {
      const f = args.filter ?? {};
      const year = f.year ? periodOf(f.year) : null;
      const filter = and(eq('t.kind', f.kind), year ? sql`t.held_on BETWEEN ${year.from}::date AND ${year.to}::date` : undefined);
      return listUnder(ctx, EVENTS, listPrefix(ctx, f.regionCode), filter, args);
    },
    gigCarePartners: (_, args, ctx) => {
      const f = args.filter ?? {};
      return listUnder(ctx, PARTNERS, listPrefix(ctx, f.regionCode), and(eq('t.type', f.type), eq('t.year', f.year)), args);
    },
  },
  GigCareEvent: {
    history: historyField(CARE_EVENT_RECORD),
    code: (e) => e.number,
    region: (e) => ({ code: e.regionCode }),
  },
  GigCarePartner: {
    history: historyField(CARE_PARTNER_RECORD),
    region: (p) => ({ code: p.regionCode }),
  },
  GigCareFigures: {
    careEvents: (n, a, ctx) => yearOnYear(ctx, careEvents, a, n.code),
    careEventServed: (n, a, ctx) => yearOnYear(ctx, careEventServed, a, n.code),
    carePartners: (n, a, ctx) => yearOnYear(ctx, carePartners, a, n.code),
  },
};
