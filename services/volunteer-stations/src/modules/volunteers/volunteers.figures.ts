import { defineFigure, stock } from '@district/subgraph-kit';

/** Volunteers registered by the day, where their station is. */
export const volunteersRegistered = defineFigure({
  name: 'volunteers.registered',
  source: { name: 'volunteer', from: 'volunteer v', place: 'v.community_code' },
  period: stock({ since: 'v.registered_on', sinceRequired: true }),
});
