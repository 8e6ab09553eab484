import { rowsJoined, sql, type RequestContext } from '@district/subgraph-kit';
import { InstructorAssignment, TwoNewOrganization } from '../organizations/organization.entity';
import { Instructor, InstructorContact } from './instructor.entity';

/**
 * Assignments and contacts link an instructor and an organization, and a response reaches them from
 * either side, at several depths. They come with both ends joined in, so whatever path asks, each
 * costs one statement per response and no loader of instructors or organizations is asked at two
 * depths.
 */
export type Assignment = InstructorAssignment & { instructor: Instructor; organization: TwoNewOrganization };
/** A contact from a list of contacts or a mutation has only its own columns; one reached through a link has both ends. */
export type Contact = InstructorContact & { instructor?: Instructor; organization?: TwoNewOrganization };

type Side = 'creditCode' | 'instructorId';
const COLUMN: Record<Side, string> = { creditCode: 'credit_code', instructorId: 'instructor_id' };

/** An organization's or an instructor's assignments, newest first. */
export async function assignmentsOf(ctx: RequestContext, side: Side, key: string): Promise<Assignment[]> {
  const rows = await rowsJoined(ctx, {
    name: `assignments:${side}`,
    from: 'instructor_assignment a JOIN party_instructor i ON i.id = a.instructor_id JOIN two_new_org o ON o.credit_code = a.credit_code',
    entities: { a: InstructorAssignment, i: Instructor, o: TwoNewOrganization },
    key: `a.${COLUMN[side]}`,
    order: 'a.assigned_on DESC, a.id DESC',
  }).load(key);
  return rows.map((r) => Object.assign(r.a, { instructor: r.i, organization: r.o }));
}

/** An organization's or an instructor's contacts (within a range of days when given), newest first. */
export async function contactsOf(ctx: RequestContext, side: Side, key: string, range?: { from: string; to: string }): Promise<Contact[]> {
  const rows = await rowsJoined(ctx, {
    name: `contacts:${side}`,
    from: 'instructor_contact c JOIN party_instructor i ON i.id = c.instructor_id JOIN two_new_org o ON o.credit_code = c.credit_code',
    entities: { c: InstructorContact, i: Instructor, o: TwoNewOrganization },
    key: `c.${COLUMN[side]}`,
    order: 'c.contacted_on DESC, c.number DESC',
    where: range ? sql`c.contacted_on BETWEEN ${range.from}::date AND ${range.to}::date` : undefined,
  }).load(key);
  return rows.map((r) => Object.assign(r.c, { instructor: r.i, organization: r.o }));
}
