import { and, defineFigure, distinct, eq, flow, inList, sum } from '@district/subgraph-kit';
import type { VolunteerCategoryKind } from '../../generated/graphql';
import type { TargetGroup } from './activity.entity';

const activities = { name: 'activity', from: 'activity a', place: 'a.community_code' };
/** Hours sit where the activity was held, and count in the period of its day. */
const served = { name: 'service-record', from: 'service_record sr JOIN activity a ON a.id = sr.activity_id', place: 'a.community_code' };
const held = flow('a.held_on');

type HeldArgs = { category?: string | null; categoryKinds?: VolunteerCategoryKind[] | null; targetGroup?: TargetGroup | null };

/** Activities (场次) held in the period, optionally of one category, of any of some kinds, or of one target group. */
export const activitiesHeld = defineFigure<HeldArgs>({
  name: 'activities.held',
  source: activities,
  period: held,
  where: (a) =>
    and(
      eq('a.category', a.category?.trim() || null),
      a.categoryKinds?.length ? inList('a.category_kind', a.categoryKinds) : undefined,
      eq('a.target_group', a.targetGroup),
    ),
});

/** Activities held in the period per category. */
export const activitiesByCategory = defineFigure({
  name: 'activities.byCategory',
  source: activities,
  period: held,
  breakdown: 'a.category',
});

/** Activities held in the period per target group (ELDERLY …). */
export const activitiesByTargetGroup = defineFigure({
  name: 'activities.byTargetGroup',
  source: activities,
  period: held,
  breakdown: 'a.target_group',
});

/** People served (服务人次) by activities held in the period: the stations' counts summed. */
export const servicePersonTimes = defineFigure({
  name: 'activities.personTimes',
  source: activities,
  period: held,
  aggregate: sum('a.person_times'),
});

/** Volunteer hours at activities held in the period. */
export const serviceHours = defineFigure({
  name: 'activities.hours',
  source: served,
  period: held,
  aggregate: sum('sr.hours'),
});

/** Distinct volunteers with hours at activities held in the period. */
export const activeVolunteers = defineFigure({
  name: 'activities.activeVolunteers',
  source: served,
  period: held,
  aggregate: distinct('sr.volunteer_id'),
});
