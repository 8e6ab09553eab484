import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, districtOf, globalId, notFound } from '@district/common';
import {
  assertKeyFree,
  audited,
  correction,
  defineRecord,
  eventDay,
  idNumberOf,
  localNumberOf,
  notFuture,
  optionalText,
  phoneOf,
  recordToChange,
  regionCodeOf,
  requiredText,
  withdrawal,
  type ChangeSet,
  type Correcting,
  type RequestContext,
} from '@district/subgraph-kit';
import type { CorrectCommunityWorkerInput, CommunityWorkerRole as WorkerRole, MutationResolvers } from '../../generated/graphql';
import { Grid, Region } from '../regions/region.entity';
import { Person } from '../persons/person.entity';
import { personFor } from '../persons/persons';
import { assertAttendanceInService } from '../trainings/attendance';
import { Worker, WorkerPost } from './worker.entity';

const DEPARTMENT = 'workforce';

/** A community or grid worker, as daily work corrects and withdraws it; the posts go with it. */
export const WORKER_RECORD = defineRecord<Worker>({
  type: 'CommunityWorker',
  entity: Worker,
  label: ['社区工作者', 'community worker'],
  owner: DEPARTMENT,
  placeOf: (w) => w.communityCode,
  idOf: (w) => w.id,
  owns: [{ table: 'worker_post', column: 'worker_id' }],
  referencedBy: [{ table: 'training_attendance', column: 'worker_id', label: ['培训签到记录', 'attendance rows'] }],
  personal: { name: 'NAME', idNumber: 'ID_NUMBER', phone: 'PHONE' },
});

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

/** A worker's posts, earliest first. */
const postsOf = (em: EntityManager, workerId: string) => em.find(WorkerPost, { workerId }, { orderBy: { fromOn: 'asc' } });

async function currentPost(em: EntityManager, workerId: string): Promise<WorkerPost> {
  const post = await em.findOne(WorkerPost, { workerId }, { orderBy: { fromOn: 'desc' } });
  if (!post) throw notFound(`工作人员 ${workerId} 没有任职记录 / the worker has no post`);
  return post;
}

/**
 * A worker's posts follow one another: each begins where the one before ended, none ends before it
 * begins, and only the last may be open. Every change to a worker's dates keeps it so, so head
 * counts on any day and the list of posts always agree.
 */
export function assertPostsInOrder(posts: WorkerPost[], field: string): void {
  posts.forEach((p, i) => {
    if (p.toOn && p.toOn <= p.fromOn) {
      throw badInput(`任职结束日（${p.toOn}）须晚于起始日（${p.fromOn}）/ a post must end after it begins`, field);
    }
    const next = posts[i + 1];
    if (next && p.toOn !== next.fromOn) {
      throw badInput(`任职经历须前后相接（${p.toOn ?? '未结束'} / ${next.fromOn}）/ posts must follow one another`, field);
    }
  });
}

/** Another record of the same person in post on any day of [from, to): one post per person at a time. */
async function assertNotServing(em: EntityManager, personId: string, from: string, to: string | null, workerId: string, field: string) {
  const serving = await em.findOne(Worker, {
    personId,
    id: { $ne: workerId },
    $and: [{ $or: [{ leftOn: null }, { leftOn: { $gt: from } }] }, ...(to ? [{ hiredOn: { $lt: to } }] : [])],
  });
  if (serving) throw conflict(`此人已在岗（工号 ${serving.staffNumber}）/ this person already serves as ${serving.staffNumber}`, field);
}

async function activeWorker(ctx: RequestContext, em: EntityManager, given: string): Promise<Worker> {
  const w = await recordToChange(ctx, em, WORKER_RECORD, given);
  if (w.leftOn) throw conflict(`工作人员 ${w.id} 已于 ${w.leftOn} 离职 / the worker has left`, 'id');
  return w;
}

/** The person a corrected ID number names: the district's person with that number, found or created. */
async function correctIdentity(
  c: { ctx: RequestContext; em: EntityManager; change: ChangeSet },
  row: { personId: string; districtCode: string },
  given: string | null | undefined,
  field: string,
): Promise<Person> {
  const person = await c.em.findOneOrFail(Person, { id: row.personId });
  if (given === undefined) return person;
  const idNumber = idNumberOf(given ?? '', field);
  if (idNumber === person.idNumber) return person;
  // another person, not a changed one: the person's other records keep the number they were given
  const other = await personFor(c.em, c.ctx.personKey, row.districtCode, idNumber, person.name, null, false);
  await c.em.flush();
  c.change.note(field, person.idNumber, idNumber);
  row.personId = other.id;
  return other;
}

