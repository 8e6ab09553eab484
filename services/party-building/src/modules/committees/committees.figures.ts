import { defineFigure, flow, stock, sum } from '@district/subgraph-kit';

/** The district's own ledgers sit at its node: they count at the district, never at a street. */
const trainings = { name: 'party-training', from: 'party_training t', place: 't.region_code' };
const members = { name: 'committee-member-unit', from: 'committee_member_unit t', place: 't.region_code' };
const committees = { name: 'industry-committee', from: 'industry_committee t', place: 't.region_code' };

/** Sessions held in the period. */
export const trainingSessions = defineFigure({ name: 'trainings.sessions', source: trainings, period: flow('t.held_on') });

/** Person-times (参训人次) of sessions held in the period: the ledger records a count per session. */
export const trainingPersonTimes = defineFigure({
  name: 'trainings.personTimes',
  source: trainings,
  period: flow('t.held_on'),
  aggregate: sum('t.person_times'),
});

/** Member units of the working committee on the stock day: joined by then, not yet left. */
export const memberUnits = defineFigure({
  name: 'committee.members',
  source: members,
  period: stock({ since: 't.joined_on', until: 't.left_on', sinceRequired: true }),
});

/** Industry Party committees founded by the stock day. */
export const industryCommittees = defineFigure({
  name: 'industryCommittees.existing',
  source: committees,
  period: stock({ since: 't.founded_on', sinceRequired: true }),
});

/** Industry Party committees founded in the period. */
export const industryCommitteesFounded = defineFigure({
  name: 'industryCommittees.founded',
  source: committees,
  period: flow('t.founded_on'),
});
