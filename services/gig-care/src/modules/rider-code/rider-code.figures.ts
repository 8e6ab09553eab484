import { defineFigure, stock } from '@district/subgraph-kit';

/** Compounds opened to the rider code on or before the stock day, in the compound's community. */
export const riderCodeCompounds = defineFigure({
  name: 'riderCode.compounds',
  source: { name: 'gig-rider-code', from: 'gig_rider_code_compound t', place: 't.community_code' },
  period: stock({ since: 't.opened_on', sinceRequired: true }),
});
