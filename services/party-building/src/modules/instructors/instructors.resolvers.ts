import { inScope, normaliseCreditCode, scopePrefix, todayInChina } from '@district/common';
import {
  and,
  byKey,
  connection,
  eq,
  inList,
  listPrefix,
  listUnder,
  listWhere,
  pageWindow,
  raw,
  recordId,
  sql,
  TRUE,
  underPrefix,
  yearOnYear,
  type ListSpec,
  type RequestContext,
  type Sql,
} from '@district/subgraph-kit';
import type { PartyInstructorContactFilter, PartyInstructorFilter, Resolvers } from '../../generated/graphql';
import { organizationFor } from '../organizations/organizations.resolvers';
import { Instructor, InstructorContact } from './instructor.entity';
import { assignmentsOf, contactsOf } from './instructor-links';
import { contactsMade, instructorsDispatched, problemsFound, problemsSolved } from './instructors.figures';
import { rhythmPeriod, rhythms, type Rhythm } from './rhythm';
import { assertRange, between } from '../date-range';

const INSTRUCTORS = {
  entity: Instructor,
  table: 'party_instructor',
  sortColumns: { CODE: 't.number', DISPATCHED_ON: 't.dispatched_on', SOURCE: 't.source' },
  defaultOrder: 't.id',
};

const CONTACTS: ListSpec<InstructorContact> = {
  entity: InstructorContact,
  table: 'instructor_contact',
  place: 'region_code',
  sortColumns: { CODE: 't.number', DATE: 't.contacted_on', KIND: 't.kind' },
  defaultOrder: 't.contacted_on DESC, t.id DESC',
};

/**
 * Instructors are the district's own and sit at its node, but a street or community office works
 * with those who work in its region: a scoped caller sees the instructors of its node, and those
 * assigned (now or before) to an organization in its region or who contacted one there. So every
 * contact and assignment a caller sees names an instructor the caller sees. `t` is the instructor.
 */
function instructorsSeenUnder(prefix: string): Sql {
  return sql`(${underPrefix('t.region_code', prefix)}
    OR EXISTS (SELECT 1 FROM instructor_assignment a JOIN two_new_org o ON o.credit_code = a.credit_code
      WHERE a.instructor_id = t.id AND ${underPrefix('o.region_code', prefix)})
    OR EXISTS (SELECT 1 FROM instructor_contact c WHERE c.instructor_id = t.id AND ${underPrefix('c.region_code', prefix)}))`;
}

const seenByCaller = (ctx: RequestContext): Sql | undefined => {
  const prefix = scopePrefix(ctx.caller);
  return prefix ? instructorsSeenUnder(prefix) : undefined;
};

const instructorById = (ctx: RequestContext, id: string) => byKey<Instructor>(ctx, Instructor, 'id').load(id);

/** An instructor by global id, as the caller may see it: null when the caller's region has nothing to do with it. */
async function instructorFor(ctx: RequestContext, id: string): Promise<Instructor | null> {
  const instructor = await instructorById(ctx, id);
  const prefix = scopePrefix(ctx.caller);
  if (!instructor || !prefix) return instructor;
  const seen = ctx.loaders.get<string, boolean>(`instructor-seen:${prefix}`, async (ids) => {
    const q = sql`SELECT t.id FROM party_instructor t WHERE ${and(inList('t.id', ids), instructorsSeenUnder(prefix))}`;
    const rows: { id: string }[] = await ctx.em.getConnection().execute(q.text, [...q.params]);
    const found = new Set(rows.map((r) => r.id));
    return ids.map((i) => found.has(i));
  });
  return (await seen.load(id)) ? instructor : null;
}

function instructorFilter(ctx: RequestContext, f: PartyInstructorFilter | null | undefined): Sql {
  const assigned = raw('EXISTS (SELECT 1 FROM two_new_org o WHERE o.instructor_id = t.id)');
  return and(
    seenByCaller(ctx),
    eq('t.source', f?.source),
    between('t.dispatched_on', f?.dispatchedFrom, f?.dispatchedTo, 'dispatchedFrom'),
    f?.assigned === true ? assigned : f?.assigned === false ? sql`NOT ${assigned}` : undefined,
  );
}

/**
 * The contact log sits where each organization sat when contacted; a caller sees a contact whose
 * organization also lies in its scope now, so every contact it sees names an organization it sees.
 */
