import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type RecognitionKind = 'AWARD' | 'BRAND' | 'DEMONSTRATION_SITE' | 'PILOT' | 'CASE_SELECTED';
export type RecognitionLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'DISTRICT' | 'STREET';
export type HolderType =
  | 'COMMUNITY'
  | 'STATION'
  | 'VOLUNTEER_PROJECT'
  | 'SERVICE_PROJECT'
  | 'ORGANIZATION'
  | 'CASE'
  | 'TEAM'
  | 'PERSON'
  | 'COMPOUND'
  | 'WORKING_METHOD';
export type RecognitionRank = 'GOLD' | 'SILVER' | 'BRONZE' | 'FIRST' | 'SECOND' | 'THIRD' | 'EXCELLENT' | 'WINNER';

/** Levels from the lowest: "区级以上" is every level from DISTRICT up. */
export const LEVEL_ORDER: RecognitionLevel[] = ['STREET', 'DISTRICT', 'CITY', 'PROVINCIAL', 'NATIONAL'];

/**
 * A recognition of work done in the district: an honour or award (荣誉, 奖项), a brand (品牌), a
 * demonstration site (示范点位), a pilot or cultivation list (试点, 培育名单), a case selected for a
 * collection (案例入选); for a community, station, project, organisation, case, team or person; at a
 * level (国家 … 街道), on a day. It sits at the node of its holder (a community, or the street or
 * district for what belongs to them).
 */
@Entity({ tableName: 'recognition' })
@Unique({ properties: ['districtCode', 'number'] })
export class Recognition extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 登记编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: RecognitionKind;

  @Property({ type: 'string', length: 12 })
  level!: RecognitionLevel;

  /** 名称: the title, brand or list (最美志愿服务社区, 七优享志愿品牌 …) */
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'string', length: 20 })
  holderType!: HolderType;

  /** 获得者: the community, project, team or person named */
  @Property({ type: 'text' })
  holderName!: string;

  /** 获得者编号: the holder's global id in its own subgraph (a volunteer project, station, organisation), when it has one */
  @Property({ type: 'string', length: 60, nullable: true })
  holderId?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  rank?: RecognitionRank | null;

  /** 授予单位 */
  @Property({ type: 'text', nullable: true })
  grantedBy?: string | null;

  @Index()
  @Property({ type: 'date' })
  grantedOn!: string;
}
