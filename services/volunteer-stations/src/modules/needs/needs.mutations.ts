import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, communityOf, districtOf, globalId } from '@district/common';
import {
  assertInRegionTree,
  assertStep,
  audited,
  correction,
  defineRecord,
  eventDay,
  nextNumber,
  NOTE_MAX,
  notFuture,
  recordId,
  recordToChange,
  regionCodeOf,
  type RequestContext,
  requiredText,
  visible,
  wholeNumber,
  withdrawal,
} from '@district/subgraph-kit';
import type { CorrectVolunteerNeedInput, CorrectVolunteerResourceInput, MutationResolvers } from '../../generated/graphql';
import { Need, NEED_LOOP, Resource, type NeedStatus } from './need.entity';
import { categoryKindOf } from '../activities/categories';

const DEPARTMENT = 'volunteer-stations';

export const NEED_RECORD = defineRecord<Need>({
  type: 'VolunteerNeed',
  entity: Need,
  label: ['需求', 'need'],
  owner: DEPARTMENT,
  placeOf: (n) => n.communityCode,
  idOf: (n) => n.id,
});

export const RESOURCE_RECORD = defineRecord<Resource>({
  type: 'VolunteerResource',
  entity: Resource,
  label: ['资源', 'resource'],
  owner: DEPARTMENT,
  placeOf: (r) => r.communityCode,
  idOf: (r) => r.id,
  referencedBy: [{ table: 'need', column: 'resource_id', label: ['需求', 'needs'] }],
});

/** A need's or resource's grid, corrected: of the same district, within the caller's rights. */
async function correctedGrid(ctx: RequestContext, row: { districtCode: string }, raw: string) {
  const place = await gridOf(ctx, raw);
  if (place.districtCode !== row.districtCode) throw badInput('不能更正到其他区县 / not into another district', 'gridCode');
  return place;
}

/** A grid as typed: 14 digits, inside the caller's scope, and a grid of the region tree (asked of its owner). */
async function gridOf(ctx: RequestContext, raw: string) {
  const gridCode = regionCodeOf(raw, 'gridCode', ['GRID']);
  assertCanWrite(ctx.caller, DEPARTMENT, gridCode);
  await assertInRegionTree(ctx, 'grids', gridCode, 'gridCode');
  return { gridCode, communityCode: communityOf(gridCode), districtCode: districtOf(gridCode) };
}

/**
 * Moves a need one step along its loop: the need must be one the caller sees and may change, and
 * stand just before `to` (else CONFLICT, naming where it stands).
 */
async function advance(ctx: RequestContext, em: EntityManager, given: string, to: NeedStatus): Promise<Need> {
  const need = await recordToChange(ctx, em, NEED_RECORD, given, 'code');
  assertStep(NEED_LOOP, need.status, to);
  need.status = to;
  return need;
}

