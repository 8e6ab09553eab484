import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type CareEventKind = 'KNIGHT_FESTIVAL' | 'OTHER';
export type PartnerType = 'WELFARE_ORG' | 'ENTERPRISE';

/**
 * A care event of a district (the ledger names no community): it sits at its district's node
 * (`regionCode`, e.g. 410106000000), so it counts at that district and nowhere else. Its number
 * (活动编号, GA202501) is the district's own: the id is "<district>:<number>".
 */
@Entity({ tableName: 'gig_care_event' })
@Unique({ properties: ['districtCode', 'number'] })
export class GigCareEvent extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 活动编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  /** the district's node: where a district-wide record sits in the tree */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  kind!: CareEventKind;

  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'integer' })
  served!: number;

  @Property({ type: 'text', nullable: true })
  partnerName?: string | null;
}

/**
 * A partner unit's participation in one year, at its district's node. The ledger repeats generic
 * names (several "郑州物流有限公司" rows are different branches) and the report counts rows, so a
 * row is identified as the ledger does: district, year and its line in the ledger; the id is
 * "<district>:<year>-<line>".
 */
@Entity({ tableName: 'gig_care_partner' })
@Unique({ properties: ['districtCode', 'year', 'ledgerRow'] })
export class GigCarePartner extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  ledgerRow!: number;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  type!: PartnerType;
}
