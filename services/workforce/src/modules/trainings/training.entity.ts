import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type TrainingType = 'SYSTEM_TRAINING' | 'SECRETARY_SALON' | 'PRACTICE_DRILL' | 'CERTIFICATION_COACHING' | 'SKILLS_CONTEST';
export type TrainingAudience = 'COMMUNITY_WORKERS' | 'GRID_WORKERS' | 'ALL_WORKERS' | 'PROPERTY_STAFF';
/** Audiences who are not workers: no attendance by worker, a headcount (参训人次) on the session instead. */
export const HEADCOUNT_AUDIENCES: readonly TrainingAudience[] = ['PROPERTY_STAFF'];
export type AttendanceStatus = 'PRESENT' | 'ABSENT';

/** A training session for community and grid workers; its number is the district's own. */
@Entity({ tableName: 'training' })
@Unique({ properties: ['districtCode', 'number'] })
export class Training extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 培训编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Property({ type: 'text' })
  name!: string;

  /**
   * 培训项目: the named programme a session belongs to (菁训营, 书记擂台 …). Offices run a programme
   * as a series of sessions under one name year after year, and report it by that name.
   */
  @Index()
  @Property({ type: 'text', nullable: true })
  programme?: string | null;

  @Property({ type: 'string', length: 30 })
  type!: TrainingType;

  @Index()
  @Property({ type: 'date' })
  startOn!: string;

  @Property({ type: 'date', nullable: true })
  endOn?: string | null;

  @Property({ type: 'text', nullable: true })
  organiser?: string | null;

  /**
   * The office that organised it (主办): a street's or community's node, or the district's. Imports
   * place the organiser's name among the district's nodes like a work unit (work-unit.ts); trainings
   * organised by an office are counted there (trainingsOrganised), apart from trainings its workers
   * attended (trainingSessions).
   */
  @Index()
  @Property({ type: 'string', length: 12 })
  organiserCode!: string;

  @Property({ type: 'string', length: 20 })
  audience!: TrainingAudience;

  /**
   * 参训人次 as the organiser counted them, for audiences who are not workers (物业服务人员): they
   * sign no worker attendance, so the session carries the headcount. Null for worker audiences,
   * whose person-times come from attendance.
   */
  @Property({ type: 'integer', nullable: true })
  participants?: number | null;
}

/**
 * One worker at one session. The ledger sometimes holds both a present and an absent row for the
 * same worker and session (two sign-in sheets); both are kept as written, and person-times count a
 * worker once per session when any row says present. `communityCode` is where the worker served
 * when attending, so a later move keeps history in place.
 */
@Entity({ tableName: 'training_attendance' })
@Unique({ properties: ['trainingId', 'workerId', 'status'] })
export class TrainingAttendance extends LedgerRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  trainingId!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  workerId!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityCode!: string;

  @Property({ type: 'string', length: 10 })
  status!: AttendanceStatus;
}
