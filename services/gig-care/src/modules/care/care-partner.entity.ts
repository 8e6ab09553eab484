import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export const PARTNER_TYPES = { WELFARE_ORG: '公益组织', ENTERPRISE: '企事业单位' } as const;
export type PartnerType = keyof typeof PARTNER_TYPES;

/**
 * A partner unit's participation in one year. The ledger repeats generic names (several
 * "郑州物流有限公司" rows are different branches), and the report counts rows, so a row is
 * identified by its year and its line in the ledger.
 */
@Entity({ tableName: 'gig_care_partner' })
export class GigCarePartner {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  ledgerRow!: number;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  type!: PartnerType;
}
