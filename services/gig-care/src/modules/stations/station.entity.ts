import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type StationKind = 'NEW_CITIZEN_STATION' | 'FRIENDLY_SCENE';

/**
 * A new-citizen station (新市民驿站) or a friendly scene (友好场景: merchants where points are
 * redeemed). Its number (站点编号, YZ001 / CJ001) is the district's own: the id is "<district>:<number>".
 */
@Entity({ tableName: 'gig_station' })
@Unique({ properties: ['districtCode', 'number'] })
export class GigStation extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 站点编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 24 })
  kind!: StationKind;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'text[]' })
  services: string[] = [];

  /** built or brought up to standard; null: existed before the ledger began and not upgraded since */
  @Property({ type: 'date', nullable: true })
  builtOn?: string | null;
}
