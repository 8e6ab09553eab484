import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { defineLoop, LedgerRecord } from '@district/subgraph-kit';
import type { VolunteerCategoryKind } from '../../generated/graphql';

export type NeedStatus = 'RAISED' | 'CLAIMED' | 'SERVED' | 'CLOSED';

/** A need's closed loop: raised → claimed → served → fed back and closed, one step at a time. */
export const NEED_LOOP = defineLoop<NeedStatus>({
  states: ['RAISED', 'CLAIMED', 'SERVED', 'CLOSED'],
  labels: { RAISED: '待认领', CLAIMED: '已认领', SERVED: '已服务', CLOSED: '已反馈办结' },
  what: '需求',
});

/** An entry of a grid's needs list (需求清单). The need number (需求编号) is the district's own. */
@Entity({ tableName: 'need' })
@Unique({ properties: ['districtCode', 'number'] })
@Index({ properties: ['communityCode', 'raisedOn'] })
export class Need extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 需求编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 14 })
  gridCode!: string;

  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'text' })
  category!: string;

  /** the kind of service asked for, derived from `category` (activities/categories.ts) */
  @Property({ type: 'string', length: 20 })
  categoryKind: VolunteerCategoryKind = 'OTHER';

  @Property({ type: 'date' })
  raisedOn!: string;

  @Property({ type: 'string', length: 10 })
  status: NeedStatus = 'RAISED';

  /** who took it on: a station, a team or a volunteer number */
  @Property({ type: 'text', nullable: true })
  claimedBy?: string | null;

  // Stage dates are null for needs the ledger brought in at a later stage without saying when.
  @Property({ type: 'date', nullable: true })
  claimedOn?: string | null;

  /** the resource (of the same district) that served it */
  @Property({ type: 'string', length: 40, nullable: true })
  resourceId?: string | null;

  @Property({ type: 'date', nullable: true })
  servedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  feedback?: string | null;

  /** 1 (unsatisfied) … 5 (very satisfied) */
  @Property({ type: 'smallint', nullable: true })
  satisfaction?: number | null;

  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}

/** An entry of a grid's resources list (资源清单). The resource number (资源编号) is the district's own. */
@Entity({ tableName: 'resource' })
@Unique({ properties: ['districtCode', 'number'] })
@Index({ properties: ['communityCode', 'registeredOn'] })
@Index({ properties: ['category', 'gridCode'] })
export class Resource extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 资源编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 14 })
  gridCode!: string;

  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 资源提供方: 社会组织, 社区商户, 物业企业, 志愿者个人, 辖区单位 … */
  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'text' })
  category!: string;

  @Property({ type: 'date' })
  registeredOn!: string;
}
