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
  rowsBy,
  sql,
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
import { certifiedWorkers, gridsWithoutWorker, gridUnstaffed, workersForRate, workersInPost } from './workers.figures';

const WORKERS: ListSpec<Worker> = {
  entity: Worker,
  table: 'worker',
  place: 'community_code',
  sortColumns: { ID: 't.staff_number', HIRED_ON: 't.hired_on', COMMUNITY: 't.community_code', ROLE: 't.role' },
  defaultOrder: 't.id',
};

/**
 * Workers under a node. Filtered "on a day" (`activeOn`), role, tier, grid and community are those of
 * the post held that day, so the list agrees with the head count at that day.
 */
function workerList(ctx: RequestContext, prefix: string, args: ListArgs<CommunityWorkerFilter>) {
  const f = args.filter ?? {};
  const filter = f.activeOn
    ? sql`EXISTS (SELECT 1 FROM worker_post p WHERE p.worker_id = t.id AND p.from_on <= ${f.activeOn}::date
        AND (p.to_on IS NULL OR p.to_on > ${f.activeOn}::date) AND ${and(eq('p.role', f.role), eq('p.tier', f.tier), eq('p.grid_code', f.gridCode))})`
    : and(eq('t.role', f.role), eq('t.tier', f.tier), eq('t.grid_code', f.gridCode));
  return listUnder(ctx, WORKERS, prefix, filter, args);
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
    certificates: (w, _, ctx) =>
      rowsBy<Certificate>(ctx, Certificate, 'personId', { orderBy: { obtainedOn: 'asc', id: 'asc' } }).load(w.personId),
  },
  CommunityWorkerPost: {
    id: (p) => `${p.workerId}@${p.fromOn}`,
    community: async (p, _, ctx) => (await regionByCode(ctx, p.communityCode))!,
    grid: (p, _, ctx) => (p.gridCode ? gridByCode(ctx, p.gridCode) : null),
  },
  WorkforceFigures: {
    workers: (n, args, ctx) => yearOnYear(ctx, workersInPost, args, n.code),
    gridsWithoutWorker: (n, args, ctx) => yearOnYear(ctx, gridsWithoutWorker, args, n.code),
    certificationRate: (n, args, ctx) => rateYearOnYear(ctx, certifiedWorkers, workersForRate, args, n.code),
  },
};
