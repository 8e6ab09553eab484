import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export type RegionLevel = 'DISTRICT' | 'STREET' | 'TOWN' | 'COMMUNITY';

/** A node of the region tree. Codes are hierarchical, so "under a node" is a prefix match. */
@Entity({ tableName: 'region' })
export class Region {
  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 12 })
  level!: RegionLevel;

  @Index()
  @Property({ type: 'string', length: 12, nullable: true })
  parentCode?: string | null;

  /** Null: existed before the ledgers began. Counts as of a date skip nodes not yet set up or already merged. */
  @Property({ type: 'date', nullable: true })
  establishedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  abolishedOn?: string | null;
}

@Entity({ tableName: 'grid' })
export class Grid {
  @PrimaryKey({ type: 'string', length: 14 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text', nullable: true })
  type?: string | null;

  @Property({ type: 'date', nullable: true })
  establishedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  abolishedOn?: string | null;
}

@Entity({ tableName: 'compound' })
export class Compound {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Index()
  @Property({ type: 'string', length: 14, nullable: true })
  gridCode?: string | null;

  @Property({ type: 'integer', nullable: true })
  households?: number | null;

  @Property({ type: 'text', nullable: true })
  propertyMode?: string | null;

  @Property({ type: 'date', nullable: true })
  establishedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  abolishedOn?: string | null;
}
