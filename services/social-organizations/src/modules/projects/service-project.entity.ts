import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { ProjectCategoryKind, ProjectFundingSource, SocialProjectMode, SocialProjectStatus } from '../../generated/graphql';
import { SocialOrganization } from '../organizations/organization.entity';

/**
 * A service project carried out by an organisation in a community. Its number (项目编号) is the
 * district's own: the id is "<district>:<number>". It sits in the community it serves; the
 * organisation carrying it out may be registered anywhere in the district.
 */
@Entity({ tableName: 'service_project' })
@Unique({ properties: ['districtCode', 'number'] })
export class ServiceProject extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 项目编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  /** 承接组织: its credit code or filing number */
  @Index()
  @ManyToOne({ entity: () => SocialOrganization, mapToPk: true, fieldName: 'organization_code', deleteRule: 'restrict' })
  organizationCode!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 项目类别 as the office names it (养老服务, 托幼服务 …) */
  @Property({ type: 'text', nullable: true })
  category?: string | null;

  @Property({ type: 'string', length: 24 })
  mode!: SocialProjectMode;

  /** 项目分类 (基础扶持类 …), a vocabulary a filter can use beside the office's own 项目类别 */
  @Property({ type: 'string', length: 20, nullable: true })
  categoryKind?: ProjectCategoryKind | null;

  /** 资金来源 (区级, 市级, 众筹, 社区保障资金 …) */
  @Property({ type: 'string', length: 20, nullable: true })
  fundingSource?: ProjectFundingSource | null;

  /** 申报日期 */
  @Property({ type: 'date', nullable: true })
  appliedOn?: string | null;

  /** 资金(元), yuan with fen */
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  funding!: string;

  /** 立项日期 */
  @Index()
  @Property({ type: 'date' })
  approvedOn!: string;

  @Property({ type: 'string', length: 16 })
  status!: SocialProjectStatus;

  /** 结项日期: set by completeServiceProject; the ledger has only the status, so its completed projects have none */
  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;
}
