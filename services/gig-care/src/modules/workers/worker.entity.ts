import { Check, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord, Withdrawable } from '@district/subgraph-kit';
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
// one live registration per person and district: a registration withdrawn by mistake does not keep the person out
@Unique({
  name: 'gig_worker_district_code_id_number_unique',
  expression:
    'create unique index "gig_worker_district_code_id_number_unique" on "gig_worker" ("district_code", "id_number") where "withdrawn_on" is null',
})
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

  /** the day the worker left (no longer registered here); null while registered. Set in the app: the ledger has no such column */
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;
}

/**
 * A period a gig worker served as a mobile grid member (流动网格员), from one day until another (not
 * counted). Counts and lists of mobile grid members on a day read these; the worker's flag says
 * whether one is open now (the ledger's column). The periods follow one another and never overlap.
 */
@Entity({ tableName: 'gig_grid_membership' })
export class GigMobileGridMembership extends Withdrawable {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', length: 40 })
  workerId!: string;

  @Property({ type: 'date' })
  fromOn!: string;

  @Property({ type: 'date', nullable: true })
  toOn?: string | null;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const GIG_WORKER_PERSON_IDS: PersonColumns = { table: 'gig_worker', idNumber: 'id_number', personId: 'person_hash' };
