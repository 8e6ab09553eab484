import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type PointsKind = 'EARN' | 'REDEEM';
export type PointsReason = 'ISSUE_CONFIRMED' | 'SERVICE_GIVEN';

/**
 * One entry of the points ledger (written by the app only, never by an import). Worker, merchant
 * and issue are named by their global ids. The idempotency key, unique per booker (the caller's
 * subject), makes a retried request a no-op even if two retries race, and is no one else's business:
 * another caller's key neither collides with it nor tells it apart. The partial unique index rewards
 * each confirmed issue once.
 */
@Entity({ tableName: 'gig_points_entry' })
@Check({ name: 'gig_points_entry_amount_check', expression: 'points > 0 and balance_after >= 0' })
@Unique({
  name: 'gig_points_entry_issue_once',
  expression: `create unique index "gig_points_entry_issue_once" on "gig_points_entry" ("issue_id") where "reason" = 'ISSUE_CONFIRMED'`,
})
@Unique({ name: 'gig_points_entry_booked_by_idempotency_key_unique', properties: ['bookedBy', 'idempotencyKey'] })
export class GigPointsEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  workerId!: string;

  /** the worker's community when booked, for the caller's region scope */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 8 })
  kind!: PointsKind;

  @Property({ type: 'string', length: 20, nullable: true })
  reason?: PointsReason | null;

  @Property({ type: 'integer' })
  points!: number;

  @Property({ type: 'integer' })
  balanceAfter!: number;

  @Property({ type: 'string', length: 40, nullable: true })
  merchantId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  issueId?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** the subject of the caller who booked the entry ('' for entries booked before keys were per caller) */
  @Property({ type: 'text', default: '' })
  bookedBy: string = '';

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}
