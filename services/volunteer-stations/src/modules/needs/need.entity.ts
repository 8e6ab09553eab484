import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The closed loop of a need: raised → claimed → served → fed back. */
export const NEED_STAGES = ['RAISED', 'CLAIMED', 'SERVED', 'CLOSED'] as const;
export type NeedStatus = (typeof NEED_STAGES)[number];
/** Ledger wording of each status; 已完成 is how the ledger writes a need whose loop is closed. */
export const NEED_STATUS_LABEL: Record<string, NeedStatus> = {
  待认领: 'RAISED',
  已认领: 'CLAIMED',
  已服务: 'SERVED',
  已反馈: 'CLOSED',
  已完成: 'CLOSED',
};

/** An entry of a grid's needs list (需求清单). */
@Entity({ tableName: 'need' })
@Index({ properties: ['communityCode', 'raisedOn'] })
export class Need {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Index()
  @Property({ type: 'string', length: 14 })
  gridCode!: string;

  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  content!: string;

  @Property({ type: 'text' })
  category!: string;

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

  @Property({ type: 'string', length: 20, nullable: true })
  resourceCode?: string | null;

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

/** An entry of a grid's resources list (资源清单). */
@Entity({ tableName: 'resource' })
@Index({ properties: ['communityCode', 'registeredOn'] })
@Index({ properties: ['category', 'gridCode'] })
export class Resource {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

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
