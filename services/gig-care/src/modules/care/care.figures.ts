import { defineFigure, eq, flow, ofYear, sum } from '@district/subgraph-kit';
import type { CareEventKind, PartnerType } from './care.entity';

type EventArgs = { kind?: CareEventKind | null };
/** Events sit at their district's node: a district counts its own, a street or community none. */
const events = { name: 'gig-care-event', from: 'gig_care_event t', place: 't.region_code' };

/** Care events held in the period; kind KNIGHT_FESTIVAL: 城市骑士节. */
export const careEvents = defineFigure<EventArgs>({
  name: 'care.events',
  source: events,
  period: flow('t.held_on'),
  where: (a) => eq('t.kind', a.kind),
});

/** People served (服务人次) at care events held in the period. */
export const careEventServed = defineFigure<EventArgs>({
  name: 'care.served',
  source: events,
  period: flow('t.held_on'),
  aggregate: sum('t.served'),
  where: (a) => eq('t.kind', a.kind),
});

/** Partner units taking part in the period's year (参与年度), one per ledger row, at their district's node. */
export const carePartners = defineFigure<{ type?: PartnerType | null }>({
  name: 'care.partners',
  source: { name: 'gig-care-partner', from: 'gig_care_partner t', place: 't.region_code' },
  period: ofYear('t.year'),
  where: (a) => eq('t.type', a.type),
});
