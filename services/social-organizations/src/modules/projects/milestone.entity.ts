import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { ProjectMilestoneKind } from '../../generated/graphql';

/**
 * A milestone in a service project's life (申报, 立项评审, 中期评估, 督导检查, 结项评估) on its day, with
 * the supervision team's size for a visit. It sits where its project does (kept on the row).
 */
@Entity({ tableName: 'project_milestone' })
@Unique({ properties: ['districtCode', 'number'] })
export class ProjectMilestone extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 节点编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  projectId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: ProjectMilestoneKind;

  @Index()
  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'smallint', nullable: true })
  supervisors?: number | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;
}
