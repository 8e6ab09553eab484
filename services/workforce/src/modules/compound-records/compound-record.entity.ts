import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { FundingSource } from '../facilities/facility.entity';

export type CompoundInspectionKind = 'ROUTINE' | 'RANDOM' | 'SPECIAL' | 'JOINT';
export type CompoundFilingKind = 'LEASE' | 'PROPERTY_CONTRACT' | 'TAKEOVER_INSPECTION' | 'FACILITY_HANDOVER' | 'OTHER';
export type SmartCompoundKind = 'PILOT' | 'SMART_SERVICE';
export type SmartCompoundStatus = 'STARTED' | 'INSTALLED' | 'COMPLETED' | 'ACCEPTED';

/**
 * A check of a compound's property service by the street or community office (日常检查, 随机抽查,
 * 专项检查): on what day, what was looked at (安全生产、特种设备、监控系统、环境卫生), the problems
 * found and how many of them were fixed by the day the rectification was confirmed. The compound's
 * community is kept on the row, so the record stays where it was made if the compound moves.
 */
@Entity({ tableName: 'compound_inspection' })
@Unique({ properties: ['districtCode', 'number'] })
export class CompoundInspection extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 检查编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Index()
  @Property({ type: 'date' })
  inspectedOn!: string;

  @Property({ type: 'string', length: 20 })
  kind!: CompoundInspectionKind;

  /** 检查内容 */
  @Property({ type: 'text', nullable: true })
  subjects?: string | null;

  /** 检查人（单位或科室，不记个人信息）/ the inspecting office */
  @Property({ type: 'text', nullable: true })
  inspector?: string | null;

  @Property({ type: 'integer', default: 0 })
  problemsFound!: number;

  @Property({ type: 'integer', default: 0 })
  problemsFixed!: number;

  /** the day the fixes were confirmed (整改完成日期) */
  @Property({ type: 'date', nullable: true })
  fixedOn?: string | null;
}

/**
 * Filings handled by the office (备案): one row per day, kind and compound (or community) with the
 * number of items (件次) filed, as the office's 备案台账 sums them.
 */
@Entity({ tableName: 'compound_filing' })
@Unique({ properties: ['districtCode', 'number'] })
export class CompoundFiling extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 备案编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  compoundId?: string | null;

  @Property({ type: 'string', length: 20 })
  kind!: CompoundFilingKind;

  @Index()
  @Property({ type: 'date' })
  filedOn!: string;

  /** 件次 */
  @Property({ type: 'integer' })
  items!: number;

  /** 事项说明 */
  @Property({ type: 'text', nullable: true })
  subject?: string | null;
}

/**
 * Building a smart compound (智慧小区): a pilot (试点) or a smart service compound (智慧服务小区),
 * from the day the site was chosen and the work started (选定点位) through the plan (方案), the
 * equipment installed and tested, completed and accepted, each on its day. `resettlement` says
 * the compound is a resettlement compound (安置小区): the region ledger holds no compound type.
 */
@Entity({ tableName: 'smart_compound' })
@Unique({ properties: ['districtCode', 'number'] })
export class SmartCompound extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 项目编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  compoundId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: SmartCompoundKind;

  @Property({ type: 'boolean', default: false })
  resettlement!: boolean;

  /** 建设内容与设备（监控、道闸、人脸识别 …） */
  @Property({ type: 'text', nullable: true })
  equipment?: string | null;

  /** 承建单位 */
  @Property({ type: 'text', nullable: true })
  contractor?: string | null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  funding?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  fundingSource?: FundingSource | null;

  @Index()
  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date', nullable: true })
  plannedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  installedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  acceptedOn?: string | null;

  @Property({ type: 'string', length: 10 })
  status!: SmartCompoundStatus;
}
