import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { VolunteerCategoryKind } from '../../generated/graphql';

export type TargetGroup = 'ELDERLY' | 'CHILDREN' | 'NEW_GROUPS' | 'OTHER';

/** A volunteer activity held by a station. The activity number (活动编号) is the district's own. */
@Entity({ tableName: 'activity' })
@Unique({ properties: ['districtCode', 'number'] })
// a node's activities of a window from the index alone, with the id its hours are joined by
@Index({ properties: ['communityCode', 'heldOn', 'id'] })
export class Activity extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 活动编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  /** the station's community */
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'text' })
  category!: string;

  /** the kind of service, derived from `category` (categories.ts) so figures can take a few kinds */
  @Property({ type: 'string', length: 20 })
  categoryKind: VolunteerCategoryKind = 'OTHER';

  @Property({ type: 'string', length: 12 })
  targetGroup!: TargetGroup;

  /** 服务人次: people served, as the station counted them */
  @Property({ type: 'integer', nullable: true })
  personTimes?: number | null;
}

/** One volunteer's hours at one activity: one record per volunteer and activity, both of one district. */
@Entity({ tableName: 'service_record' })
// hours and distinct volunteers of a node's activities from this index alone: with the heap to visit
// per activity, the planner preferred a parallel scan of every district's activities at 100 districts
@Index({
  name: 'service_record_activity_figures_index',
  expression: `create index "service_record_activity_figures_index" on "service_record" ("activity_id") include ("volunteer_id", "hours")`,
})
export class ServiceRecord extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  activityId!: string;

  /** indexed on its own too: a volunteer's hours are looked up without the activity */
  @Index()
  @PrimaryKey({ type: 'string', length: 40 })
  volunteerId!: string;

  /** more than 0, at most 24 */
  @Property({ type: 'decimal', precision: 5, scale: 2, runtimeType: 'number' })
  hours!: number;
}

/** The most hours one volunteer can serve at one activity. */
export const MAX_HOURS = 24;
