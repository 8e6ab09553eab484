import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { AnnualInspectionResult } from '../../generated/graphql';
import { SocialOrganization } from '../organizations/organization.entity';

/**
 * One registered organisation's annual inspection (年检) result for one year. Keyed by the
 * organisation's credit code (national) and the year; it belongs to its organisation's district and
 * sits where the organisation sits.
 */
@Entity({ tableName: 'annual_inspection' })
export class AnnualInspection extends LedgerRecord {
  [PrimaryKeyProp]?: ['organizationCode', 'year'];

  @ManyToOne({ entity: () => SocialOrganization, primary: true, mapToPk: true, fieldName: 'organization_code', deleteRule: 'restrict' })
  organizationCode!: string;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'string', length: 24 })
  result!: AnnualInspectionResult;
}
