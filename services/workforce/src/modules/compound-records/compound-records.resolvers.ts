import {
  and,
  byKey,
  eq,
  historyField,
  inList,
  listPrefix,
  listUnder,
  raw,
  rateYearOnYear,
  recordId,
  sql,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CompoundFilingFilter, CompoundInspectionFilter, Resolvers, SmartCompoundFilter } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { Compound } from '../regions/region.entity';
import { CompoundFiling, CompoundInspection, SmartCompound } from './compound-record.entity';
import { FILING_RECORD, INSPECTION_RECORD, SMART_RECORD } from './compound-records.mutations';
import {
  filingItems,
  inspectionProblemsFixed,
  inspectionProblemsFound,
  inspectionsHeld,
  smartCompleted,
  smartInService,
  smartStarted,
  smartUnderway,
} from './compound-records.figures';

const between = (column: string, from?: string | null, to?: string | null) =>
  and(from ? sql`${raw(column)} >= ${from}::date` : undefined, to ? sql`${raw(column)} <= ${to}::date` : undefined);
const flag = (column: string, v: boolean | null | undefined) => (v === true ? raw(column) : v === false ? raw(`NOT ${column}`) : undefined);
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
const compoundOf = (id: string | null | undefined, ctx: RequestContext) => (id ? byKey<Compound>(ctx, Compound, 'id').load(id) : null);

const INSPECTIONS: ListSpec<CompoundInspection> = {
  entity: CompoundInspection,
  table: 'compound_inspection',
  place: 'community_code',
  sortColumns: { ID: 't.number', INSPECTED_ON: 't.inspected_on', PROBLEMS_FOUND: 't.problems_found' },
  defaultOrder: 't.id',
};
async function inspectionList(ctx: RequestContext, prefix: string, args: ListArgs<CompoundInspectionFilter>) {
  const f = args.filter ?? {};
  const compound = f.compoundId ? await recordId(ctx, f.compoundId, 'compoundId') : null;
  return listUnder(
    ctx,
    INSPECTIONS,
    prefix,
    and(
      eq('t.compound_id', compound),
      f.kinds?.length ? inList('t.kind', f.kinds) : undefined,
      between('t.inspected_on', f.inspectedFrom, f.inspectedTo),
      flag('t.problems_fixed < t.problems_found', f.open),
    ),
    args,
  );
}

const FILINGS: ListSpec<CompoundFiling> = {
  entity: CompoundFiling,
  table: 'compound_filing',
  place: 'community_code',
  sortColumns: { ID: 't.number', FILED_ON: 't.filed_on', ITEMS: 't.items' },
  defaultOrder: 't.id',
};
async function filingList(ctx: RequestContext, prefix: string, args: ListArgs<CompoundFilingFilter>) {
  const f = args.filter ?? {};
  const compound = f.compoundId ? await recordId(ctx, f.compoundId, 'compoundId') : null;
  return listUnder(
    ctx,
    FILINGS,
    prefix,
    and(
      eq('t.compound_id', compound),
      f.kinds?.length ? inList('t.kind', f.kinds) : undefined,
      between('t.filed_on', f.filedFrom, f.filedTo),
    ),
    args,
  );
}

const SMART: ListSpec<SmartCompound> = {
  entity: SmartCompound,
  table: 'smart_compound',
  place: 'community_code',
  sortColumns: { ID: 't.number', STARTED_ON: 't.started_on', COMPLETED_ON: 't.completed_on' },
  defaultOrder: 't.id',
};
function smartList(ctx: RequestContext, prefix: string, args: ListArgs<SmartCompoundFilter>) {
  const f = args.filter ?? {};
  return listUnder(
    ctx,
    SMART,
    prefix,
    and(
      eq('t.kind', f.kind),
      eq('t.status', f.status),
      flag('t.resettlement', f.resettlement),
      between('t.started_on', f.startedFrom, f.startedTo),
      between('t.completed_on', f.completedFrom, f.completedTo),
    ),
    args,
  );
}

export const compoundRecordResolvers: Resolvers = {
  Query: {
    compoundInspection: async (_, { id }, ctx) =>
      visible(ctx, await byKey<CompoundInspection>(ctx, CompoundInspection, 'id').load(await recordId(ctx, id)), (i) => i.communityCode),
    compoundInspections: (_, args, ctx) => inspectionList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    compoundFiling: async (_, { id }, ctx) =>
      visible(ctx, await byKey<CompoundFiling>(ctx, CompoundFiling, 'id').load(await recordId(ctx, id)), (f) => f.communityCode),
    compoundFilings: (_, args, ctx) => filingList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    smartCompound: async (_, { id }, ctx) =>
      visible(ctx, await byKey<SmartCompound>(ctx, SmartCompound, 'id').load(await recordId(ctx, id)), (s) => s.communityCode),
    smartCompounds: (_, args, ctx) => smartList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    compoundInspections: (r, args, ctx) => inspectionList(ctx, listPrefix(ctx, r.code), args),
    compoundFilings: (r, args, ctx) => filingList(ctx, listPrefix(ctx, r.code), args),
    smartCompounds: (r, args, ctx) => smartList(ctx, listPrefix(ctx, r.code), args),
  },
  CompoundInspection: {
    community: async (i, _, ctx) => (await regionByCode(ctx, i.communityCode))!,
    compound: (i, _, ctx) => compoundOf(i.compoundId, ctx),
    history: historyField(INSPECTION_RECORD),
  },
  CompoundFiling: {
    community: async (f, _, ctx) => (await regionByCode(ctx, f.communityCode))!,
    compound: (f, _, ctx) => compoundOf(f.compoundId, ctx),
    history: historyField(FILING_RECORD),
  },
  SmartCompound: {
    community: async (s, _, ctx) => (await regionByCode(ctx, s.communityCode))!,
    compound: (s, _, ctx) => compoundOf(s.compoundId, ctx),
    funding: (s) => num(s.funding),
    history: historyField(SMART_RECORD),
  },
  GovernanceFigures: {
    compoundInspections: (n, a, ctx) => yearOnYear(ctx, inspectionsHeld, a, n.code),
    inspectionProblemsFound: (n, a, ctx) => yearOnYear(ctx, inspectionProblemsFound, a, n.code),
    inspectionProblemsFixed: (n, a, ctx) => yearOnYear(ctx, inspectionProblemsFixed, a, n.code),
    inspectionRectificationRate: (n, a, ctx) => rateYearOnYear(ctx, inspectionProblemsFixed, inspectionProblemsFound, a, n.code),
    compoundFilings: (n, a, ctx) => yearOnYear(ctx, filingItems, a, n.code),
    smartCompoundsStarted: (n, a, ctx) => yearOnYear(ctx, smartStarted, a, n.code),
    smartCompoundsCompleted: (n, a, ctx) => yearOnYear(ctx, smartCompleted, a, n.code),
    smartCompoundsUnderway: (n, a, ctx) => yearOnYear(ctx, smartUnderway, a, n.code),
    smartCompoundsInService: (n, a, ctx) => yearOnYear(ctx, smartInService, a, n.code),
  },
};
