import { prefixRange } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listWhere,
  raw,
  recordId,
  rowsBy,
  sql,
  TRUE,
  visible,
  yearOnYear,
  type ListArgs,
  type RequestContext,
  type Sql,
} from '@district/subgraph-kit';
import type { JointEventFilter, Resolvers, WorkingBodyFilter } from '../../generated/graphql';
import { regionByCode } from '../regions/regions.resolvers';
import { workerById } from '../workers/workers.resolvers';
import { JointEvent, WorkingBody, WorkingBodyMember } from './bodies.entity';
import { BODY_RECORD, EVENT_RECORD, MEMBER_RECORD } from './bodies.mutations';
import {
  bodiesEstablished,
  jointEventCostSaved,
  jointEventEnterprises,
  jointEventOrganizations,
  jointEventPersonTimes,
  jointEvents,
  jointEventTopics,
  jointProblemsResolved,
  workingBodies,
} from './bodies.figures';

/**
 * A record lies under a node when any of its places does (its node, seat or member communities; an
 * event's host or participants): the lists read it where the figures count it, once. `listUnder`
 * joins one place column per row, which would list a two-community meeting twice at their street,
 * so these lists are `listWhere` over the places array.
 */
function underAny(prefix: string): Sql {
  if (!prefix) return TRUE;
  const { lo, hi } = prefixRange(prefix);
  return sql`EXISTS (SELECT 1 FROM unnest(t.places) AS p(code) WHERE p.code >= ${lo} AND p.code < ${hi})`;
}

const BODIES = {
  entity: WorkingBody,
  table: 'working_body',
  sortColumns: { ID: 't.number', ESTABLISHED_ON: 't.established_on' },
  defaultOrder: 't.id',
};
const EVENTS = {
  entity: JointEvent,
  table: 'joint_event',
  sortColumns: { ID: 't.number', HELD_ON: 't.held_on' },
  defaultOrder: 't.id',
};

/** Bodies under a node; "in place on a day" holds the bodies the figure `workingBodies(asOf)` counts. */
function bodyList(ctx: RequestContext, prefix: string, args: ListArgs<WorkingBodyFilter>) {
  const f = args.filter ?? {};
  return listWhere(
    ctx,
    BODIES,
    and(
      underAny(prefix),
      eq('t.kind', f.kind),
      f.activeOn
        ? sql`t.established_on <= ${f.activeOn}::date AND (t.dissolved_on IS NULL OR t.dissolved_on > ${f.activeOn}::date)`
        : undefined,
    ),
    args,
  );
}

/** Events under a node; the window and `jointOnly` are those of the figure `jointEvents`. */
function eventList(ctx: RequestContext, prefix: string, args: ListArgs<JointEventFilter>) {
  const f = args.filter ?? {};
  return listWhere(
    ctx,
    EVENTS,
    and(
      underAny(prefix),
      eq('t.kind', f.kind),
      f.bodyId ? sql`t.body_id = ${f.bodyId}` : undefined,
      f.jointOnly ? raw('t.communities >= 2') : undefined,
      f.heldFrom ? sql`t.held_on >= ${f.heldFrom}::date` : undefined,
      f.heldTo ? sql`t.held_on <= ${f.heldTo}::date` : undefined,
    ),
    args,
  );
}

const regions = (ctx: RequestContext, codes: string[]) => Promise.all(codes.map(async (c) => (await regionByCode(ctx, c))!));
const bodyById = (ctx: RequestContext, id: string | null | undefined) =>
  id ? byKey<WorkingBody>(ctx, WorkingBody, 'id').load(id) : Promise.resolve(null);

export const bodyResolvers: Resolvers = {
  Query: {
    workingBody: async (_, { id }, ctx) =>
      visible(ctx, await byKey<WorkingBody>(ctx, WorkingBody, 'id').load(await recordId(ctx, id)), (b) => b.regionCode),
    workingBodies: (_, args, ctx) => bodyList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
    jointEvent: async (_, { id }, ctx) =>
      visible(ctx, await byKey<JointEvent>(ctx, JointEvent, 'id').load(await recordId(ctx, id)), (e) => e.hostCode),
    jointEvents: (_, args, ctx) => eventList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    workingBodies: (r, args, ctx) => bodyList(ctx, listPrefix(ctx, r.code), args),
    jointEvents: (r, args, ctx) => eventList(ctx, listPrefix(ctx, r.code), args),
  },
  WorkingBody: {
    region: async (b, _, ctx) => (await regionByCode(ctx, b.regionCode))!,
    seat: (b, _, ctx) => (b.seatCode ? regionByCode(ctx, b.seatCode) : null),
    memberRegions: (b, _, ctx) => regions(ctx, b.memberRegions),
    members: async (b, args, ctx) => {
      const all = await rowsBy<WorkingBodyMember>(ctx, WorkingBodyMember, 'bodyId', { orderBy: { seq: 'asc' } }).load(b.id);
      const on = args.activeOn;
      return on ? all.filter((m) => m.joinedOn <= on && (!m.leftOn || m.leftOn > on)) : all;
    },
    history: historyField(BODY_RECORD),
  },
  WorkingBodyMember: {
    body: async (m, _, ctx) => (await bodyById(ctx, m.bodyId))!,
    worker: (m, _, ctx) => (m.workerId ? workerById(ctx, m.workerId) : null),
    history: historyField(MEMBER_RECORD),
  },
  JointEvent: {
    body: (e, _, ctx) => bodyById(ctx, e.bodyId),
    host: async (e, _, ctx) => (await regionByCode(ctx, e.hostCode))!,
    participants: (e, _, ctx) => regions(ctx, e.participants),
    history: historyField(EVENT_RECORD),
  },
  GovernanceFigures: {
    workingBodies: (n, a, ctx) => yearOnYear(ctx, workingBodies, a, n.code),
    bodiesEstablished: (n, a, ctx) => yearOnYear(ctx, bodiesEstablished, a, n.code),
    jointEvents: (n, a, ctx) => yearOnYear(ctx, jointEvents, a, n.code),
    jointEventTopics: (n, a, ctx) => yearOnYear(ctx, jointEventTopics, a, n.code),
    jointProblemsResolved: (n, a, ctx) => yearOnYear(ctx, jointProblemsResolved, a, n.code),
    jointEventEnterprises: (n, a, ctx) => yearOnYear(ctx, jointEventEnterprises, a, n.code),
    jointEventOrganizations: (n, a, ctx) => yearOnYear(ctx, jointEventOrganizations, a, n.code),
    jointEventPersonTimes: (n, a, ctx) => yearOnYear(ctx, jointEventPersonTimes, a, n.code),
    jointEventCostSaved: (n, a, ctx) => yearOnYear(ctx, jointEventCostSaved, a, n.code),
  },
};
