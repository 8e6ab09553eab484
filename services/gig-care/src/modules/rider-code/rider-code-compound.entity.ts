import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A compound opened to the rider code. The compound itself belongs to the workforce subgraph; its
 * community is kept here only when the graph told us (null rows count at the district node only).
 */
@Entity({ tableName: 'gig_rider_code_compound' })
export class GigRiderCodeCompound {
  @PrimaryKey({ type: 'string', length: 20 })
  compoundCode!: string;

  @Property({ type: 'date' })
  openedOn!: string;

  @Index()
  @Property({ type: 'string', length: 12, nullable: true })
  communityCode?: string | null;
}
