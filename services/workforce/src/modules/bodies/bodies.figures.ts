import { and, defineFigure, distinct, distinctSum, eq, flow, raw, stock } from '@district/subgraph-kit';
import type { JointEventKind, WorkingBodyKind } from './bodies.entity';

/**
 * A body or event is read at every place it names (`places`: its node, seat and member communities;
 * an event's host and participants) and counted once at a node holding several of them: two
 * communities' joint meeting is one meeting of their street.
 */
const bodies = { name: 'working-body', from: 'working_body b JOIN LATERAL unnest(b.places) AS p(code) ON TRUE', place: 'p.code' };
const events = { name: 'joint-event', from: 'joint_event e JOIN LATERAL unnest(e.places) AS p(code) ON TRUE', place: 'p.code' };

type BodyArgs = { kind?: WorkingBodyKind | null };

/** Bodies in place on the day: established on or before it, not dissolved by it (the dissolving day is exclusive). */
export const workingBodies = defineFigure<BodyArgs>({
  name: 'bodies.inPlace',
  source: bodies,
  period: stock({ since: 'b.established_on', until: 'b.dissolved_on', sinceRequired: true }),
  aggregate: distinct('b.id'),
  where: (a) => eq('b.kind', a.kind),
});

/** Bodies established in the period. */
export const bodiesEstablished = defineFigure<BodyArgs>({
  name: 'bodies.established',
  source: bodies,
  period: flow('b.established_on'),
  aggregate: distinct('b.id'),
  where: (a) => eq('b.kind', a.kind),
});

type EventArgs = { kind?: JointEventKind | null; jointOnly?: boolean | null };
const eventWhere = (a: EventArgs) => and(eq('e.kind', a.kind), a.jointOnly ? raw('e.communities >= 2') : undefined);
const eventSum = (name: string, column: string) =>
  defineFigure<EventArgs>({
    name: `jointEvents.${name}`,
    source: events,
    period: flow('e.held_on'),
    aggregate: distinctSum('e.id', column),
    where: eventWhere,
  });

/** Events held in the period; jointOnly: those of two or more communities. */
export const jointEvents = defineFigure<EventArgs>({
  name: 'jointEvents.held',
  source: events,
  period: flow('e.held_on'),
  aggregate: distinct('e.id'),
  where: eventWhere,
});
/** Topics discussed (研讨议题, as listed on each event). */
export const jointEventTopics = eventSum('topics', 'cardinality(e.topics)');
/** Common problems resolved jointly (联动处置共性难题). */
export const jointProblemsResolved = eventSum('problems', 'e.problems_resolved');
/** Enterprises attending (家). */
export const jointEventEnterprises = eventSum('enterprises', 'e.enterprises');
/** Social organisations attending (家). */
export const jointEventOrganizations = eventSum('organizations', 'e.organizations');
/** Person-times taking part (人次). */
export const jointEventPersonTimes = eventSum('personTimes', 'e.person_times');
/** Cost saved by working together (元). */
export const jointEventCostSaved = eventSum('costSaved', 'e.cost_saved');
