import { todayInChina } from '@district/common';
import {
  and,
  byKey,
  eq,
  listPrefix,
  listUnder,
  rateYearOnYear,
  recordId,
  regionNode,
  historyField,
  rowsBy,
  sql,
  TRUE,
  visible,
  yearOnYear,
  type ListArgs,
  type ListSpec,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CommunityWorkerFilter, Resolvers } from '../../generated/graphql';
import { GRIDS, gridByCode, regionByCode } from '../regions/regions.resolvers';
import { personOf } from '../persons/persons';
import { Certificate } from '../certification/certification.entity';
import { Worker, WorkerPost } from './worker.entity';
import { WORKER_RECORD } from './workers.mutations';
import { bornIn, certifiedWorkers, cohortOf, gridsWithoutWorker, gridUnstaffed, workersForRate, workersInPost } from './workers.figures';

const WORKERS: ListSpec<Worker> = {
  entity: Worker,
  table: 'worker',
  place: 'community_code',
  sortColumns: { ID: 't.staff_number', HIRED_ON: 't.hired_on', COMMUNITY: 't.community_code', ROLE: 't.role' },
  defaultOrder: 't.id',
};

/**
 * Workers under a node. Filtered "on a day" (`activeOn`), each worker is placed, and filtered by
 * role, tier and grid, by the post held that day, so the list under a node on a day holds exactly the
 * workers the head count `workers(asOf)` of that node counts (a worker since moved away included).
 */
function workerList(ctx: RequestContext, prefix: string, args: ListArgs<CommunityWorkerFilter>) {
  const f = cohortOf(args.filter ?? {});
  if (!f.activeOn)
    return listUnder(
      ctx,
      WORKERS,
      prefix,
      and(eq('t.role', f.role), eq('t.tier', f.tier), eq('t.grid_code', f.gridCode), bornIn('t.id', f)),
      args,
    );
  const onDay = sql`(SELECT w.*, p.community_code AS post_community FROM worker w
    JOIN worker_post p ON p.worker_id = w.id AND p.withdrawn_on IS NULL AND p.from_on <= ${f.activeOn}::date
      AND (p.to_on IS NULL OR p.to_on > ${f.activeOn}::date)
    WHERE ${and(eq('p.role', f.role), eq('p.tier', f.tier), eq('p.grid_code', f.gridCode), bornIn('w.id', f))})`;
  return listUnder(ctx, { ...WORKERS, from: onDay, place: 'post_community' }, prefix, TRUE, args);
}

const inPostOn = (w: Worker, day: string) => w.hiredOn <= day && (!w.leftOn || w.leftOn > day);
const person = async (ctx: RequestContext, w: { personId: string }) => (await personOf(ctx, w.personId))!;
export const workerById = (ctx: RequestContext, id: string) => byKey<Worker>(ctx, Worker, 'id').load(id);

export const workerResolvers: Resolvers = {
  Query: {
    communityWorker: async (_, { id }, ctx) => visible(ctx, await workerById(ctx, await recordId(ctx, id)), (w) => w.communityCode),
    communityWorkers: (_, args, ctx) => workerList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    workforce: (r, _, ctx) => regionNode(ctx, r.code),
    communityWorkers: (r, args, ctx) => workerList(ctx, listPrefix(ctx, r.code), args),
    gridsWithoutWorker: (r, args, ctx) =>
      listUnder(ctx, GRIDS, listPrefix(ctx, r.code), gridUnstaffed('t', args.asOf ?? todayInChina()), args),
  },
  Grid: {
    gridWorkers: async (g, { asOf }, ctx) => {
      const day = asOf ?? todayInChina();
      const posts = await rowsBy<WorkerPost>(ctx, WorkerPost, 'gridCode', {
        where: { role: 'GRID_WORKER', fromOn: { $lte: day }, $or: [{ toOn: null }, { toOn: { $gt: day } }] },
      }).load(g.code);
      const workers = await Promise.all(posts.map((p) => workerById(ctx, p.workerId)));
      return workers.filter((w): w is Worker => !!w).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
  },
  CommunityWorker: {
    name: async (w, _, ctx) => (await person(ctx, w)).name,
    idNumber: async (w, _, ctx) => (await person(ctx, w)).idNumber,
    phone: async (w, _, ctx) => (await person(ctx, w)).phone ?? null,
    community: async (w, _, ctx) => (await regionByCode(ctx, w.communityCode))!,
    grid: (w, _, ctx) => (w.gridCode ? gridByCode(ctx, w.gridCode) : null),
    active: (w, { asOf }) => inPostOn(w, asOf ?? todayInChina()),
    posts: (w, _, ctx) => rowsBy<WorkerPost>(ctx, WorkerPost, 'workerId', { orderBy: { fromOn: 'asc' } }).load(w.id),
    history: historyField(WORKER_RECORD),
    certificates: (w, _, ctx) =>
      rowsBy<Certificate>(ctx, Certificate, 'personId', { orderBy: { obtainedOn: 'asc', id: 'asc' } }).load(w.personId),
  },
  CommunityWorkerPost: {
    id: (p) => `${p.workerId}@${p.fromOn}`,
    community: async (p, _, ctx) => (await regionByCode(ctx, p.communityCode))!,
    grid: (p, _, ctx) => (p.gridCode ? gridByCode(ctx, p.gridCode) : null),
  },
  WorkforceFigures: {
    workers: (n, args, ctx) => yearOnYear(ctx, workersInPost, cohortOf(args), n.code),
    gridsWithoutWorker: (n, args, ctx) => yearOnYear(ctx, gridsWithoutWorker, args, n.code),
    certificationRate: (n, args, ctx) => rateYearOnYear(ctx, certifiedWorkers, workersForRate, args, n.code),
  },
};
