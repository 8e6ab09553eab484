import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, audited, badInput, conflict, normaliseRegionCode, notFound, type RequestContext } from '@district/common';
import { Grid, Region } from '../regions/region.entity';
import { personFor, validIdNumber, validPhone } from '../persons/persons';
import { optionalText, required } from '../../input';
import { Worker, WorkerPost, type WorkerRole, type WorkerTier } from './worker.entity';

const DEPARTMENT = 'workforce';
const STAFF_NUMBER = /^[A-Za-z0-9_-]{1,20}$/;

interface HireInput {
  id: string;
  name: string;
  idNumber: string;
  phone?: string | null;
  gender?: string | null;
  communityCode: string;
  role: WorkerRole;
  tier?: WorkerTier | null;
  gridCode?: string | null;
  hiredOn: string;
  politicalStatus?: string | null;
  education?: string | null;
}

interface MoveInput {
  id: string;
  on: string;
  communityCode?: string | null;
  role?: WorkerRole | null;
  tier?: WorkerTier | null;
  gridCode?: string | null;
}

async function community(em: EntityManager, code: string, field: string): Promise<string> {
  const c = normaliseRegionCode(code);
  const region = await em.findOne(Region, { code: c, level: 'COMMUNITY' });
  if (!region) throw badInput(`社区不存在：${c} / no such community`, field);
  return c;
}

/**
 * A grid worker looks after one grid of their own community, and a grid has one grid worker at a
 * time (the ledger's rule: every staffed grid has exactly one). Other roles have no grid.
 */
async function gridFor(
  em: EntityManager,
  role: WorkerRole,
  communityCode: string,
  gridCode: string | null | undefined,
  from: string,
  workerId: string,
) {
  if (role !== 'GRID_WORKER') {
    if (gridCode) throw badInput('仅专职网格员负责网格 / only a grid worker has a grid', 'gridCode');
    return null;
  }
  if (!gridCode) throw badInput('专职网格员须指定负责网格 / a grid worker needs a grid', 'gridCode');
  const grid = await em.findOne(Grid, { code: gridCode });
  if (!grid || grid.communityCode !== communityCode)
    throw badInput(`网格 ${gridCode} 不属于该社区 / grid is not in the community`, 'gridCode');
  const taken = await em.findOne(WorkerPost, {
    gridCode,
    role: 'GRID_WORKER',
    workerId: { $ne: workerId },
    $or: [{ toOn: null }, { toOn: { $gt: from } }],
  });
  if (taken) throw conflict(`网格 ${gridCode} 已有专职网格员 ${taken.workerId} / the grid already has a grid worker`);
  return gridCode;
}

async function currentPost(em: EntityManager, workerId: string): Promise<WorkerPost> {
  const post = await em.findOne(WorkerPost, { workerId }, { orderBy: { fromOn: 'desc' } });
  if (!post) throw notFound(`工作人员 ${workerId} 没有任职记录 / the worker has no post`);
  return post;
}

async function activeWorker(em: EntityManager, id: string): Promise<Worker> {
  const w = await em.findOne(Worker, { id });
  if (!w) throw notFound(`工作人员不存在：${id} / no such worker`);
  if (w.leftOn) throw conflict(`工作人员 ${id} 已于 ${w.leftOn} 离职 / the worker has left`);
  return w;
}

export const workerMutations = {
  hireCommunityWorker: (_: unknown, { input }: { input: HireInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'hireCommunityWorker',
      input,
      async (em) => {
        const communityCode = normaliseRegionCode(required(input.communityCode, 'communityCode', '所属社区'));
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const id = required(input.id, 'id', '工号');
        if (!STAFF_NUMBER.test(id))
          throw badInput('工号只能含字母、数字、-、_，最多20位 / staff number: letters, digits, - and _, up to 20', 'id');
        const name = required(input.name, 'name', '姓名');
        const idNumber = validIdNumber(input.idNumber, 'idNumber');
        const phone = validPhone(input.phone, 'phone');
        if (await em.findOne(Worker, { id })) throw conflict(`工号 ${id} 已存在 / staff number already in use`);
        await community(em, communityCode, 'communityCode');
        const gridCode = await gridFor(em, input.role, communityCode, input.gridCode, input.hiredOn, id);
        const person = await personFor(em, idNumber, name, phone, true);
        await em.flush();
        const serving = await em.findOne(Worker, { personId: person.id, $or: [{ leftOn: null }, { leftOn: { $gt: input.hiredOn } }] });
        if (serving) throw conflict(`此人已在岗（工号 ${serving.id}）/ this person already serves as ${serving.id}`);
        const post = { communityCode, role: input.role, tier: input.tier ?? null, gridCode };
        const worker = em.create(Worker, {
          id,
          personId: person.id,
          gender: optionalText(input.gender),
          hiredOn: input.hiredOn,
          leftOn: null,
          politicalStatus: optionalText(input.politicalStatus),
          education: optionalText(input.education),
          ...post,
        });
        em.create(WorkerPost, { workerId: id, fromOn: input.hiredOn, toOn: null, ...post });
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),

  moveCommunityWorker: (_: unknown, { input }: { input: MoveInput }, ctx: RequestContext) =>
    audited(
      ctx,
      'moveCommunityWorker',
      input,
      async (em) => {
        const worker = await activeWorker(em, input.id);
        const communityCode = input.communityCode ? normaliseRegionCode(input.communityCode) : worker.communityCode;
        assertCanWrite(ctx.caller, DEPARTMENT, worker.communityCode);
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const post = await currentPost(em, worker.id);
        if (input.on <= post.fromOn)
          throw badInput(`调岗日期须晚于现任职起始日 ${post.fromOn} / the move must come after ${post.fromOn}`, 'on');
        if (communityCode !== worker.communityCode) await community(em, communityCode, 'communityCode');
        const role = input.role ?? worker.role;
        const tier = input.tier === undefined ? worker.tier : input.tier;
        const keepGrid = role === 'GRID_WORKER' && communityCode === worker.communityCode ? worker.gridCode : null;
        const gridCode = await gridFor(em, role, communityCode, input.gridCode ?? keepGrid, input.on, worker.id);
        const next = { communityCode, role, tier: tier ?? null, gridCode };
        if (
          next.communityCode === post.communityCode &&
          next.role === post.role &&
          next.tier === (post.tier ?? null) &&
          next.gridCode === (post.gridCode ?? null)
        ) {
          throw badInput('未发生任何变化 / the move changes nothing', 'input');
        }
        post.toOn = input.on;
        em.create(WorkerPost, { workerId: worker.id, fromOn: input.on, toOn: null, ...next });
        Object.assign(worker, next);
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),

  releaseCommunityWorker: (_: unknown, args: { id: string; leftOn: string }, ctx: RequestContext) =>
    audited(
      ctx,
      'releaseCommunityWorker',
      args,
      async (em) => {
        const worker = await activeWorker(em, args.id);
        assertCanWrite(ctx.caller, DEPARTMENT, worker.communityCode);
        const post = await currentPost(em, worker.id);
        if (args.leftOn < post.fromOn) throw badInput(`离职日期不能早于 ${post.fromOn} / leftOn cannot be before ${post.fromOn}`, 'leftOn');
        worker.leftOn = args.leftOn;
        post.toOn = args.leftOn;
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),
};
