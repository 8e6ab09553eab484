import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type FacilityKind = 'PARTY_MASS_SERVICE_CENTER' | 'SERVICE_COMPLEX' | 'RESIDENTS_LOUNGE' | 'COMMUNITY_PREMISES';
export type FacilityWorkKind = 'NEW_BUILD' | 'UPGRADE' | 'IMPROVEMENT' | 'DESIGN' | 'HANDOVER';
export type FacilityWorkStatus = 'STARTED' | 'COMPLETED' | 'ACCEPTED';
export type FundingSource = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY_FUND' | 'CROWDFUNDING' | 'DONATION' | 'OTHER';

/**
 * A community service facility (党群服务中心, 社区服务综合体, 居民会客厅, 社区用房) of one community. Its
 * number (设施编号) is the district's own: the id is "<district>:<number>". The star level is the
 * current one, rated against the district's standard on `starRatedOn`; ratings it replaced are kept
 * (FacilityEarlierRating) and counted on their days.
 */
@Entity({ tableName: 'facility' })
@Unique({ properties: ['districtCode', 'number'] })
export class Facility extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 设施编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 30 })
  kind!: FacilityKind;

  /** 星级 1–5; null: not rated */
  @Property({ type: 'smallint', nullable: true })
  starLevel?: number | null;

  @Property({ type: 'date', nullable: true })
  starRatedOn?: string | null;

  /** 建筑面积, square metres */
  @Property({ type: 'decimal', precision: 10, scale: 2, nullable: true })
  area?: string | null;

  /** 功能室, as the community names them, separated by 、 */
  @Property({ type: 'text', nullable: true })
  rooms?: string | null;

  /** 投用日期; null: in use before the ledgers began */
  @Property({ type: 'date', nullable: true })
  openedOn?: string | null;

  /** 停用日期 */
  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}

/**
 * A rating a later one replaced (rateCommunityFacility): the facility held `starLevel` from `ratedOn`
 * up to `replacedOn` (exclusive), so the star figures of an earlier day count the rating of that day.
 * The current rating stays on the facility, where the ledger and corrections change it.
 */
@Entity({ tableName: 'facility_earlier_rating' })
export class FacilityEarlierRating {
  @PrimaryKey({ type: 'string', length: 40 })
  facilityId!: string;

  @PrimaryKey({ type: 'date' })
  ratedOn!: string;

  @Property({ type: 'smallint' })
  starLevel!: number;

  @Property({ type: 'date' })
  replacedOn!: string;
}

/**
 * A building work on a facility (新建, 升级改造, 功能完善, 设计定稿, 交接): started → completed → accepted,
 * each on its day, with its funding and source. Numbers are the district's own.
 */
@Entity({ tableName: 'facility_work' })
@Unique({ properties: ['districtCode', 'number'] })
export class FacilityWork extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 项目编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  facilityId!: string;

  /** the facility's community, kept with the work so figures and lists place it without a join */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: FacilityWorkKind;

  @Property({ type: 'text' })
  content!: string;

  /** 新增或优化的功能室, separated by 、 */
  @Property({ type: 'text', nullable: true })
  rooms?: string | null;

  @Index()
  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  acceptedOn?: string | null;

  @Property({ type: 'string', length: 12 })
  status!: FacilityWorkStatus;

  /** 资金, yuan */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  funding?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  fundingSource?: FundingSource | null;
}
