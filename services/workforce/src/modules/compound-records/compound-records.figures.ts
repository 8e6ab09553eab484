import { and, defineFigure, during, eq, flow, inList, raw, sql, stock, sum } from '@district/subgraph-kit';
import type { CompoundFilingKind, CompoundInspectionKind, SmartCompoundKind } from './compound-record.entity';

type InspectionArgs = { kinds?: CompoundInspectionKind[] | null };
const inspections = { name: 'compound-inspection', from: 'compound_inspection i', place: 'i.community_code' };
const kindsOf = (a: InspectionArgs) => (a.kinds?.length ? inList('i.kind', a.kinds) : undefined);

/** Inspections held in the period. */
export const inspectionsHeld = defineFigure<InspectionArgs>({
  name: 'inspections.held',
  source: inspections,
  period: flow('i.inspected_on'),
  where: kindsOf,
});
/** Problems found by the inspections held in the period. */
export const inspectionProblemsFound = defineFigure<InspectionArgs>({
  name: 'inspections.found',
  source: inspections,
  period: flow('i.inspected_on'),
  aggregate: sum('i.problems_found'),
  where: kindsOf,
});
/**
 * Of those, the problems fixed by the period's last day (a fix confirmed later counts then): the
 * rectification rate is fixed ÷ found of the same inspections.
 */
export const inspectionProblemsFixed = defineFigure<InspectionArgs>({
  name: 'inspections.fixed',
  source: inspections,
  period: during((p) => sql`i.inspected_on BETWEEN ${p.from}::date AND ${p.to}::date AND i.fixed_on <= ${p.to}::date`),
  aggregate: sum('i.problems_fixed'),
  where: kindsOf,
});

type FilingArgs = { kinds?: CompoundFilingKind[] | null };
/** Items (件次) filed in the period, by kind. */
export const filingItems = defineFigure<FilingArgs>({
  name: 'filings.items',
  source: { name: 'compound-filing', from: 'compound_filing f', place: 'f.community_code' },
  period: flow('f.filed_on'),
  aggregate: sum('f.items'),
  where: (a) => (a.kinds?.length ? inList('f.kind', a.kinds) : undefined),
});

type SmartArgs = { kind?: SmartCompoundKind | null; resettlement?: boolean | null };
const smart = { name: 'smart-compound', from: 'smart_compound s', place: 's.community_code' };
const smartWhere = (a: SmartArgs) =>
  and(
    eq('s.kind', a.kind),
    a.resettlement === true ? raw('s.resettlement') : a.resettlement === false ? raw('NOT s.resettlement') : undefined,
  );

/** Works started (site chosen) in the period. */
export const smartStarted = defineFigure<SmartArgs>({
  name: 'smart.started',
  source: smart,
  period: flow('s.started_on'),
  where: smartWhere,
});
/** Works completed in the period. */
export const smartCompleted = defineFigure<SmartArgs>({
  name: 'smart.completed',
  source: smart,
  period: flow('s.completed_on'),
  where: smartWhere,
});
/** Works under way or done on asOf: started by then, whatever their step (what a plan counts). */
export const smartUnderway = defineFigure<SmartArgs>({
  name: 'smart.underway',
  source: smart,
  period: stock({ since: 's.started_on', sinceRequired: true }),
  where: smartWhere,
});
/** Compounds in service as smart compounds on asOf: completed by then. */
export const smartInService = defineFigure<SmartArgs>({
  name: 'smart.inService',
  source: smart,
  period: stock({ since: 's.completed_on', sinceRequired: true }),
  where: smartWhere,
});