async function applyWorkerCorrection({ ctx, em, row: worker, change }: Correcting<Worker>, input: CorrectCommunityWorkerInput) {
  const served = { hiredOn: worker.hiredOn, leftOn: worker.leftOn ?? null };
  const person = await correctIdentity({ ctx, em, change }, worker, input.idNumber, 'idNumber');
  if (input.name !== undefined) change.set(person, 'name', requiredText(input.name, 'name', '姓名', 50));
  if (input.phone !== undefined) change.set(person, 'phone', phoneOf(input.phone, 'phone'));
  if (input.gender !== undefined) change.set(worker, 'gender', optionalText(input.gender, 'gender', '性别', 10));
  if (input.politicalStatus !== undefined)
    change.set(worker, 'politicalStatus', optionalText(input.politicalStatus, 'politicalStatus', '政治面貌', 50));
  if (input.education !== undefined) change.set(worker, 'education', optionalText(input.education, 'education', '学历', 50));

  const posts = await postsOf(em, worker.id);
  const first = posts[0];
  const last = posts[posts.length - 1];
  if (!first) throw notFound(`工作人员 ${worker.id} 没有任职记录 / the worker has no post`);

  // the current post's own fields, corrected in place (a move is moveCommunityWorker's)
  if (input.communityCode || input.role || input.tier !== undefined || input.gridCode !== undefined) {
    const communityCode = input.communityCode ? regionCodeOf(input.communityCode, 'communityCode') : worker.communityCode;
    if (districtOf(communityCode) !== worker.districtCode) {
      throw badInput('不能更正到其他区县 / a worker cannot be corrected into another district', 'communityCode');
    }
    assertCanWrite(ctx.caller, DEPARTMENT, communityCode);
    if (communityCode !== worker.communityCode) await community(em, communityCode, 'communityCode');
    const role = input.role ?? worker.role;
    const keepGrid = role === 'GRID_WORKER' && communityCode === worker.communityCode ? worker.gridCode : null;
    const gridCode = await gridFor(
      em,
      role,
      communityCode,
      input.gridCode === undefined ? keepGrid : input.gridCode,
      last.fromOn,
      worker.id,
    );
    const tier = input.tier === undefined ? worker.tier : input.tier;
    for (const [prop, value] of [
      ['communityCode', communityCode],
      ['role', role],
      ['tier', tier ?? null],
      ['gridCode', gridCode],
    ] as const) {
      change.set(worker, prop, value as never);
      (last as unknown as Record<string, unknown>)[prop] = value;
    }
  }
  if (input.hiredOn !== undefined) {
    const hiredOn = notFuture(input.hiredOn ?? '', 'hiredOn', '入职日期');
    change.set(worker, 'hiredOn', hiredOn);
    first.fromOn = hiredOn;
  }
  if (input.leftOn !== undefined) {
    const leftOn = input.leftOn === null ? null : notFuture(input.leftOn, 'leftOn', '离职日期');
    if (leftOn === null && last.toOn !== worker.leftOn) throw badInput('该工作人员未离职 / the worker has not left', 'leftOn');
    change.set(worker, 'leftOn', leftOn);
    last.toOn = leftOn;
  }
  assertPostsInOrder(posts, input.hiredOn !== undefined ? 'hiredOn' : 'leftOn');
  if (change.has('hiredOn') || change.has('leftOn') || change.has('idNumber')) {
    await assertNotServing(
      em,
      worker.personId,
      worker.hiredOn,
      worker.leftOn ?? null,
      worker.id,
      change.has('idNumber') ? 'idNumber' : 'hiredOn',
    );
  }
  if (change.has('hiredOn') || change.has('leftOn')) {
    const after = { hiredOn: worker.hiredOn, leftOn: worker.leftOn ?? null };
    await assertAttendanceInService(em, [{ workerId: worker.id, before: served, after }], change.has('hiredOn') ? 'hiredOn' : 'leftOn');
  }
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
        await assertKeyFree(em, Worker, { id }, 'id', `工号 ${staffNumber} `);
        await community(em, communityCode, 'communityCode');
        const gridCode = await gridFor(em, input.role, communityCode, input.gridCode, hiredOn, id);
        const person = await personFor(em, ctx.personKey, district, idNumber, name, phone, true);
        await em.flush();
        await assertNotServing(em, person.id, hiredOn, null, id, 'idNumber');
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
        const worker = await activeWorker(ctx, em, input.id);
        const communityCode = input.communityCode ? regionCodeOf(input.communityCode, 'communityCode') : worker.communityCode;
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
        const worker = await activeWorker(ctx, em, args.id);
        const post = await currentPost(em, worker.id);
        const leftOn = eventDay(args.leftOn, 'leftOn', '离职日期', { day: post.fromOn, after: '现任职起始日' });
        if (leftOn === post.fromOn) throw badInput(`离职日期须晚于现任职起始日 ${post.fromOn} / leave after ${post.fromOn}`, 'leftOn');
        const before = { hiredOn: worker.hiredOn, leftOn: null };
        await assertAttendanceInService(em, [{ workerId: worker.id, before, after: { ...before, leftOn } }], 'leftOn');
        worker.leftOn = leftOn;
        post.toOn = leftOn;
        return worker;
      },
      (w) => `CommunityWorker:${w.id}`,
    ),

  correctCommunityWorker: correction(WORKER_RECORD, applyWorkerCorrection),
  withdrawCommunityWorker: withdrawal(WORKER_RECORD),
};
