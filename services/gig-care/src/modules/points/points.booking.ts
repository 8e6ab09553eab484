import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanWrite, badInput, conflict, inScope } from '@district/common';
import type { RequestContext } from '@district/subgraph-kit';
import { GigPointsEntry, type PointsKind, type PointsReason } from './points.entity';

/** One booking asked for; worker, merchant and issue by global id. */
export interface Booking {
  workerId: string;
  kind: PointsKind;
  reason: PointsReason | null;
  points: number;
  merchantId: string | null;
  issueId: string | null;
  note: string | null;
  idempotencyKey: string;
}

const sameRequest = (e: GigPointsEntry, b: Booking) =>
  e.workerId === b.workerId &&
  e.kind === b.kind &&
  e.points === b.points &&
  (e.reason ?? null) === b.reason &&
  (e.merchantId ?? null) === b.merchantId &&
  (e.issueId ?? null) === b.issueId;

/**
 * Books one entry on a worker's points account, inside the mutation's transaction.
 *
 * The account row is locked first (SELECT … FOR UPDATE), so every booking on one account runs one
 * after another: concurrent redemptions each see the balance the previous one left and none can
 * overdraw, and a retry racing its original sees the original's entry once it commits and returns
 * it instead of booking again. The unique index on the key and the CHECK on the balance hold even
 * if some other code path forgets the lock.
 */
export async function book(
  ctx: RequestContext,
  em: EntityManager,
  b: Booking,
  check?: (em: EntityManager) => Promise<void>,
): Promise<GigPointsEntry> {
  const [account] = await em.execute<{ community_code: string; points_balance: number }[]>(
    'SELECT community_code, points_balance FROM gig_worker WHERE id = ? AND withdrawn_on IS NULL FOR UPDATE',
    [b.workerId],
  );
  if (!account || !inScope(ctx.caller, account.community_code)) {
    throw badInput(`人员不存在：${b.workerId} / no such gig worker`, 'workerCode');
  }
  assertCanWrite(ctx.caller, 'gig-care', account.community_code);

  // keys are the caller's own: another caller's use of the same key is none of its business
  const earlier = await em.findOne(GigPointsEntry, { bookedBy: ctx.caller.subject, idempotencyKey: b.idempotencyKey });
  if (earlier) {
    if (sameRequest(earlier, b)) return earlier;
    throw conflict('该幂等键已用于另一笔积分业务 / this idempotencyKey was already used for a different request', 'idempotencyKey');
  }
  await check?.(em);

  const balance = account.points_balance + (b.kind === 'EARN' ? b.points : -b.points);
  if (balance < 0) {
    throw badInput(
      `积分不足：余额${account.points_balance}，需${b.points} / not enough points: balance ${account.points_balance}, asked ${b.points}`,
      'points',
    );
  }
  await em.execute('UPDATE gig_worker SET points_balance = ? WHERE id = ?', [balance, b.workerId]);
  const entry = em.create(GigPointsEntry, {
    ...b,
    bookedBy: ctx.caller.subject,
    communityCode: account.community_code,
    balanceAfter: balance,
    at: new Date(),
  });
  await em.flush();
  return entry;
}
