import { and, defineFigure, distinct, during, eq, raw, sql, stock, sum } from '@district/subgraph-kit';
import type { PropertyMode } from './property.entity';

/** Compounds managed on the day in a mode (a period covers the day), optionally only 红色物业. */
export const compoundsByMode = defineFigure<{ mode?: PropertyMode | null; redProperty?: boolean | null }>({
  name: 'property.compounds',
  source: { name: 'property-service', from: 'property_service s', place: 's.community_code' },
  period: stock({ since: 's.from_on', until: 's.to_on', sinceRequired: true }),
  aggregate: distinct('s.compound_id'),
  where: (a) => and(eq('s.mode', a.mode), a.redProperty ? raw('s.red_property') : undefined),
});

/** Owners' committees whose term covers the day, optionally only 红色业委会. */
export const ownersCommittees = defineFigure<{ red?: boolean | null }>({
  name: 'property.ownersCommittees',
  source: { name: 'owners-committee', from: 'owners_committee c', place: 'c.community_code' },
  period: during((p) => sql`c.term_from <= ${p.asOf}::date AND c.term_to >= ${p.asOf}::date`),
  where: (a) => (a.red ? raw('c.red') : undefined),
});

type FeeArgs = { mode?: PropertyMode | null };
/** Compounds of the year managed in the mode at some time of it (信托制 pilots …). */
const inMode = (a: FeeArgs) =>
  a.mode
    ? sql`EXISTS (SELECT 1 FROM property_service s WHERE s.compound_id = f.compound_id AND s.withdrawn_on IS NULL AND s.mode = ${a.mode}
        AND s.from_on <= make_date(f.year, 12, 31) AND (s.to_on IS NULL OR s.to_on > make_date(f.year, 1, 1)))`
    : undefined;
const fees = { name: 'property-fee', from: 'property_fee f', place: 'f.community_code' };

/** Households that paid the year's fee (the collection rate's numerator). */
export const householdsPaid = defineFigure<FeeArgs>({
  name: 'property.paid',
  source: fees,
  period: during((p) => sql`f.year = ${p.year}`),
  aggregate: sum('f.households_paid'),
  where: inMode,
});

/** Households owing the year's fee (the denominator). */
export const householdsDue = defineFigure<FeeArgs>({
  name: 'property.due',
  source: fees,
  period: during((p) => sql`f.year = ${p.year}`),
  aggregate: sum('f.households_due'),
  where: inMode,
});
