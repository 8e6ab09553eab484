import {
  countFigure,
  inScope,
  periodOf,
  previousPeriod,
  rateFigure,
  regionNode,
  todayInChina,
  type PageArgs,
  type RequestContext,
} from '@district/common';
import { listPrefix } from '@district/common';
import { allOf, eq, pageUnder, rowById, rowsBy, sql, type ListArgs, type ListSpec } from '../../list';
import type { Grid, Region } from '../regions/region.entity';
import { GRIDS, gridByCode, regionByCode } from '../regions/regions.resolvers';
import { personOf } from '../persons/persons';
import { Certificate } from '../certification/certification.entity';
import { Worker, WorkerPost, type WorkerRole, type WorkerTier } from './worker.entity';
import { certifiedWorkers, gridsWithoutWorkerCount, gridUnstaffed, headCount } from './workers.figures';

interface WorkerFilter {
  regionCode?: string | null;
  role?: WorkerRole | null;
  tier?: WorkerTier | null;
  gridCode?: string | null;
  activeOn?: string | null;
}

const WORKERS: ListSpec<Worker> = {
  entity: Worker,
  table: 'worker',
  regionColumn: 'community_code',
  sortColumns: { ID: 't.id', HIRED_ON: 't.hired_on', COMMUNITY: 't.community_code', ROLE: 't.role' },
  defaultOrder: 't.id',
};

function workerList(ctx: RequestContext, prefix: string, args: ListArgs<WorkerFilter>) {
  const f = args.filter ?? {};
  const filter = allOf([
    eq('t.role', f.role),
    eq('t.tier', f.tier),
    eq('t.grid_code', f.gridCode),
    f.activeOn ? sql('t.hired_on <= ? AND (t.left_on IS NULL OR t.left_on > ?)', f.activeOn, f.activeOn) : undefined,
  ]);
  return pageUnder(ctx, WORKERS, prefix, filter, args);
}

const inPostOn = (w: Worker, day: string) => w.hiredOn <= day && (!w.leftOn || w.leftOn > day);

const person = async (ctx: RequestContext, w: { personId: string }) => (await personOf(ctx, w.personId))!;

type FigureArgs = { year: number; asOf?: string | null };

export const workerResolvers = {
  Query: {
    communityWorker: async (_: unknown, { id }: { id: string }, ctx: RequestContext) => {
      const w = await rowById(ctx, Worker, id);
      return w && inScope(ctx.caller, w.communityCode) ? w : null;
    },
    communityWorkers: (_: unknown, args: ListArgs<WorkerFilter>, ctx: RequestContext) =>
      workerList(ctx, listPrefix(ctx, args.filter?.regionCode), args),
  },
  Region: {
    workforce: (r: Region, _: unknown, ctx: RequestContext) => regionNode(ctx, r.code),
    communityWorkers: (r: Region, args: ListArgs<WorkerFilter>, ctx: RequestContext) => workerList(ctx, listPrefix(ctx, r.code), args),
    gridsWithoutWorker: (r: Region, args: PageArgs & { asOf?: string | null }, ctx: RequestContext) => {
      const day = args.asOf ?? todayInChina();
      return pageUnder(ctx, GRIDS, listPrefix(ctx, r.code), gridUnstaffed('t', day), args);
    },
  },
  Grid: {
    gridWorkers: async (g: Grid, { asOf }: { asOf?: string | null }, ctx: RequestContext) => {
      const day = asOf ?? todayInChina();
      const loader = ctx.loaders.get<string, Worker[]>(`grid:workers:${day}`, async (grids) => {
        const posts = await ctx.em.find(WorkerPost, {
          gridCode: { $in: [...grids] },
          role: 'GRID_WORKER',
          fromOn: { $lte: day },
          $or: [{ toOn: null }, { toOn: { $gt: day } }],
        });
        const workers = await ctx.em.find(Worker, { id: { $in: posts.map((p) => p.workerId) } }, { orderBy: { id: 'asc' } });
        return grids.map((code) => workers.filter((w) => posts.some((p) => p.gridCode === code && p.workerId === w.id)));
      });
      return loader.load(g.code);
    },
  },
  CommunityWorker: {
    name: async (w: Worker, _: unknown, ctx: RequestContext) => (await person(ctx, w)).name,
    idNumber: async (w: Worker, _: unknown, ctx: RequestContext) => (await person(ctx, w)).idNumber,
    phone: async (w: Worker, _: unknown, ctx: RequestContext) => (await person(ctx, w)).phone ?? null,
    community: (w: Worker, _: unknown, ctx: RequestContext) => regionByCode(ctx, w.communityCode),
    grid: (w: Worker, _: unknown, ctx: RequestContext) => (w.gridCode ? gridByCode(ctx, w.gridCode) : null),
    active: (w: Worker, { asOf }: { asOf?: string | null }) => inPostOn(w, asOf ?? todayInChina()),
    posts: (w: Worker, _: unknown, ctx: RequestContext) => rowsBy(ctx, WorkerPost, 'workerId', w.id, {}, { fromOn: 'asc' }),
    certificates: (w: Worker, _: unknown, ctx: RequestContext) =>
      rowsBy(ctx, Certificate, 'personId', w.personId, {}, { obtainedOn: 'asc', id: 'asc' }),
  },
  CommunityWorkerPost: {
    community: (p: WorkerPost, _: unknown, ctx: RequestContext) => regionByCode(ctx, p.communityCode),
    grid: (p: WorkerPost, _: unknown, ctx: RequestContext) => (p.gridCode ? gridByCode(ctx, p.gridCode) : null),
  },
  WorkforceFigures: {
    workers: async (n: { code: string }, args: FigureArgs & { role?: WorkerRole; tier?: WorkerTier }, ctx: RequestContext) => {
      const now = periodOf(args.year, args.asOf);
      const before = previousPeriod(now);
      return countFigure(
        await headCount(ctx, n.code, now, args.role, args.tier),
        await headCount(ctx, n.code, before, args.role, args.tier),
      );
    },
    gridsWithoutWorker: async (n: { code: string }, args: FigureArgs, ctx: RequestContext) => {
      const now = periodOf(args.year, args.asOf);
      return countFigure(await gridsWithoutWorkerCount(ctx, n.code, now), await gridsWithoutWorkerCount(ctx, n.code, previousPeriod(now)));
    },
    certificationRate: async (n: { code: string }, args: FigureArgs & { role?: WorkerRole }, ctx: RequestContext) => {
      const now = periodOf(args.year, args.asOf);
      const before = previousPeriod(now);
      const pair = (p: typeof now) =>
        Promise.all([certifiedWorkers(ctx, n.code, p, args.role, 'certified'), certifiedWorkers(ctx, n.code, p, args.role, 'all')]);
      return rateFigure(await pair(now), await pair(before));
    },
  },
};
