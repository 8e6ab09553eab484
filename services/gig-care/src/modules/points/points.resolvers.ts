import type { EntityManager } from '@mikro-orm/postgresql';
import { audited, badInput, conflict, orderFrom, paginate, type PageArgs, type RequestContext } from '@district/common';
import { optionalText, requiredText } from '../../lib/input';
import { listPrefix } from '@district/common';
import { underPrefix } from '../../lib/place';
import { chinaTime } from '../../lib/time';
import { GigIssue } from '../issues/gig-issue.entity';
import { GigStation } from '../stations/gig-station.entity';
import { loadStation } from '../stations/station-loader';
import { loadWorker } from '../workers/worker-loader';
import { book } from './points-ledger';
import { GigPointsEntry, type PointsKind, type PointsReason } from './points-entry.entity';

const MAX_AWARD = 1000;
const MAX_REDEEM = 100_000;

function amount(points: number, max: number): number {
  if (!Number.isInteger(points) || points < 1 || points > max) {
    throw badInput(`分值应为1到${max}的整数 / points must be a whole number from 1 to ${max}`, 'points');
  }
  return points;
}

const keyOf = (key: string) => requiredText(key, 'idempotencyKey', '幂等键', 100);

export interface AwardInput {
  workerCode: string;
  points: number;
  reason: PointsReason;
  issueCode?: string | null;
  note?: string | null;
  idempotencyKey: string;
}
export interface RedeemInput {
  workerCode: string;
  merchantCode: string;
  points: number;
  idempotencyKey: string;
}

/** An issue earns points once, for its reporter, once it is confirmed (dispatched or further). */
function issueConfirmed(workerCode: string, issueCode: string) {
  return async (em: EntityManager) => {
    const issue = await em.findOne(GigIssue, { code: issueCode });
    if (!issue || issue.reporterCode !== workerCode) {
      throw badInput(`问题${issueCode}不是该人员上报的 / issue ${issueCode} was not reported by ${workerCode}`, 'issueCode');
    }
    if (issue.status === 'REPORTED')
      throw badInput(`问题${issueCode}尚未确认派单 / issue ${issueCode} is not confirmed (dispatched) yet`, 'issueCode');
    if (await em.count(GigPointsEntry, { issueCode, reason: 'ISSUE_CONFIRMED' })) {
      throw conflict(`问题${issueCode}已奖励过积分 / issue ${issueCode} already earned its points`);
    }
  };
}

const SORT = { AT: 'at', POINTS: 'points' };

export const pointsResolvers = {
  Query: {
    gigPointsEntries: (
      _: unknown,
      a: PageArgs & {
        filter?: { workerCode?: string; kind?: PointsKind; regionCode?: string };
        sort?: { field: string; direction?: 'ASC' | 'DESC' };
      },
      ctx: RequestContext,
    ) => {
      const where: Record<string, unknown> = underPrefix(listPrefix(ctx, a.filter?.regionCode));
      if (a.filter?.workerCode) where.workerCode = a.filter.workerCode;
      if (a.filter?.kind) where.kind = a.filter.kind;
      return paginate(ctx.em, GigPointsEntry, where, orderFrom(a.sort, SORT, [{ id: 'asc' }]), a);
    },
  },
  Mutation: {
    awardPoints: (_: unknown, { input }: { input: AwardInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'awardPoints',
        input,
        (em) => {
          const issueCode = input.issueCode?.trim() || null;
          if (input.reason === 'ISSUE_CONFIRMED' && !issueCode)
            throw badInput('确认问题奖励须填写问题编号 / issueCode is required for ISSUE_CONFIRMED', 'issueCode');
          if (input.reason !== 'ISSUE_CONFIRMED' && issueCode)
            throw badInput('只有确认问题奖励关联问题编号 / issueCode belongs to ISSUE_CONFIRMED only', 'issueCode');
          return book(
            ctx,
            em,
            {
              workerCode: input.workerCode,
              kind: 'EARN',
              reason: input.reason,
              points: amount(input.points, MAX_AWARD),
              merchantCode: null,
              issueCode,
              note: optionalText(input.note, 'note', '说明', 200),
              idempotencyKey: keyOf(input.idempotencyKey),
            },
            issueCode ? issueConfirmed(input.workerCode, issueCode) : undefined,
          );
        },
        (e) => `GigPointsEntry:${e.id}`,
      ),
    redeemPoints: (_: unknown, { input }: { input: RedeemInput }, ctx: RequestContext) =>
      audited(
        ctx,
        'redeemPoints',
        input,
        (em) =>
          book(
            ctx,
            em,
            {
              workerCode: input.workerCode,
              kind: 'REDEEM',
              reason: null,
              points: amount(input.points, MAX_REDEEM),
              merchantCode: input.merchantCode,
              issueCode: null,
              note: null,
              idempotencyKey: keyOf(input.idempotencyKey),
            },
            async () => {
              const merchant = await em.findOne(GigStation, { code: input.merchantCode });
              if (merchant?.kind !== 'FRIENDLY_SCENE') {
                throw badInput(
                  `${input.merchantCode}不是友好商户（友好场景）/ ${input.merchantCode} is not a friendly merchant (friendly scene)`,
                  'merchantCode',
                );
              }
            },
          ),
        (e) => `GigPointsEntry:${e.id}`,
      ),
  },
  GigPointsEntry: {
    worker: (e: GigPointsEntry, _: unknown, ctx: RequestContext) => loadWorker(ctx, e.workerCode),
    merchant: (e: GigPointsEntry, _: unknown, ctx: RequestContext) => (e.merchantCode ? loadStation(ctx, e.merchantCode) : null),
    at: (e: GigPointsEntry) => chinaTime(e.at),
  },
};
