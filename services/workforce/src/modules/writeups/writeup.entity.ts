import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type WriteupKind = 'SOCIAL_WORK_CASE' | 'GOVERNANCE_TOPIC' | 'EXPERIENCE';

/**
 * A written piece of work: a social-work case (社会工作案例), a governance research topic (治理课题) or
 * an experience write-up (经验材料), by a community or office, completed on a day, its author a
 * worker when recorded.
 */
@Entity({ tableName: 'writeup' })
@Unique({ properties: ['districtCode', 'number'] })
export class Writeup extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: WriteupKind;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  authorId?: string | null;

  @Index()
  @Property({ type: 'date' })
  completedOn!: string;
}
