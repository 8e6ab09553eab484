import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

/**
 * A compound opened to the rider code (骑手码). The compound belongs to the workforce subgraph: the
 * id is its global id ("<district>:<小区编号>"), its community the one the region tree gave at import.
 */
@Entity({ tableName: 'gig_rider_code_compound' })
@Unique({ properties: ['districtCode', 'number'] })
export class GigRiderCodeCompound extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 小区编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'date' })
  openedOn!: string;

  /** the compound's community; the district's node for rows of the first release whose community was unknown */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;
}
