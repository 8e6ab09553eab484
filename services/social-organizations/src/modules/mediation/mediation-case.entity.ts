import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { DisputeType, MediationResult } from '../../vocabulary';
import { SocialOrganization } from '../organizations/organization.entity';

/** A dispute handled by a mediation organisation; it belongs where its organisation is. */
@Entity({ tableName: 'mediation_case' })
export class MediationCase {
  @PrimaryKey({ type: 'string', length: 32 })
  caseNumber!: string;

  @Index()
  @ManyToOne({ entity: () => SocialOrganization, fieldName: 'organization_code', deleteRule: 'restrict' })
  organization!: SocialOrganization;

  @Index()
  @Property({ type: 'date' })
  receivedOn!: string;

  @Property({ type: 'string', length: 24 })
  disputeType!: DisputeType;

  @Property({ type: 'string', length: 16 })
  result!: MediationResult;

  @Index()
  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}
