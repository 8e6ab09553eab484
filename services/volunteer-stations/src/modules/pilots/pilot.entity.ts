import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type PilotLevel = 'CITY' | 'DISTRICT';

/** A pilot community of "专业社工+志愿服务" (市级 or 区级), keyed by its national community code. */
@Entity({ tableName: 'pilot' })
export class Pilot extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'text' })
  communityName!: string;

  @Property({ type: 'string', length: 10 })
  level!: PilotLevel;

  @Property({ type: 'text', nullable: true })
  pilotType?: string | null;

  @Property({ type: 'date' })
  designatedOn!: string;
}
