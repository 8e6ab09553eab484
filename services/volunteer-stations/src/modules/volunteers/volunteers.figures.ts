import { defineFigure, distinct, sql, stock } from '@district/subgraph-kit';

/** A volunteer counts where they served on the day: from registering (or moving there) until moving away or leaving. */
const serving = stock({ since: 'st.from_on', until: 'st.to_on', sinceRequired: true });

/** Volunteers registered (and not left) on the day, at the station they served that day. */
export const volunteersRegistered = defineFigure({
  name: 'volunteers.registered',
  source: { name: 'volunteer-stint', from: 'volunteer_stint st', place: 'st.community_code' },
  period: serving,
});

/**
 * Volunteers serving on the day who are among `persons` (person ids: here, the community workers in
 * post that day, as the workforce subgraph answers), once per person.
 */
export const volunteersAmong = defineFigure<{ persons: string[] }>({
  name: 'volunteers.among',
  source: {
    name: 'volunteer-stint-person',
    from: 'volunteer_stint st JOIN volunteer v ON v.id = st.volunteer_id',
    place: 'st.community_code',
  },
  period: serving,
  aggregate: distinct('v.person_hash'),
  where: (a) => sql`v.person_hash IN (SELECT jsonb_array_elements_text(${JSON.stringify(a.persons)}::jsonb))`,
});