async function contactFilter(ctx: RequestContext, f: PartyInstructorContactFilter | null | undefined): Promise<Sql> {
  const scope = scopePrefix(ctx.caller);
  const organizationSeen = scope
    ? sql`EXISTS (SELECT 1 FROM two_new_org o WHERE o.credit_code = t.credit_code AND ${underPrefix('o.region_code', scope)})`
    : undefined;
  if (!f) return organizationSeen ?? TRUE;
  return and(
    organizationSeen,
    f.instructorCode ? sql`t.instructor_id = ${await recordId(ctx, f.instructorCode, 'instructorCode')}` : undefined,
    f.creditCode ? sql`t.credit_code = ${normaliseCreditCode(f.creditCode)}` : undefined,
    eq('t.kind', f.kind),
    between('t.contacted_on', f.from, f.to),
    f.withProblem === true ? raw('t.problem IS NOT NULL') : f.withProblem === false ? raw('t.problem IS NULL') : undefined,
    eq('t.solved', f.solved),
  );
}

/** Whose rhythm a request asks, per period: one statement for every instructor of the response. */
function rhythmOf(ctx: RequestContext, id: string, from: string, to: string): Promise<Rhythm> {
  const period = rhythmPeriod(from, to);
  const loader = ctx.loaders.get<string, Rhythm>(`rhythm:${from}:${to}`, async (ids) => {
    const { rows } = await rhythms(ctx, period, inList('t.id', ids) ?? raw('FALSE'));
    const byId = new Map(rows.map((r) => [r.instructorId, r]));
    return ids.map((i) => byId.get(i) ?? new Error(`no instructor ${i}`));
  });
  return loader.load(id);
}

export const instructorResolvers: Resolvers = {
  Query: {
    partyInstructor: async (_, { code }, ctx) => instructorFor(ctx, await recordId(ctx, code, 'code')),
    partyInstructors: (_, args, ctx) => listWhere(ctx, INSTRUCTORS, instructorFilter(ctx, args.filter), args),
    partyInstructorContacts: async (_, args, ctx) =>
      listUnder(ctx, CONTACTS, listPrefix(ctx, args.filter?.regionCode), await contactFilter(ctx, args.filter), args),
    partyInstructorsBehind: async (_, args, ctx) => {
      const window = pageWindow(args);
      const { rows, total } = await rhythms(ctx, rhythmPeriod(args.from, args.to), seenByCaller(ctx) ?? raw('TRUE'), window);
      return connection(rows, total, window.offset);
    },
  },
  // the organizations and contacts below are filtered by the caller's scope; the instructors they
  // name are then visible by construction (see instructorsSeenUnder), so they are not checked again
  PartyInstructor: {
    code: (i) => i.number,
    assignments: async (i, _, ctx) =>
      (await assignmentsOf(ctx, 'instructorId', i.id)).filter((a) => inScope(ctx.caller, a.organization.regionCode)),
    contacts: async (i, { from, to }, ctx) => {
      assertRange(from, to);
      const contacts = await contactsOf(ctx, 'instructorId', i.id, { from, to });
      return contacts.filter((c) => inScope(ctx.caller, c.regionCode) && inScope(ctx.caller, c.organization!.regionCode));
    },
    rhythm: (i, { from, to }, ctx) => rhythmOf(ctx, i.id, from, to),
  },
  PartyInstructorAssignment: {
    id: (a) => String(a.id),
    active: (a) => !a.withdrawnOn || a.withdrawnOn > todayInChina(),
  },
  PartyInstructorContact: {
    code: (c) => c.number,
    instructor: async (c, _, ctx) => c.instructor ?? (await instructorById(ctx, c.instructorId))!,
    organization: async (c, _, ctx) => c.organization ?? (await organizationFor(ctx, c.creditCode))!,
    date: (c) => c.contactedOn,
    problemFound: (c) => c.problem ?? null,
  },
  PartyInstructorRhythm: {
    id: (r) => `${r.instructorId}@${r.from}..${r.to}`,
    instructor: async (r, _, ctx) => (await instructorById(ctx, r.instructorId))!,
  },
  PartyBuildingFigures: {
    instructors: (n, args, ctx) => yearOnYear(ctx, instructorsDispatched, args, n.code),
    instructorContacts: (n, args, ctx) => yearOnYear(ctx, contactsMade, args, n.code),
    instructorProblemsFound: (n, args, ctx) => yearOnYear(ctx, problemsFound, args, n.code),
    instructorProblemsSolved: (n, args, ctx) => yearOnYear(ctx, problemsSolved, args, n.code),
  },
};
