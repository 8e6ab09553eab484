import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const JOB_TYPES = {
  COURIER: '快递员',
  DELIVERY_RIDER: '外卖骑手',
  RIDE_HAILING_DRIVER: '网约车司机',
  TRUCK_DRIVER: '货车司机',
  STREAMER: '网络主播',
} as const;
export type JobType = keyof typeof JOB_TYPES;

/**
 * A gig worker. The worker number is the key everywhere; the ID number is only unique (one
 * registration per person), never an identifier. The points balance lives on the row so a redemption
 * can lock it, and the CHECK keeps it from going below zero whatever code writes it.
 */
@Entity({ tableName: 'gig_worker' })
@Check({ name: 'gig_worker_points_balance_check', expression: 'points_balance >= 0' })
export class GigWorker {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Unique()
  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 24 })
  jobType!: JobType;

  @Property({ type: 'text' })
  platform!: string;

  @Property({ type: 'boolean' })
  partyMember!: boolean;

  @Property({ type: 'boolean' })
  mobileGridMember!: boolean;

  @Property({ type: 'date' })
  registeredOn!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'integer', default: 0 })
  pointsBalance: number = 0;
}
