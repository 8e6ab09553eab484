import { defineFigure, eq, flow, raw, stock } from '@district/subgraph-kit';
import type { ContactKind } from './instructor.entity';

/** Instructors sit at their district's node: they count at the district, never at a street. */
export const instructorsDispatched = defineFigure({
  name: 'instructors.dispatched',
  source: { name: 'party-instructor', from: 'party_instructor t', place: 't.region_code' },
  period: stock({ since: 't.dispatched_on', sinceRequired: true }),
});

/** Contacts sit where the organization contacted sits. */
const contacts = { name: 'instructor-contact', from: 'instructor_contact t', place: 't.region_code' };

/** Contacts dated in the period, of one kind or all. */
export const contactsMade = defineFigure<{ kind?: ContactKind | null }>({
  name: 'instructors.contacts',
  source: contacts,
  period: flow('t.contacted_on'),
  where: (a) => eq('t.kind', a.kind),
});

/** Problems found by contacts dated in the period. */
export const problemsFound = defineFigure({
  name: 'instructors.problemsFound',
  source: contacts,
  period: flow('t.contacted_on'),
  where: () => raw('t.problem IS NOT NULL'),
});

/** Problems solved in the period, whenever found (the ledger's solved problems count on their contact's day). */
export const problemsSolved = defineFigure({
  name: 'instructors.problemsSolved',
  source: contacts,
  period: flow('t.solved_on'),
  where: () => raw('t.solved'),
});
