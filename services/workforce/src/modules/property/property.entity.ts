import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type PropertyMode = 'TRUST' | 'ENTERPRISE' | 'SELF_MANAGED' | 'COMMUNITY_HOSTED' | 'NONE';

/**
 * How a compound's property is managed from one day until another (信托制, 物业服务企业, 业主自管,
 * 社区托管, 无物业), and whether it is a 红色物业 (Party-led). A compound's periods follow one another;
 * `toOn` is exclusive. The compound's community is kept on the row.
 */
@Entity({ tableName: 'property_service' })
@Unique({ properties: ['districtCode', 'number'] })
export class PropertyService extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 记录编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  mode!: PropertyMode;

  /** 物业服务企业名称 */
  @Property({ type: 'text', nullable: true })
  provider?: string | null;

  /** 红色物业 */
  @Property({ type: 'boolean', default: false })
  redProperty!: boolean;

  @Property({ type: 'date' })
  fromOn!: string;

  @Property({ type: 'date', nullable: true })
  toOn?: string | null;
}

/** A compound's owners' committee (业委会) for one term, and whether it is a 红色业委会. */
@Entity({ tableName: 'owners_committee' })
@Unique({ properties: ['districtCode', 'number'] })
export class OwnersCommittee extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 业委会编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 本届任期起 */
  @Property({ type: 'date' })
  termFrom!: string;

  /** 本届任期止 (the last day of the term) */
  @Property({ type: 'date' })
  termTo!: string;

  @Property({ type: 'smallint', default: 0 })
  members!: number;

  /** 党员委员人数 */
  @Property({ type: 'smallint', default: 0 })
  partyMembers!: number;

  /** 红色业委会 */
  @Property({ type: 'boolean', default: false })
  red!: boolean;
}

/** A compound's property fee collection for a year: households owing and households that paid. */
@Entity({ tableName: 'property_fee' })
@Unique({ properties: ['compoundId', 'year'] })
export class PropertyFee extends LedgerRecord {
  /** "<compound id>:<year>" */
  @PrimaryKey({ type: 'string', length: 50 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'smallint' })
  year!: number;

  /** 应缴户数 */
  @Property({ type: 'integer' })
  householdsDue!: number;

  /** 实缴户数 */
  @Property({ type: 'integer' })
  householdsPaid!: number;
}
