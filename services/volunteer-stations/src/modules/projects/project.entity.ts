import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type VolunteerProjectField =
  'ELDERLY' | 'CHILDREN' | 'CIVILIZATION' | 'ENVIRONMENT' | 'NEW_EMPLOYMENT' | 'COMMUNITY_SERVICE' | 'OTHER';

/**
 * A named volunteer service project (志愿服务项目, e.g. “车轮上的守护者”), run by a station over a
 * time: distinct from its single activities. Awards and brands it wins are recognitions of the
 * workforce subgraph (holder type VOLUNTEER_PROJECT, holder id this project's id).
 */
@Entity({ tableName: 'volunteer_project' })
@Unique({ properties: ['districtCode', 'number'] })
export class VolunteerProject extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 项目编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  stationId!: string;

  /** the station's community, kept on the row */
  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  field!: VolunteerProjectField;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Index()
  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date', nullable: true })
  endedOn?: string | null;
}
