import { defineFigure, eq, ofYear, raw } from '@district/subgraph-kit';
import type { AnnualInspectionResult } from '../../generated/graphql';

/** Inspection results sit where their organisation is; a year's figure counts the results of that inspection year. */
const INSPECTIONS = {
  name: 'annual-inspection',
  from: 'annual_inspection i JOIN social_organization o ON o.code = i.organization_code',
  place: 'o.region_code',
};

/** Results of the inspection year, optionally of one conclusion. */
export const inspections = defineFigure<{ result?: AnnualInspectionResult | null }>({
  name: 'inspections.results',
  source: INSPECTIONS,
  period: ofYear('i.year'),
  where: (a) => eq('i.result', a.result),
});

/** Results 合格 of the inspection year: the pass rate's numerator (the denominator is every result). */
export const inspectionsPassed = defineFigure({
  name: 'inspections.passed',
  source: INSPECTIONS,
  period: ofYear('i.year'),
  where: () => raw(`i.result = 'QUALIFIED'`),
});
