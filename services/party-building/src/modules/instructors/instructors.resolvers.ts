import { connection, inScope, pageWindow, scopePrefix, sqlPage, todayInChina, type PageArgs, type RequestContext } from '@district/common';
import { loaders, type Assignment, type Contact } from '../../loaders';
import { assertRange, nodePrefix, orderSql, Where } from '../../sql';
import { Instructor, InstructorContact, type ContactKind, type Source } from './instructor.entity';
import { rhythmPeriod, rhythms, type Rhythm } from './rhythm';

type Sort = { field: string; direction?: 'ASC' | 'DESC' | null } | null;

/**
 * Instructors are dispatched by the district, but a street office works with those assigned to its
 * organisations: a scoped caller sees instructors of its region and those assigned inside it.
 */
function visibleInstructors(ctx: RequestContext, where: Where, alias: string): Where {
  const prefix = scopePrefix(ctx.caller);
  if (!prefix) return where;
  return where.add(
    `(${alias}.region_code LIKE ? OR EXISTS (SELECT 1 FROM instructor_assignment a
      JOIN two_new_org o ON o.credit_code = a.credit_code
      WHERE a.instructor_code = ${alias}.code AND a.withdrawn_on IS NULL AND o.region_code LIKE ?))`,
    `${prefix}%`,
    `${prefix}%`,
  );
}

async function visibleInstructor(ctx: RequestContext, code: string): Promise<Instructor | null> {
  const instructor = await loaders.instructor(ctx).load(code.trim());
  if (!instructor || !ctx.caller.regionScope) return instructor;
  const prefix = scopePrefix(ctx.caller);
  if (instructor.regionCode.startsWith(prefix)) return instructor;
  const assignments = await loaders.assignmentsOfInstructor(ctx).load(instructor.code);
  return assignments.some((a) => !a.withdrawnOn && inScope(ctx.caller, a.organization.regionCode)) ? instructor : null;
}

export interface InstructorFilter {
  source?: Source | null;
  dispatchedFrom?: string | null;
  dispatchedTo?: string | null;
  assigned?: boolean | null;
}

function instructorWhere(ctx: RequestContext, f: InstructorFilter | null | undefined): Where {
  const where = visibleInstructors(ctx, new Where(), 't');
  assertRange(f?.dispatchedFrom, f?.dispatchedTo);
  if (f?.source) where.add('t.source = ?', f.source);
  if (f?.dispatchedFrom) where.add('t.dispatched_on >= ?', f.dispatchedFrom);
  if (f?.dispatchedTo) where.add('t.dispatched_on <= ?', f.dispatchedTo);
  if (f?.assigned !== null && f?.assigned !== undefined) {
    const active = 'EXISTS (SELECT 1 FROM instructor_assignment a WHERE a.instructor_code = t.code AND a.withdrawn_on IS NULL)';
    where.add(f.assigned ? active : `NOT ${active}`);
  }
  return where;
}

export interface ContactFilter {
  regionCode?: string | null;
  instructorCode?: string | null;
  creditCode?: string | null;
  kind?: ContactKind | null;
  from?: string | null;
  to?: string | null;
  withProblem?: boolean | null;
  solved?: boolean | null;
}

function contactWhere(ctx: RequestContext, f: ContactFilter | null | undefined): Where {
  const prefix = scopePrefix(ctx.caller);
  const where = new Where();
  if (prefix) where.add('t.region_code LIKE ?', `${prefix}%`);
  if (!f) return where;
  assertRange(f.from, f.to);
  if (f.regionCode) where.add('t.region_code LIKE ?', `${nodePrefix(ctx, f.regionCode)}%`);
  if (f.instructorCode) where.add('t.instructor_code = ?', f.instructorCode.trim());
  if (f.creditCode) where.add('t.credit_code = ?', f.creditCode.trim().toUpperCase());
  if (f.kind) where.add('t.kind = ?', f.kind);
  if (f.from) where.add('t.contacted_on >= ?', f.from);
  if (f.to) where.add('t.contacted_on <= ?', f.to);
  if (f.withProblem !== null && f.withProblem !== undefined) where.add(f.withProblem ? 't.problem IS NOT NULL' : 't.problem IS NULL');
  if (f.solved !== null && f.solved !== undefined) where.add('t.solved = ?', f.solved);
  return where;
}

