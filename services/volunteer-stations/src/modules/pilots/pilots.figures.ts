import { defineFigure, eq, stock } from '@district/subgraph-kit';
import type { PilotLevel } from './pilot.entity';

/** Pilot communities designated by the day, optionally of one level (市级 / 区级). */
export const pilotsDesignated = defineFigure<{ level?: PilotLevel | null }>({
  name: 'pilots.designated',
  source: { name: 'pilot', from: 'pilot pl', place: 'pl.community_code' },
  period: stock({ since: 'pl.designated_on', sinceRequired: true }),
  where: (a) => eq('pl.level', a.level),
});
