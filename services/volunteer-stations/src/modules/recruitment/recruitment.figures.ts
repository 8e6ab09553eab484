import { defineFigure, flow, sum } from '@district/subgraph-kit';

const recruitments = { name: 'volunteer-recruitment', from: 'volunteer_recruitment vr', place: 'vr.community_code' };
const trainings = { name: 'volunteer-training', from: 'volunteer_training vt', place: 'vt.community_code' };

/** Recruitments published in the period. */
export const recruitmentsPublished = defineFigure({
  name: 'recruitments.published',
  source: recruitments,
  period: flow('vr.published_on'),
});

/** Volunteers taken on (录用人数 summed) by recruitments published in the period; a recruitment not yet decided adds none. */
export const volunteersRecruited = defineFigure({
  name: 'recruitments.accepted',
  source: recruitments,
  period: flow('vr.published_on'),
  aggregate: sum('vr.accepted'),
});

/** Training sessions held in the period. */
export const trainingsHeld = defineFigure({ name: 'trainings.held', source: trainings, period: flow('vt.held_on') });

/** Person-times trained (培训人次 summed) at sessions held in the period. */
export const trainingPersonTimes = defineFigure({
  name: 'trainings.personTimes',
  source: trainings,
  period: flow('vt.held_on'),
  aggregate: sum('vt.person_times'),
});
