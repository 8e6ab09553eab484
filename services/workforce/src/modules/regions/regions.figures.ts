import { defineFigure, raw, stock } from '@district/subgraph-kit';

/** Nodes, grids and compounds existing on a day: set up on or before it (undated: before the ledgers), not yet abolished. */
const existing = stock({ since: 't.established_on', until: 't.abolished_on' });

export const communities = defineFigure({
  name: 'structure.communities',
  source: { name: 'region-communities', from: `region t`, place: 't.code' },
  period: existing,
  where: () => raw(`t.level = 'COMMUNITY'`),
});

export const grids = defineFigure({
  name: 'structure.grids',
  source: { name: 'grid', from: 'grid t', place: 't.community_code' },
  period: existing,
});

export const compounds = defineFigure({
  name: 'structure.compounds',
  source: { name: 'compound', from: 'compound t', place: 't.community_code' },
  period: existing,
});
