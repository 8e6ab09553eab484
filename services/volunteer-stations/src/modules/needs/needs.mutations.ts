import {
  assertCanWrite,
  audited,
  badInput,
  communityOf,
  conflict,
  inScope,
  isRegionCode,
  notFound,
  regionNode,
  type RequestContext,
  assertInRegionTree,
} from '@district/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { nextCode } from '../../lib/codes';
import { reportedDay, requiredText } from '../../lib/input';
import { Need, Resource, type NeedStatus } from './need.entity';

/**
 * A grid code as typed: 14 digits inside the caller's scope, and a grid of the region tree (asked of
 * the workforce subgraph, which owns it).
 */
async function gridOf(ctx: RequestContext, raw: string): Promise<{ gridCode: string; communityCode: string }> {
  const gridCode = raw.trim();
  if (gridCode.length !== 14 || !isRegionCode(gridCode)) throw badInput('网格编码应为14位数字 / gridCode must be 14 digits', 'gridCode');
  regionNode(ctx, gridCode); // refuses a grid outside the caller's scope
  await assertInRegionTree(ctx, 'grids', gridCode, 'gridCode');
  return { gridCode, communityCode: communityOf(gridCode) };
}

async function raiseNeed(ctx: RequestContext, input: { gridCode: string; content: string; category: string; raisedOn?: string | null }) {
  return audited(
    ctx,
    'raiseVolunteerNeed',
    { input },
    async (em) => {
      const where = await gridOf(ctx, input.gridCode);
      assertCanWrite(ctx.caller, 'volunteer-stations', where.communityCode);
      const raisedOn = reportedDay(input.raisedOn, 'raisedOn');
      return em.create(Need, {
        code: await nextCode(em, 'need', `XQD${raisedOn.slice(0, 4)}`, 4),
        ...where,
        content: requiredText(input.content, 'content', '需求内容'),
        category: requiredText(input.category, 'category', '需求类别', 50),
        raisedOn,
        status: 'RAISED',
      });
    },
    (n) => `VolunteerNeed:${n.code}`,
  );
}

const STATUS_LABEL: Record<NeedStatus, string> = { RAISED: '待认领', CLAIMED: '已认领', SERVED: '已服务', CLOSED: '已反馈办结' };

/** One step of the closed loop: the need must exist, be writable by the caller and stand at `from`. */
function needStep(
  ctx: RequestContext,
  operation: string,
  args: { code: string },
  from: NeedStatus,
  step: (em: EntityManager, need: Need) => Promise<void>,
) {
  return audited(
    ctx,
    operation,
    args,
    async (em) => {
      const need = await em.findOne(Need, { code: args.code });
      if (!need || !inScope(ctx.caller, need.communityCode)) throw notFound(`需求 ${args.code} 不存在 / no need ${args.code}`);
      assertCanWrite(ctx.caller, 'volunteer-stations', need.communityCode);
      if (need.status !== from) {
        throw conflict(
          `需求当前为“${STATUS_LABEL[need.status]}”，此操作需要“${STATUS_LABEL[from]}” / the need is ${need.status}, this step needs ${from}`,
        );
      }
      await step(em, need);
      return need;
    },
    (n) => `VolunteerNeed:${n.code}`,
  );
}

async function registerResource(
  ctx: RequestContext,
  input: { gridCode: string; provider: string; content: string; category: string; registeredOn?: string | null },
) {
  return audited(
    ctx,
    'registerVolunteerResource',
    { input },
    async (em) => {
      const where = await gridOf(ctx, input.gridCode);
      assertCanWrite(ctx.caller, 'volunteer-stations', where.communityCode);
      const registeredOn = reportedDay(input.registeredOn, 'registeredOn');
      return em.create(Resource, {
        code: await nextCode(em, 'resource', `ZY${registeredOn.slice(0, 4)}`, 4),
        ...where,
        provider: requiredText(input.provider, 'provider', '资源提供方', 50),
        content: requiredText(input.content, 'content', '资源内容'),
        category: requiredText(input.category, 'category', '资源类别', 50),
        registeredOn,
      });
    },
    (r) => `VolunteerResource:${r.code}`,
  );
}

/** Daily work on the lists: raise a need and take it round the loop, register a resource. */
export const needMutations = {
  raiseVolunteerNeed: (_: unknown, { input }: { input: Parameters<typeof raiseNeed>[1] }, ctx: RequestContext) => raiseNeed(ctx, input),
  claimVolunteerNeed: (_: unknown, args: { code: string; claimedBy: string; claimedOn?: string }, ctx: RequestContext) =>
    needStep(ctx, 'claimVolunteerNeed', args, 'RAISED', async (_em, need) => {
      need.claimedBy = requiredText(args.claimedBy, 'claimedBy', '认领方', 100);
      need.claimedOn = reportedDay(args.claimedOn, 'claimedOn', need.raisedOn);
      need.status = 'CLAIMED';
    }),
  serveVolunteerNeed: (_: unknown, args: { code: string; resourceCode?: string; servedOn?: string }, ctx: RequestContext) =>
    needStep(ctx, 'serveVolunteerNeed', args, 'CLAIMED', async (em, need) => {
      if (args.resourceCode && !(await em.findOne(Resource, { code: args.resourceCode }))) {
        throw badInput(`资源 ${args.resourceCode} 不存在 / no resource ${args.resourceCode}`, 'resourceCode');
      }
      need.resourceCode = args.resourceCode ?? null;
      need.servedOn = reportedDay(args.servedOn, 'servedOn', need.claimedOn ?? need.raisedOn);
      need.status = 'SERVED';
    }),
  closeVolunteerNeed: (
    _: unknown,
    args: { code: string; feedback: string; satisfaction?: number; closedOn?: string },
    ctx: RequestContext,
  ) =>
    needStep(ctx, 'closeVolunteerNeed', args, 'SERVED', async (_em, need) => {
      if (args.satisfaction != null && (!Number.isInteger(args.satisfaction) || args.satisfaction < 1 || args.satisfaction > 5)) {
        throw badInput('满意度应为1到5 / satisfaction must be 1 to 5', 'satisfaction');
      }
      need.feedback = requiredText(args.feedback, 'feedback', '反馈', 500);
      need.satisfaction = args.satisfaction ?? null;
      need.closedOn = reportedDay(args.closedOn, 'closedOn', need.servedOn ?? need.claimedOn ?? need.raisedOn);
      need.status = 'CLOSED';
    }),
  registerVolunteerResource: (_: unknown, { input }: { input: Parameters<typeof registerResource>[1] }, ctx: RequestContext) =>
    registerResource(ctx, input),
};
