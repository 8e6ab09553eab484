import { and, defineFigure, distinct, eq, flow, inList, stock, sum } from '@district/subgraph-kit';
import type { FundingSource } from '../facilities/facility.entity';
import type { AutonomyActivityKind, SubsidyPurpose } from './autonomy.entity';

const stations = { name: 'autonomy-station', from: 'autonomy_station s', place: 's.community_code' };
const subsidies = { name: 'autonomy-subsidy', from: 'autonomy_subsidy b', place: 'b.community_code' };
const activities = { name: 'autonomy-activity', from: 'autonomy_activity a', place: 'a.community_code' };

/** Stations in use on the day: opened on or before it, not closed. A station never opened is not in use. */
export const stationsInUse = defineFigure({
  name: 'autonomy.inUse',
  source: stations,
  period: stock({ since: 's.opened_on', until: 's.closed_on', sinceRequired: true }),
});
/** Stations whose building started in the period (新建). */
export const stationsStarted = defineFigure({ name: 'autonomy.started', source: stations, period: flow('s.started_on') });
/** Stations opened in the period. */
export const stationsOpened = defineFigure({ name: 'autonomy.opened', source: stations, period: flow('s.opened_on') });
/** Stations accepted (验收) in the period. */
export const stationsAccepted = defineFigure({ name: 'autonomy.accepted', source: stations, period: flow('s.accepted_on') });

type SubsidyArgs = { sources?: FundingSource[] | null; purpose?: SubsidyPurpose | null };
const subsidyWhere = (a: SubsidyArgs) => and(a.sources?.length ? inList('b.source', a.sources) : undefined, eq('b.purpose', a.purpose));
/** Yuan granted in the period, by source and purpose. */
export const subsidyAmount = defineFigure<SubsidyArgs>({
  name: 'autonomy.subsidies',
  source: subsidies,
  period: flow('b.granted_on'),
  aggregate: sum('b.amount'),
  where: subsidyWhere,
});
/** Stations granted a subsidy in the period. */
export const stationsSubsidised = defineFigure<SubsidyArgs>({
  name: 'autonomy.subsidised',
  source: subsidies,
  period: flow('b.granted_on'),
  aggregate: distinct('b.station_id'),
  where: subsidyWhere,
});

type ActivityArgs = { kind?: AutonomyActivityKind | null };
const ofKind = (a: ActivityArgs) => eq('a.kind', a.kind);
/** Meetings and activities held at stations in the period. */
export const activitiesHeld = defineFigure<ActivityArgs>({
  name: 'autonomy.activities',
  source: activities,
  period: flow('a.held_on'),
  where: ofKind,
});
/** Person-times taking part. */
export const activityParticipants = defineFigure<ActivityArgs>({
  name: 'autonomy.participants',
  source: activities,
  period: flow('a.held_on'),
  aggregate: sum('a.participants'),
  where: ofKind,
});
/** Residents' needs collected at them. */
export const needsCollected = defineFigure<ActivityArgs>({
  name: 'autonomy.needsCollected',
  source: activities,
  period: flow('a.held_on'),
  aggregate: sum('a.needs_collected'),
  where: ofKind,
});
/** Problems resolved through them. */
export const issuesResolved = defineFigure<ActivityArgs>({
  name: 'autonomy.issuesResolved',
  source: activities,
  period: flow('a.held_on'),
  aggregate: sum('a.issues_resolved'),
  where: ofKind,
});
