import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type IssueStatus = 'REPORTED' | 'DISPATCHED' | 'RESOLVED' | 'FED_BACK';

/**
 * An issue a mobile grid member reported, with the time of each step of its loop. Its number
 * (上报编号, SB20250001) is the district's own: the id is "<district>:<number>"; the reporter is named
 * by the worker's global id.
 */
@Entity({ tableName: 'gig_issue' })
@Unique({ properties: ['districtCode', 'number'] })
@Index({ properties: ['reportedAt'] })
export class GigIssue extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 上报编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  reporterId!: string;

  @Property({ type: 'string', length: 14 })
  gridCode!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  category!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Property({ type: 'string', length: 12 })
  status!: IssueStatus;

  @Property({ type: 'timestamptz' })
  reportedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  dispatchedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  assignee?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  fedBackAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  feedback?: string | null;

  @Property({ type: 'boolean', nullable: true })
  satisfied?: boolean | null;
}
