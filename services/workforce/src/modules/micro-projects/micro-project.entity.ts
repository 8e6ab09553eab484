import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { FundingSource } from '../facilities/facility.entity';

export type MicroProjectCategory =
  'SAFETY' | 'GREENING' | 'PARKING' | 'ROAD' | 'CHARGING' | 'PUBLIC_SPACE' | 'SANITATION' | 'CONVENIENCE' | 'OTHER';
export type MicroProjectStatus = 'STARTED' | 'COMPLETED';

/**
 * A micro livelihood work (小微民生项目, 微改造) in a community, in a compound when it names one: what
 * was done, how much of it (30 个车库门前, 1500 米道路), households benefiting, funding and its source;
 * started → completed on their days.
 */
@Entity({ tableName: 'micro_project' })
@Unique({ properties: ['districtCode', 'number'] })
export class MicroProject extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 项目编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  compoundId?: string | null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  category!: MicroProjectCategory;

  @Property({ type: 'text', nullable: true })
  content?: string | null;

  /** 工程量 and its unit (个, 米, 处, 吨 …) */
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  quantity?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  unit?: string | null;

  /** 惠及户数 */
  @Property({ type: 'integer', default: 0 })
  households!: number;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  funding?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  fundingSource?: FundingSource | null;

  @Index()
  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Property({ type: 'string', length: 10 })
  status!: MicroProjectStatus;
}

export type SupervisorKind = 'RESIDENT_REPRESENTATIVE' | 'NPC_DEPUTY' | 'CPPCC_MEMBER' | 'STREET' | 'COMMUNITY' | 'PROPERTY' | 'OTHER';

/**
 * One supervision of a micro livelihood work (多方督单: residents' representatives, deputies to the
 * people's congress, CPPCC members, the street office … check the work on a day): who supervised
 * (by kind and unit, never a person's name), what they found, and the day it was resolved. The
 * work's community is kept on the row.
 */
@Entity({ tableName: 'micro_project_supervision' })
@Unique({ properties: ['districtCode', 'number'] })
export class MicroProjectSupervision extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 督单编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  projectId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Index()
  @Property({ type: 'date' })
  supervisedOn!: string;

  @Property({ type: 'string', length: 30 })
  supervisorKind!: SupervisorKind;

  /** 督单单位或身份说明（如“3名居民代表”）, no names */
  @Property({ type: 'text', nullable: true })
  supervisor?: string | null;

  /** 督查发现 */
  @Property({ type: 'text', nullable: true })
  findings?: string | null;

  /** the day what was found was resolved; null while open or when nothing was found */
  @Property({ type: 'date', nullable: true })
  resolvedOn?: string | null;
}