export const needMutations: MutationResolvers = {
  raiseVolunteerNeed: (_, { input }, ctx) =>
    audited(
      ctx,
      'raiseVolunteerNeed',
      input,
      async (em) => {
        const place = await gridOf(ctx, input.gridCode);
        const content = requiredText(input.content, 'content', '需求内容');
        const category = requiredText(input.category, 'category', '需求类别', 50);
        const raisedOn = eventDay(input.raisedOn, 'raisedOn', '提出日期');
        // numbers follow the ledger's pattern XQD<year><4 digits>, continuing the year's highest in the district
        const number = await nextNumber(em, {
          table: 'need',
          column: 'number',
          district: place.districtCode,
          prefix: `XQD${raisedOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Need, {
          id: globalId(place.districtCode, number),
          number,
          ...place,
          content,
          category,
          categoryKind: categoryKindOf(category),
          raisedOn,
          status: 'RAISED',
        });
      },
      (n) => `VolunteerNeed:${n.id}`,
    ),

  claimVolunteerNeed: (_, args, ctx) =>
    audited(
      ctx,
      'claimVolunteerNeed',
      args,
      async (em) => {
        const need = await advance(ctx, em, args.code, 'CLAIMED');
        need.claimedBy = requiredText(args.claimedBy, 'claimedBy', '认领方', 100);
        need.claimedOn = eventDay(args.claimedOn, 'claimedOn', '认领日期', { day: need.raisedOn, after: '提出日期' });
        return need;
      },
      (n) => `VolunteerNeed:${n.id}`,
    ),

  serveVolunteerNeed: (_, args, ctx) =>
    audited(
      ctx,
      'serveVolunteerNeed',
      args,
      async (em) => {
        const need = await advance(ctx, em, args.code, 'SERVED');
        need.servedOn = eventDay(args.servedOn, 'servedOn', '服务日期', { day: need.claimedOn ?? need.raisedOn, after: '认领日期' });
        if (args.resourceCode) {
          const resource = visible(
            ctx,
            await em.findOne(Resource, { id: await recordId(ctx, args.resourceCode, 'resourceCode') }),
            (r) => r.communityCode,
          );
          if (!resource || resource.districtCode !== need.districtCode) {
            throw badInput(`本区县无此资源：${args.resourceCode} / no such resource in the need's district`, 'resourceCode');
          }
          // a resource serves from the day it was registered
          eventDay(need.servedOn, 'servedOn', '服务日期', { day: resource.registeredOn, after: '资源登记日期' });
          need.resourceId = resource.id;
        }
        return need;
      },
      (n) => `VolunteerNeed:${n.id}`,
    ),

  closeVolunteerNeed: (_, args, ctx) =>
    audited(
      ctx,
      'closeVolunteerNeed',
      args,
      async (em) => {
        const need = await advance(ctx, em, args.code, 'CLOSED');
        need.feedback = requiredText(args.feedback, 'feedback', '反馈', NOTE_MAX);
        need.satisfaction =
          args.satisfaction === null || args.satisfaction === undefined
            ? null
            : wholeNumber(args.satisfaction, 'satisfaction', '满意度', 1, 5);
        need.closedOn = eventDay(args.closedOn, 'closedOn', '反馈日期', {
          day: need.servedOn ?? need.claimedOn ?? need.raisedOn,
          after: '服务日期',
        });
        return need;
      },
      (n) => `VolunteerNeed:${n.id}`,
    ),

  registerVolunteerResource: (_, { input }, ctx) =>
    audited(
      ctx,
      'registerVolunteerResource',
      input,
      async (em) => {
        const place = await gridOf(ctx, input.gridCode);
        const provider = requiredText(input.provider, 'provider', '资源提供方', 50);
        const content = requiredText(input.content, 'content', '资源内容');
        const category = requiredText(input.category, 'category', '资源类别', 50);
        const registeredOn = eventDay(input.registeredOn, 'registeredOn', '登记日期');
        // numbers follow the ledger's pattern ZY<year><4 digits>, continuing the year's highest in the district
        const number = await nextNumber(em, {
          table: 'resource',
          column: 'number',
          district: place.districtCode,
          prefix: `ZY${registeredOn.slice(0, 4)}`,
          width: 4,
        });
        return em.create(Resource, {
          id: globalId(place.districtCode, number),
          number,
          ...place,
          provider,
          content,
          category,
          registeredOn,
        });
      },
      (r) => `VolunteerResource:${r.id}`,
    ),

  correctVolunteerNeed: correction<Need, CorrectVolunteerNeedInput, 'code'>(
    NEED_RECORD,
    async ({ ctx: c, row, change }, input) => {
      if (input.gridCode) {
        const place = await correctedGrid(c, row, input.gridCode);
        change.set(row, 'gridCode', place.gridCode);
        change.set(row, 'communityCode', place.communityCode);
      }
      if (input.content !== undefined) change.set(row, 'content', requiredText(input.content, 'content', '需求内容'));
      if (input.category !== undefined) {
        change.set(row, 'category', requiredText(input.category, 'category', '需求类别', 50));
        change.set(row, 'categoryKind', categoryKindOf(row.category));
      }
      if (input.raisedOn) {
        const day = notFuture(input.raisedOn, 'raisedOn', '提出日期');
        const next = row.claimedOn ?? row.servedOn ?? row.closedOn;
        if (next && next < day) throw badInput(`提出日期晚于下一环节（${next}）/ raised after the next step of its loop`, 'raisedOn');
        change.set(row, 'raisedOn', day);
      }
    },
    'code',
  ),
  withdrawVolunteerNeed: withdrawal(NEED_RECORD, { idArg: 'code' }),
  correctVolunteerResource: correction<Resource, CorrectVolunteerResourceInput, 'code'>(
    RESOURCE_RECORD,
    async ({ ctx: c, em, row, change }, input) => {
      if (input.gridCode) {
        const place = await correctedGrid(c, row, input.gridCode);
        change.set(row, 'gridCode', place.gridCode);
        change.set(row, 'communityCode', place.communityCode);
      }
      if (input.provider !== undefined) change.set(row, 'provider', requiredText(input.provider, 'provider', '资源提供方', 50));
      if (input.content !== undefined) change.set(row, 'content', requiredText(input.content, 'content', '资源内容'));
      if (input.category !== undefined) change.set(row, 'category', requiredText(input.category, 'category', '资源类别', 50));
      if (input.registeredOn) {
        const day = notFuture(input.registeredOn, 'registeredOn', '登记日期');
        // not registered after a need it already served
        const served = await em.findOne(Need, { resourceId: row.id, servedOn: { $lt: day } }, { orderBy: { servedOn: 'asc' } });
        if (served?.servedOn) {
          throw badInput(
            `登记日期晚于该资源已服务的需求（${served.servedOn}）/ registered after serving a need on ${served.servedOn}`,
            'registeredOn',
          );
        }
        change.set(row, 'registeredOn', day);
      }
    },
    'code',
  ),
  withdrawVolunteerResource: withdrawal(RESOURCE_RECORD, { idArg: 'code' }),
};
