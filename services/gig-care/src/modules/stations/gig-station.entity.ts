import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const STATION_KINDS = { NEW_CITIZEN_STATION: '新市民驿站', FRIENDLY_SCENE: '友好场景' } as const;
export type StationKind = keyof typeof STATION_KINDS;

/** A new-citizen station (新市民驿站) or a friendly scene (友好场景: merchants where points are redeemed). */
@Entity({ tableName: 'gig_station' })
export class GigStation {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

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
