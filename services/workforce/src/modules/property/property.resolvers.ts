import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  rateYearOnYear,
  raw,
  rowsBy,
  sql,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { PropertyServiceFilter, Resolvers } from '../../generated/graphql';
import { Compound } from '../regions/region.entity';
import { OwnersCommittee, PropertyFee, PropertyService } from './property.entity';
import { COMMITTEE_RECORD, FEES_RECORD, SERVICE_RECORD } from './property.mutations';
import { compoundsByMode, householdsDue, householdsPaid, ownersCommittees } from './property.figures';

const SERVICES: ListSpec<PropertyService> = {
  entity: PropertyService,
  table: 'property_service',
  place: 'community_code',
  sortColumns: { ID: 't.number', FROM_ON: 't.from_on' },
  defaultOrder: 't.id',
};

/** Periods under a node; "on a day" holds the periods the figure `compoundsByPropertyMode(asOf)` counts. */
function serviceList(ctx: RequestContext, prefix: string, args: ListArgs<PropertyServiceFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    SERVICES,
    prefix,
    and(
      eq('t.mode', f.mode),
      f.redProperty ? raw('t.red_property') : undefined,
      f.activeOn ? sql`t.from_on <= ${f.activeOn}::date AND (t.to_on IS NULL OR t.to_on > ${f.activeOn}::date)` : undefined,
    ),
    args,
  );
}

const compound = async (c: { compoundId: string }, ctx: RequestContext) => (await byKey<Compound>(ctx, Compound, 'id').load(c.compoundId))!;

export const propertyResolvers: Resolvers = {
  Query: {
    propertyServices: (_, args, ctx) => serviceList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    propertyServices: (r, args, ctx) => serviceList(ctx, listPrefix(ctx, r.code), args),
  },
  Compound: {
    propertyServices: (c, _, ctx) => rowsBy<PropertyService>(ctx, PropertyService, 'compoundId', { orderBy: { fromOn: 'asc' } }).load(c.id),
    ownersCommittees: (c, _, ctx) =>
      rowsBy<OwnersCommittee>(ctx, OwnersCommittee, 'compoundId', { orderBy: { termFrom: 'asc' } }).load(c.id),
    propertyFees: (c, _, ctx) => rowsBy<PropertyFee>(ctx, PropertyFee, 'compoundId', { orderBy: { year: 'asc' } }).load(c.id),
  },
  PropertyService: { compound: (s, _, ctx) => compound(s, ctx), history: historyField(SERVICE_RECORD) },
  OwnersCommittee: { compound: (c, _, ctx) => compound(c, ctx), history: historyField(COMMITTEE_RECORD) },
  PropertyFees: {
    compound: (f, _, ctx) => compound(f, ctx),
    collectionRate: (f) => (f.householdsDue ? Math.round((f.householdsPaid * 1000) / f.householdsDue) / 10 : null),
    history: historyField(FEES_RECORD),
  },
  GovernanceFigures: {
    compoundsByPropertyMode: (n, a, ctx) => yearOnYear(ctx, compoundsByMode, a, n.code),
    ownersCommittees: (n, a, ctx) => yearOnYear(ctx, ownersCommittees, a, n.code),
    propertyFeeCollectionRate: (n, a, ctx) => rateYearOnYear(ctx, householdsPaid, householdsDue, a, n.code),
  },
};
