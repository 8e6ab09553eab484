import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { RecognitionLevel } from '../recognitions/recognition.entity';

export type DemonstrationKind = 'DEMONSTRATION_SITE' | 'PILOT';
export type ApplicationStage = 'APPLIED' | 'PRE_INSPECTED' | 'PEER_REVIEWED' | 'GRANTED' | 'REJECTED';

/**
 * An application by a community, or a compound of it, to be named a demonstration site or pilot
 * (“双示范”建设申报: 示范社区, 示范小区 …) at a level, and its steps: 申报 → 预检 → 互促互评 → 命名, or 未通过
 * at any step. Each step keeps its day; a granted application is linked to the recognition that
 * names it (the recognitions ledger's row, or one the grant mutation records).
 */
@Entity({ tableName: 'demonstration_application' })
@Unique({ properties: ['districtCode', 'number'] })
export class DemonstrationApplication extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 申报编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** the compound applying (global id), when it is a compound and not the community */
  @Property({ type: 'string', length: 40, nullable: true })
  compoundId?: string | null;

  @Property({ type: 'string', length: 20 })
  kind!: DemonstrationKind;

  @Property({ type: 'string', length: 12 })
  level!: RecognitionLevel;

  /** 申报名称: what it applies to be named (市级示范产业社区, 示范农民集中居住区 …) */
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'string', length: 14 })
  stage!: ApplicationStage;

  @Index()
  @Property({ type: 'date' })
  appliedOn!: string;

  @Property({ type: 'date', nullable: true })
  preInspectedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  peerReviewedOn?: string | null;

  /** the day it was named (GRANTED) or turned down (REJECTED) */
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  /** the recognition naming it, once granted */
  @Property({ type: 'string', length: 40, nullable: true })
  recognitionId?: string | null;
}
