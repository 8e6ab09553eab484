import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type RegionLevel = 'DISTRICT' | 'STREET' | 'TOWN' | 'COMMUNITY';

/** A node of the region tree, by its national statistical division code (unique everywhere). */
@Entity({ tableName: 'region' })
export class Region extends LedgerRecord {
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

/** A grid: its community's code plus two digits, so unique everywhere too. */
@Entity({ tableName: 'grid' })
export class Grid extends LedgerRecord {
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

/** A residential compound. Its number (小区编号) is the district's own: the id is "<district>:<number>". */
@Entity({ tableName: 'compound' })
@Unique({ properties: ['districtCode', 'number'] })
export class Compound extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 小区编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

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
