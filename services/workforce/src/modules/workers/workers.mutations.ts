import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, globalId, notFound } from '@district/common';
import {
  audited,
  eventDay,
  idNumberOf,
  localNumberOf,
  optionalText,
  phoneOf,
  recordId,
  regionCodeOf,
  requiredText,
} from '@district/subgraph-kit';
import type { CommunityWorkerRole as WorkerRole, MutationResolvers } from '../../generated/graphql';
import { Grid, Region } from '../regions/region.entity';
import { personFor } from '../persons/persons';
import { Worker, WorkerPost } from './worker.entity';

const DEPARTMENT = 'workforce';

async function community(em: EntityManager, code: string, field: string): Promise<string> {
  if (!(await em.findOne(Region, { code, level: 'COMMUNITY' }))) throw badInput(`社区不存在：${code} / no such community`, field);
  return code;
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
  if (taken) throw conflict(`网格 ${gridCode} 已有专职网格员 ${taken.workerId} / the grid already has a grid worker`, 'gridCode');
  return gridCode;
}

async function currentPost(em: EntityManager, workerId: string): Promise<WorkerPost> {
  const post = await em.findOne(WorkerPost, { workerId }, { orderBy: { fromOn: 'desc' } });
  if (!post) throw notFound(`工作人员 ${workerId} 没有任职记录 / the worker has no post`);
  return post;
}

async function activeWorker(em: EntityManager, id: string): Promise<Worker> {
  const w = await em.findOne(Worker, { id });
  if (!w) throw notFound(`工作人员不存在：${id} / no such worker`, 'id');
  if (w.leftOn) throw conflict(`工作人员 ${id} 已于 ${w.leftOn} 离职 / the worker has left`, 'id');
  return w;
}

export const workerMutations: MutationResolvers = {
  hireCommunityWorker: (_, { input }, ctx) =>
    audited(
      ctx,
      'hireCommunityWorker',
      input,
      async (em) => {
        const communityCode = regionCodeOf(input.communityCode, 'communityCode');
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        const district = districtOf(communityCode);
        const staffNumber = localNumberOf(input.id, 'id', '工号');
        const id = globalId(district, staffNumber);
        const name = requiredText(input.name, 'name', '姓名', 50);
        const idNumber = idNumberOf(input.idNumber, 'idNumber');
        const phone = phoneOf(input.phone, 'phone');
        const hiredOn = eventDay(input.hiredOn, 'hiredOn', '入职日期');
        if (await em.findOne(Worker, { id })) throw conflict(`工号 ${staffNumber} 已存在 / staff number already in use`, 'id');
        await community(em, communityCode, 'communityCode');
        const gridCode = await gridFor(em, input.role, communityCode, input.gridCode, hiredOn, id);
        const person = await personFor(em, district, idNumber, name, phone, true);
        await em.flush();
        const serving = await em.findOne(Worker, { personId: person.id, $or: [{ leftOn: null }, { leftOn: { $gt: hiredOn } }] });
        if (serving)
          throw conflict(`此人已在岗（工号 ${serving.staffNumber}）/ this person already serves as ${serving.staffNumber}`, 'idNumber');
        const post = { communityCode, role: input.role, tier: input.tier ?? null, gridCode };
        const worker = em.create(Worker, {
          id,
          districtCode: district,
          staffNumber,
          personId: person.id,
          gender: optionalText(input.gender, 'gender', '性别', 10),
          hiredOn,
          leftOn: null,
          politicalStatus: optionalText(input.politicalStatus, 'politicalStatus', '政治面貌', 50),
          education: optionalText(input.education, 'education', '学历', 50),
          ...post,
        });
        em.create(WorkerPost, { workerId: id, fromOn: hiredOn, toOn: null, ...post });
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),

  moveCommunityWorker: (_, { input }, ctx) =>
    audited(
      ctx,
      'moveCommunityWorker',
      input,
      async (em) => {
        const worker = await activeWorker(em, await recordId(ctx, input.id));
        const communityCode = input.communityCode ? regionCodeOf(input.communityCode, 'communityCode') : worker.communityCode;
        assertCanWrite(ctx.caller, DEPARTMENT, worker.communityCode);
        assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
        if (districtOf(communityCode) !== worker.districtCode) {
          throw badInput(
            '不能调往其他区县，请办理离职后由对方聘用 / a move cannot cross districts: release the worker there and hire here',
            'communityCode',
          );
        }
        const post = await currentPost(em, worker.id);
        const on = eventDay(input.on, 'on', '调岗日期', { day: post.fromOn, after: '现任职起始日' });
        if (on === post.fromOn) throw badInput(`调岗日期须晚于现任职起始日 ${post.fromOn} / the move must come after ${post.fromOn}`, 'on');
        if (communityCode !== worker.communityCode) await community(em, communityCode, 'communityCode');
        const role = input.role ?? worker.role;
        const tier = input.tier === undefined ? worker.tier : input.tier;
        const keepGrid = role === 'GRID_WORKER' && communityCode === worker.communityCode ? worker.gridCode : null;
        const gridCode = await gridFor(em, role, communityCode, input.gridCode ?? keepGrid, on, worker.id);
        const next = { communityCode, role, tier: tier ?? null, gridCode };
        if (
          next.communityCode === post.communityCode &&
          next.role === post.role &&
          next.tier === (post.tier ?? null) &&
          next.gridCode === (post.gridCode ?? null)
        ) {
          throw badInput('未发生任何变化 / the move changes nothing', 'input');
        }
        post.toOn = on;
        em.create(WorkerPost, { workerId: worker.id, fromOn: on, toOn: null, ...next });
        Object.assign(worker, next);
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),

  releaseCommunityWorker: (_, args, ctx) =>
    audited(
      ctx,
      'releaseCommunityWorker',
      args,
      async (em) => {
        const worker = await activeWorker(em, await recordId(ctx, args.id));
        assertCanWrite(ctx.caller, DEPARTMENT, worker.communityCode);
        const post = await currentPost(em, worker.id);
        const leftOn = eventDay(args.leftOn, 'leftOn', '离职日期', { day: post.fromOn, after: '现任职起始日' });
        worker.leftOn = leftOn;
        post.toOn = leftOn;
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),
};
