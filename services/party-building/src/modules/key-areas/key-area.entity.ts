import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { PartyKeyAreaKind } from '../../generated/graphql';

/**
 * A key area (重点区域) of the district: a park, a business district, an office building, a maker
 * space …, at a node of the region tree (the street or community it lies in, or the district's node
 * when it spans streets). The "two new" organizations sitting in it name it (two_new_org.key_area_id);
 * it is fully covered when every one of them that coverage counts is covered. The area number
 * (区域编号) is the district's own.
 */
@Entity({ tableName: 'party_key_area' })
@Unique({ properties: ['districtCode', 'number'] })
export class PartyKeyArea extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 区域编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  kind!: PartyKeyAreaKind;

  /** the node it lies at: a street or community, or the district's node */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}
