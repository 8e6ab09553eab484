import { defineFigure, eq, flow } from '@district/subgraph-kit';
import type { WriteupKind } from './writeup.entity';

/** Cases, research topics and write-ups completed in the period, by kind. */
export const writeupsCompleted = defineFigure<{ kind?: WriteupKind | null }>({
  name: 'writeups.completed',
  source: { name: 'writeup', from: 'writeup w', place: 'w.region_code' },
  period: flow('w.completed_on'),
  where: (a) => eq('w.kind', a.kind),
});
