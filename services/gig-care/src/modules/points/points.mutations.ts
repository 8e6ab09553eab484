import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '@district/common';
import { audited, optionalText, reached, recordId, requiredText, wholeNumber } from '@district/subgraph-kit';
import type { MutationResolvers } from '../../generated/graphql';
import { GigIssue } from '../issues/issue.entity';
import { ISSUE_LOOP } from '../issues/issue-loop';
import { GigStation } from '../stations/station.entity';
import { book } from './points.booking';
import { GigPointsEntry } from './points.entity';

const MAX_AWARD = 1000;
const MAX_REDEEM = 100_000;

const keyOf = (key: string) => requiredText(key, 'idempotencyKey', '幂等键', 100);

/** An issue earns points once, for its reporter, once it is confirmed (dispatched or further). */
function issueConfirmed(workerId: string, issueId: string, given: string) {
  return async (em: EntityManager) => {
    const issue = await em.findOne(GigIssue, { id: issueId });
    if (!issue || issue.reporterId !== workerId) {
      throw badInput(`问题${given}不是该人员上报的 / issue ${given} was not reported by this worker`, 'issueCode');
    }
    if (!reached(ISSUE_LOOP, issue.status, 'DISPATCHED')) {
      throw badInput(`问题${given}尚未确认派单 / issue ${given} is not confirmed (dispatched) yet`, 'issueCode');
    }
    if (await em.count(GigPointsEntry, { issueId, reason: 'ISSUE_CONFIRMED' })) {
      throw conflict(`问题${given}已奖励过积分 / issue ${given} already earned its points`, 'issueCode');
    }
  };
}

/** Points are redeemed at friendly merchants (friendly scenes) only. */
function friendlyMerchant(merchantId: string, given: string) {
  return async (em: EntityManager) => {
    const merchant = await em.findOne(GigStation, { id: merchantId });
    if (merchant?.kind !== 'FRIENDLY_SCENE') {
      throw badInput(`${given}不是友好商户（友好场景）/ ${given} is not a friendly merchant (friendly scene)`, 'merchantCode');
    }
  };
}

export const pointsMutations: MutationResolvers = {
  awardGigPoints: (_, { input }, ctx) =>
    audited(
      ctx,
      'awardGigPoints',
      input,
      async (em) => {
        const issueCode = input.issueCode?.trim() || null;
        if (input.reason === 'ISSUE_CONFIRMED' && !issueCode)
          throw badInput('确认问题奖励须填写问题编号 / issueCode is required for ISSUE_CONFIRMED', 'issueCode');
        if (input.reason !== 'ISSUE_CONFIRMED' && issueCode)
          throw badInput('只有确认问题奖励关联问题编号 / issueCode belongs to ISSUE_CONFIRMED only', 'issueCode');
        const workerId = await recordId(ctx, input.workerCode, 'workerCode');
        const issue = issueCode ? { given: issueCode, id: await recordId(ctx, issueCode, 'issueCode') } : null;
        return book(
          ctx,
          em,
          {
            workerId,
            kind: 'EARN',
            reason: input.reason,
            points: wholeNumber(input.points, 'points', '分值', 1, MAX_AWARD),
            merchantId: null,
            issueId: issue?.id ?? null,
            note: optionalText(input.note, 'note', '说明'),
            idempotencyKey: keyOf(input.idempotencyKey),
          },
          issue ? issueConfirmed(workerId, issue.id, issue.given) : undefined,
        );
      },
      (e) => `GigPointsEntry:${e.id}`,
    ),
  redeemGigPoints: (_, { input }, ctx) =>
    audited(
      ctx,
      'redeemGigPoints',
      input,
      async (em) => {
        const merchantId = await recordId(ctx, input.merchantCode, 'merchantCode');
        return book(
          ctx,
          em,
          {
            workerId: await recordId(ctx, input.workerCode, 'workerCode'),
            kind: 'REDEEM',
            reason: null,
            points: wholeNumber(input.points, 'points', '分值', 1, MAX_REDEEM),
            merchantId,
            issueId: null,
            note: null,
            idempotencyKey: keyOf(input.idempotencyKey),
          },
          friendlyMerchant(merchantId, input.merchantCode),
        );
      },
      (e) => `GigPointsEntry:${e.id}`,
    ),
};
