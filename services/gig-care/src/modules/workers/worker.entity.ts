import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { PersonColumns } from '@district/common';

export type JobType = 'COURIER' | 'DELIVERY_RIDER' | 'RIDE_HAILING_DRIVER' | 'TRUCK_DRIVER' | 'STREAMER';

/**
 * A gig worker. The worker number (编号, XJY00001) is the district's own: the id is
 * "<district>:<number>". The ID number is unique within a district (one registration per person),
 * never an identifier. The points balance lives on the row so a redemption can lock it, and the
 * CHECK keeps it from going below zero whatever code writes it.
 */
@Entity({ tableName: 'gig_worker' })
@Unique({ properties: ['districtCode', 'number'] })
@Unique({ properties: ['districtCode', 'idNumber'] })
@Check({ name: 'gig_worker_points_balance_check', expression: 'points_balance >= 0' })
export class GigWorker extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

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

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const GIG_WORKER_PERSON_IDS: PersonColumns = { table: 'gig_worker', idNumber: 'id_number', personId: 'person_hash' };
