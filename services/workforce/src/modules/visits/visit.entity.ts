import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type VisitKind = 'BUILDING_RUN' | 'HOME_VISIT' | 'ENTERPRISE_VISIT';

/**
 * One round of household visits (跑楼行动 / 入户走访) by a community on a day, in a compound when it
 * names one: households and enterprises reached, needs found and solved on the spot, residents with
 * skills found (挖掘能人). Its number is the district's own.
 */
@Entity({ tableName: 'household_visit' })
@Unique({ properties: ['districtCode', 'number'] })
export class HouseholdVisit extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 走访编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  compoundId?: string | null;

  /** the worker who led it (工号 → id), when recorded */
  @Property({ type: 'string', length: 40, nullable: true })
  workerId?: string | null;

  @Property({ type: 'string', length: 20 })
  kind!: VisitKind;

  @Index()
  @Property({ type: 'date' })
  visitedOn!: string;

  @Property({ type: 'integer', default: 0 })
  households!: number;

  @Property({ type: 'integer', default: 0 })
  enterprises!: number;

  @Property({ type: 'integer', default: 0 })
  needsFound!: number;

  @Property({ type: 'integer', default: 0 })
  needsSolved!: number;

  @Property({ type: 'integer', default: 0 })
  talentsFound!: number;
}
