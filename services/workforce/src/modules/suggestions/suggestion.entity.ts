import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type SuggestionCategory =
  'PARKING' | 'CHARGING' | 'GREENING' | 'ENVIRONMENT' | 'PROPERTY' | 'ELDERLY_CHILD' | 'SAFETY' | 'FACILITIES' | 'OTHER';
export type SuggestionStatus = 'COLLECTED' | 'CLOSED';

/**
 * A residents' suggestion (群众建议征集): collected in a community (and a compound, when it names
 * one), closed (办结) on a day with its outcome: adopted (采纳) or answered without adoption.
 */
@Entity({ tableName: 'suggestion' })
@Unique({ properties: ['districtCode', 'number'] })
export class Suggestion extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 建议编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  compoundId?: string | null;

  @Property({ type: 'string', length: 20 })
  category!: SuggestionCategory;

  @Property({ type: 'text' })
  content!: string;

  @Index()
  @Property({ type: 'date' })
  collectedOn!: string;

  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;

  @Property({ type: 'string', length: 10 })
  status!: SuggestionStatus;

  /** 是否采纳: set when closed */
  @Property({ type: 'boolean', nullable: true })
  adopted?: boolean | null;
}
