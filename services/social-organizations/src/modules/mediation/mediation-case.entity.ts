import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { DisputeType, MediationResult } from '../../generated/graphql';
import { SocialOrganization } from '../organizations/organization.entity';

/** Dispute types as stored: the American spellings (the British ones are deprecated names of the same values). */
export type StoredDisputeType = Exclude<DisputeType, 'NEIGHBOURHOOD' | 'LABOUR'>;

/** Each value a client may send, the British spellings (deprecated) read as the American ones. */
const STORED: Record<DisputeType, StoredDisputeType> = {
  NEIGHBORHOOD: 'NEIGHBORHOOD',
  NEIGHBOURHOOD: 'NEIGHBORHOOD',
  PROPERTY_MANAGEMENT: 'PROPERTY_MANAGEMENT',
  CONSUMER: 'CONSUMER',
  LABOR: 'LABOR',
  LABOUR: 'LABOR',
  FAMILY: 'FAMILY',
  OTHER: 'OTHER',
};

/** A dispute type as a client may still send it (a deprecated British spelling) read as the stored value. */
export function storedDisputeType(t: DisputeType): StoredDisputeType;
export function storedDisputeType(t: DisputeType | null | undefined): StoredDisputeType | null;
export function storedDisputeType(t: DisputeType | null | undefined): StoredDisputeType | null {
  return t ? STORED[t] : null;
}

/**
 * A dispute handled by a mediation organisation (调解案件). Its case number (案件编号) is the
 * district's own: the id is "<district>:<case number>". It belongs where its organisation is.
 */
@Entity({ tableName: 'mediation_case' })
@Unique({ properties: ['districtCode', 'number'] })
// the figures read an organisation's cases from this index alone: a node's cases without touching the table
@Index({
  name: 'mediation_case_organization_figures_index',
  properties: ['organizationCode', 'closedOn', 'receivedOn', 'result', 'disputeType'],
})
export class MediationCase extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 案件编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  /** the mediation organisation: its credit code or filing number */
  @ManyToOne({ entity: () => SocialOrganization, mapToPk: true, fieldName: 'organization_code', deleteRule: 'restrict' })
  organizationCode!: string;

  @Index()
  @Property({ type: 'date' })
  receivedOn!: string;

  @Property({ type: 'string', length: 24 })
  disputeType!: StoredDisputeType;

  @Property({ type: 'string', length: 16 })
  result!: MediationResult;

  @Index()
  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}
