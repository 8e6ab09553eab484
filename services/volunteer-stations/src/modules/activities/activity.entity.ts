import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** 一老、一小、一新 (elderly, children, new employment groups) and everyone else. */
export const TARGET_GROUP_LABEL: Record<string, TargetGroup> = { 一老: 'ELDERLY', 一小: 'CHILDREN', 一新: 'NEW_GROUPS', 其他: 'OTHER' };
export type TargetGroup = 'ELDERLY' | 'CHILDREN' | 'NEW_GROUPS' | 'OTHER';

/** A volunteer activity held by a station. */
@Entity({ tableName: 'activity' })
@Index({ properties: ['communityCode', 'heldOn'] })
export class Activity {
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 20 })
  stationCode!: string;

  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'text' })
  category!: string;

  @Property({ type: 'string', length: 12 })
  targetGroup!: TargetGroup;

  /** 服务人次: people served, as the station counted them */
  @Property({ type: 'integer', nullable: true })
  personTimes?: number | null;
}

/** One volunteer's hours at one activity: one record per volunteer and activity. */
@Entity({ tableName: 'service_record' })
export class ServiceRecord {
  @PrimaryKey({ type: 'string', length: 20 })
  activityCode!: string;

  /** indexed on its own too: a volunteer's hours are looked up without the activity */
  @Index()
  @PrimaryKey({ type: 'string', length: 20 })
  volunteerCode!: string;

  /** more than 0, at most 24 */
  @Property({ type: 'decimal', precision: 5, scale: 2, runtimeType: 'number' })
  hours!: number;
}

export const MAX_HOURS = 24;
