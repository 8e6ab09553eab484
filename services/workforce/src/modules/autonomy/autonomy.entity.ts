import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { FundingSource } from '../facilities/facility.entity';

export type SubsidyPurpose = 'CONSTRUCTION' | 'OPERATION';
export type AutonomyActivityKind = 'DELIBERATION' | 'CULTURAL' | 'PUBLIC_WELFARE' | 'OTHER';

/**
 * A compound residents' autonomy station (小区居民自治站): in one compound, opened (投用) and accepted
 * (验收) on its days. Its number is the district's own; it sits where its compound does (the
 * compound's community is kept on the row, following the compound).
 */
@Entity({ tableName: 'autonomy_station' })
@Unique({ properties: ['districtCode', 'number'] })
export class AutonomyStation extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 自治站编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  name!: string;

  /** 建设启动日期 */
  @Property({ type: 'date', nullable: true })
  startedOn?: string | null;

  /** 投用日期; null: not yet in use */
  @Property({ type: 'date', nullable: true })
  openedOn?: string | null;

  /** 验收日期 */
  @Property({ type: 'date', nullable: true })
  acceptedOn?: string | null;

  /** 停用日期 */
  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}

/** A subsidy granted to a station: its source (市级, 区级 …), purpose and amount, on its day. */
@Entity({ tableName: 'autonomy_subsidy' })
@Unique({ properties: ['districtCode', 'number'] })
export class AutonomySubsidy extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 补助编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  source!: FundingSource;

  @Property({ type: 'string', length: 20 })
  purpose!: SubsidyPurpose;

  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Index()
  @Property({ type: 'date' })
  grantedOn!: string;
}

/** What happens at a station on a day: a deliberation meeting (说事议事) or an activity, with what it collected and resolved. */
@Entity({ tableName: 'autonomy_activity' })
@Unique({ properties: ['districtCode', 'number'] })
export class AutonomyActivity extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 活动编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: AutonomyActivityKind;

  @Property({ type: 'text' })
  title!: string;

  @Index()
  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'integer', default: 0 })
  participants!: number;

  /** 收集居民需求（条） */
  @Property({ type: 'integer', default: 0 })
  needsCollected!: number;

  /** 解决问题（件） */
  @Property({ type: 'integer', default: 0 })
  issuesResolved!: number;
}
