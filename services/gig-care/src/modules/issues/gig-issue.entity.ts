import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const ISSUE_STATUSES = ['REPORTED', 'DISPATCHED', 'RESOLVED', 'FED_BACK'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** An issue a mobile grid member reported, with the time of each step of its loop. */
@Entity({ tableName: 'gig_issue' })
@Index({ properties: ['reportedAt'] })
export class GigIssue {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Index()
  @Property({ type: 'string', length: 20 })
  reporterCode!: string;

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
