import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

/**
 * A villagers' (residents') group (村（居）民小组) of a community or village: its code is the
 * community's code plus three digits, so unique everywhere. Set up and abolished on their days, so
 * counts on a day follow a reform that merges groups (seeds/001: xx 个调整为 xx 个).
 */
@Entity({ tableName: 'villagers_group' })
export class VillagersGroup extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 15 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'integer', nullable: true })
  households?: number | null;

  @Property({ type: 'date', nullable: true })
  establishedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  abolishedOn?: string | null;
}