const INSTRUCTOR_SORT = { CODE: 't.code', DISPATCHED_ON: 't.dispatched_on', SOURCE: 't.source' };
const CONTACT_SORT = { CODE: 't.code', DATE: 't.contacted_on', KIND: 't.kind' };

function rhythmOf(ctx: RequestContext, code: string, from: string, to: string): Promise<Rhythm> {
  const period = rhythmPeriod(from, to);
  const loader = ctx.loaders.get<string, Rhythm>(`rhythm:${from}:${to}`, async (codes) => {
    const { rows } = await rhythms(ctx, period, new Where().add(`i.code = ANY(string_to_array(?, ','))`, codes.join(',')));
    const byCode = new Map(rows.map((r) => [r.instructorCode, r]));
    return codes.map((c) => byCode.get(c) ?? new Error(`no instructor ${c}`));
  });
  return loader.load(code);
}

export const instructorResolvers = {
  Query: {
    partyInstructor: (_: unknown, { code }: { code: string }, ctx: RequestContext) => visibleInstructor(ctx, code),
    partyInstructors: (_: unknown, args: PageArgs & { filter?: InstructorFilter; sort?: Sort }, ctx: RequestContext) =>
      sqlPage(ctx, Instructor, 'party_instructor', instructorWhere(ctx, args.filter), orderSql(args.sort, INSTRUCTOR_SORT, 't.code'), args),
    partyInstructorContacts: (_: unknown, args: PageArgs & { filter?: ContactFilter; sort?: Sort }, ctx: RequestContext) =>
      sqlPage(
        ctx,
        InstructorContact,
        'instructor_contact',
        contactWhere(ctx, args.filter),
        args.sort ? orderSql(args.sort, CONTACT_SORT, 't.code') : 't.contacted_on DESC, t.code DESC',
        args,
      ),
    partyInstructorsBehind: async (_: unknown, args: PageArgs & { from: string; to: string }, ctx: RequestContext) => {
      const window = pageWindow(args);
      const { rows, total } = await rhythms(ctx, rhythmPeriod(args.from, args.to), visibleInstructors(ctx, new Where(), 'i'), window);
      return connection(rows, total, window.offset);
    },
  },
  PartyInstructor: {
    assignments: (i: Instructor, _: unknown, ctx: RequestContext) => loaders.assignmentsOfInstructor(ctx).load(i.code),
    contacts: (i: Instructor, { from, to }: { from: string; to: string }, ctx: RequestContext) => {
      assertRange(from, to);
      return loaders.contactsOfInstructor(ctx, from, to).load(i.code);
    },
    rhythm: (i: Instructor, { from, to }: { from: string; to: string }, ctx: RequestContext) => rhythmOf(ctx, i.code, from, to),
  },
  PartyInstructorAssignment: {
    active: (a: Assignment) => !a.withdrawnOn || a.withdrawnOn > todayInChina(),
  },
  // contacts from the log's loaders come with both; those from a list or a mutation are looked up
  PartyInstructorContact: {
    instructor: (c: Partial<Contact> & InstructorContact, _: unknown, ctx: RequestContext) =>
      c.instructor ?? loaders.instructor(ctx).load(c.instructorCode),
    organization: (c: Partial<Contact> & InstructorContact, _: unknown, ctx: RequestContext) =>
      c.organization ?? loaders.organization(ctx).load(c.creditCode),
    date: (c: InstructorContact) => c.contactedOn,
    problemFound: (c: InstructorContact) => c.problem,
  },
  PartyInstructorRhythm: {
    instructor: (r: Rhythm, _: unknown, ctx: RequestContext) => loaders.instructor(ctx).load(r.instructorCode),
  },
};
