import { badInput, inScope } from '@district/common';
import {
  and,
  byKey,
  eq,
  historyField,
  listPrefix,
  listUnder,
  recordId,
  rowsBy,
  sql,
  underPrefix,
  visible,
  yearOnYear,
  type ListSpec,
  type RequestContext,
  type Sql,
} from '@district/subgraph-kit';
import type { GigWorkerFilter, Resolvers } from '../../generated/graphql';
import { GigMobileGridMembership, GigWorker } from './worker.entity';
import { gigWorkers, memberOn } from './workers.figures';
import { GIG_WORKER_RECORD } from './workers.mutations';
import { workersCsv } from './workers.csv';

const WORKERS: ListSpec<GigWorker> = {
  entity: GigWorker,
  table: 'gig_worker',
  place: 'community_code',
  sortColumns: {
    CODE: 't.number',
    REGISTERED_ON: 't.registered_on',
    COMMUNITY_CODE: 't.community_code',
    POINTS_BALANCE: 't.points_balance',
  },
  defaultOrder: 't.id',
};

/**
 * A list's filter as SQL on `t`. "On a day" (`activeOn`), the workers registered and not left that
 * day, and mobile grid members by that day's periods: the list the figure of that day counts.
 */
function workerFilter(f: GigWorkerFilter | null | undefined): Sql {
  const day = f?.activeOn;
  const member = f?.mobileGridMember;
  return and(
    eq('t.job_type', f?.jobType),
    eq('t.platform', f?.platform?.trim() || null),
    eq('t.party_member', f?.partyMember),
    !day && eq('t.mobile_grid_member', member),
    !!day && sql`t.registered_on <= ${day}::date AND (t.left_on IS NULL OR t.left_on > ${day}::date)`,
    !!day && member === true && memberOn(day),
    !!day && member === false && sql`NOT ${memberOn(day)}`,
    f?.registeredFrom ? sql`t.registered_on >= ${f.registeredFrom}::date` : undefined,
    f?.registeredTo ? sql`t.registered_on <= ${f.registeredTo}::date` : undefined,
  );
}

/** A worker by global id, batched with every other lookup of this request; null when outside the caller's region. */
export async function visibleWorker(ctx: RequestContext, id: string): Promise<GigWorker | null> {
  return visible(ctx, await byKey<GigWorker>(ctx, GigWorker, 'id').load(id), (w) => w.communityCode);
}

/** An export larger than this is a filter mistake more often than a need; it also bounds memory. */
const MAX_EXPORT = 20_000;

/** Every worker under the node the filter names (the caller's scope by default), in one statement. */
async function exportRows(ctx: RequestContext, f: GigWorkerFilter | null | undefined): Promise<GigWorker[]> {
  const where = and(sql`t.withdrawn_on IS NULL`, underPrefix('t.community_code', listPrefix(ctx, f?.regionCode)), workerFilter(f));
  const rows = await ctx.em
    .createQueryBuilder(GigWorker, 't')
    .where(where.text, [...where.params])
    .orderBy({ id: 'asc' })
    .limit(MAX_EXPORT + 1)
    .getResultList();
  if (rows.length > MAX_EXPORT) {
    throw badInput(`导出超过${MAX_EXPORT}行，请缩小范围 / more than ${MAX_EXPORT} rows: narrow the filter`, 'filter');
  }
  return rows;
}

export const workerResolvers: Resolvers = {
  Query: {
    gigWorker: async (_, { code }, ctx) => visibleWorker(ctx, await recordId(ctx, code, 'code')),
    gigWorkers: (_, args, ctx) => listUnder(ctx, WORKERS, listPrefix(ctx, args.filter?.regionCode), workerFilter(args.filter), args),
    gigWorkersCsv: async (_, { filter }, ctx) => workersCsv(ctx, await exportRows(ctx, filter)),
  },
  GigWorker: {
    __resolveReference: (ref, ctx) => visibleWorker(ctx, ref.id),
    code: (w) => w.number,
    community: (w) => ({ code: w.communityCode }),
    mobileGridMemberships: (w, _, ctx) =>
      rowsBy<GigMobileGridMembership>(ctx, GigMobileGridMembership, 'workerId', { orderBy: { fromOn: 'asc' } }).load(w.id),
    person: (w) => (w.personHash ? { id: w.personHash } : null),
    history: historyField(GIG_WORKER_RECORD),
  },
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    gigWorkers: async (p, _, ctx) =>
      (await rowsBy<GigWorker>(ctx, GigWorker, 'personHash', { orderBy: { id: 'asc' } }).load(p.id)).filter((w) =>
        inScope(ctx.caller, w.communityCode),
      ),
  },
  GigCareFigures: {
    gigWorkers: (n, a, ctx) => yearOnYear(ctx, gigWorkers(a.mobileGridMember), a, n.code),
  },
};
