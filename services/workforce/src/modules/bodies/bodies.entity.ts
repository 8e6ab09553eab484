import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type WorkingBodyKind = 'JOINT_CONFERENCE' | 'LEADING_GROUP' | 'TASK_FORCE' | 'GUIDANCE_CENTRE' | 'DELIBERATION_HALL' | 'ALLIANCE';
export type BodyRotation = 'FIXED' | 'PER_MEETING' | 'MONTHLY' | 'QUARTERLY';
export type JointEventKind = 'PLENARY' | 'JOINT_MEETING' | 'SALON' | 'JOINT_ACTIVITY';

/**
 * The places a body or event counts at: its own node and every region it names, each once. A
 * figure or list reads a record at a node when one of them lies under it, and counts it once there.
 */
export const placesOf = (...codes: (string | null | undefined | string[])[]): string[] => [
  ...new Set(codes.flat().filter((c): c is string => !!c)),
];

/** Communities among a list of region codes (a community's code does not end in 000). */
export const communitiesAmong = (codes: string[]): number => codes.filter((c) => !c.endsWith('000')).length;

/**
 * A working body (工作机构): a joint conference (联席会议), leading group (领导小组), task force (工作专班),
 * guidance centre (指导中心), deliberation hall (议事厅) or alliance (联盟), set up by the district, a
 * street or a community (`regionCode`) on a day and in place until it is dissolved (`dissolvedOn`,
 * exclusive). A cross-community mechanism names its member communities; a guidance centre its seat.
 * How a meeting's host rotates is `rotation`: each meeting (JointEvent) records its own host.
 */
@Entity({ tableName: 'working_body' })
@Unique({ properties: ['districtCode', 'number'] })
export class WorkingBody extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 机构编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  /** 设立单位: the node that set it up */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string', length: 20 })
  kind!: WorkingBodyKind;

  @Property({ type: 'text' })
  name!: string;

  /** 所在社区: where it sits (a street's guidance centre in one of its communities) */
  @Property({ type: 'string', length: 12, nullable: true })
  seatCode?: string | null;

  /** 成员社区: the communities of a cross-community mechanism */
  @Property({ type: 'text[]', default: '{}' })
  memberRegions: string[] = [];

  /** 轮值方式 */
  @Property({ type: 'string', length: 12, default: 'FIXED' })
  rotation: BodyRotation = 'FIXED';

  /** 主要职责 */
  @Property({ type: 'text', nullable: true })
  duties?: string | null;

  @Index()
  @Property({ type: 'date' })
  establishedOn!: string;

  @Property({ type: 'date', nullable: true })
  dissolvedOn?: string | null;

  /** the setting-up node, seat and member regions, each once (placesOf) */
  @Property({ type: 'text[]' })
  places!: string[];
}

/**
 * A member of a working body from a day until a day (exclusive): a member unit (成员单位: 区民政局 …)
 * and/or a worker, with its role (组长, 成员单位 …) and its duty (职责).
 */
@Entity({ tableName: 'working_body_member' })
export class WorkingBodyMember extends LedgerRecord {
  /** "<body id>:<member number>" */
  @PrimaryKey({ type: 'string', length: 50 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  bodyId!: string;

  /** 成员序号 within the body */
  @Property({ type: 'smallint' })
  seq!: number;

  /** the body's setting-up node (where the member's record sits) */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  /** 成员单位 */
  @Property({ type: 'text', nullable: true })
  unitName?: string | null;

  /** 社工: a worker's global id */
  @Property({ type: 'string', length: 40, nullable: true })
  workerId?: string | null;

  /** 职务 (组长, 副组长, 成员, 牵头单位 …) */
  @Property({ type: 'text', nullable: true })
  role?: string | null;

  /** 职责 */
  @Property({ type: 'text', nullable: true })
  duty?: string | null;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;
}

/**
 * A meeting or activity held by one or more nodes together (全体会议, 联席会议, 主题沙龙, 联合活动): one
 * record however many communities took part. It counts once at every node its host or any
 * participant lies under.
 */
@Entity({ tableName: 'joint_event' })
@Unique({ properties: ['districtCode', 'number'] })
export class JointEvent extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 活动编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'string', length: 20 })
  kind!: JointEventKind;

  /** 所属工作机构 */
  @Index()
  @Property({ type: 'string', length: 40, nullable: true })
  bodyId?: string | null;

  /** 主办单位 */
  @Index()
  @Property({ type: 'string', length: 12 })
  hostCode!: string;

  /** 参与单位 (≥1) */
  @Property({ type: 'text[]' })
  participants!: string[];

  /** communities among the participants: a joint event of communities has two or more */
  @Property({ type: 'smallint' })
  communities!: number;

  @Index()
  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'text' })
  title!: string;

  /** 研讨议题 */
  @Property({ type: 'text[]', default: '{}' })
  topics: string[] = [];

  /** 联动处置共性难题（个） */
  @Property({ type: 'integer', default: 0 })
  problemsResolved: number = 0;

  /** 出席企业（家） */
  @Property({ type: 'integer', default: 0 })
  enterprises: number = 0;

  /** 出席社会组织（家） */
  @Property({ type: 'integer', default: 0 })
  organizations: number = 0;

  /** 参与人次 */
  @Property({ type: 'integer', default: 0 })
  personTimes: number = 0;

  /** 节约成本（元） */
  @Property({ type: 'integer', default: 0 })
  costSaved: number = 0;

  /** host and participants, each once (placesOf) */
  @Property({ type: 'text[]' })
  places!: string[];
}
