import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

/**
 * A call for volunteers (志愿者招募) published by a station for one of its projects or activities
 * (or for the station's work in general): places wanted, then how many signed up and were taken on.
 * The recruitment number (招募编号) is the district's own; the row sits at the station's community.
 */
@Entity({ tableName: 'volunteer_recruitment' })
@Unique({ properties: ['districtCode', 'number'] })
@Index({ properties: ['communityCode', 'publishedOn'] })
export class VolunteerRecruitment extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 招募编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  /** the station's community, kept on the row */
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** the project recruited for (a volunteer_project id of the same district), if any */
  @Property({ type: 'string', length: 40, nullable: true })
  projectId?: string | null;

  /** the activity recruited for (an activity id of the same district), if any */
  @Property({ type: 'string', length: 40, nullable: true })
  activityId?: string | null;

  /** 招募主题 */
  @Property({ type: 'text' })
  title!: string;

  /** 发布日期 */
  @Property({ type: 'date' })
  publishedOn!: string;

  /** 招募人数: places wanted */
  @Property({ type: 'integer' })
  places!: number;

  /** 报名人数: volunteers who signed up (null until counted) */
  @Property({ type: 'integer', nullable: true })
  signedUp?: number | null;

  /** 录用人数: volunteers taken on, at most those who signed up (null until decided) */
  @Property({ type: 'integer', nullable: true })
  accepted?: number | null;
}

/** A training session for volunteers (志愿者培训) held by a station: its day, topic and person-times. */
@Entity({ tableName: 'volunteer_training' })
@Unique({ properties: ['districtCode', 'number'] })
@Index({ properties: ['communityCode', 'heldOn'] })
export class VolunteerTraining extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 培训编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  /** the station's community, kept on the row */
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  /** 培训日期 */
  @Property({ type: 'date' })
  heldOn!: string;

  /** 培训主题 */
  @Property({ type: 'text' })
  topic!: string;

  /** 培训人次: volunteers trained, counted per session */
  @Property({ type: 'integer' })
  personTimes!: number;
}
