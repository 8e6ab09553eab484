import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { ProjectMode, ProjectStatus } from '../../vocabulary';
import { SocialOrganization } from '../organizations/organization.entity';

/** A service project carried out by an organisation in a community. */
@Entity({ tableName: 'service_project' })
export class ServiceProject {
  @PrimaryKey({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  /** 承接组织 */
  @Index()
  @ManyToOne({ entity: () => SocialOrganization, fieldName: 'organization_code', deleteRule: 'restrict' })
  organization!: SocialOrganization;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 项目类别 as the office names it (养老服务, 托幼服务 …) */
  @Property({ type: 'text', nullable: true })
  category?: string | null;

  @Property({ type: 'string', length: 24 })
  mode!: ProjectMode;

  /** 资金(元), yuan with fen */
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  funding!: string;

  /** 立项日期 */
  @Index()
  @Property({ type: 'date' })
  approvedOn!: string;

  @Property({ type: 'string', length: 16 })
  status!: ProjectStatus;
}
