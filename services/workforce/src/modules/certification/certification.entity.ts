import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';

export type SocialWorkLevel = 'ASSISTANT' | 'INTERMEDIATE' | 'SENIOR';
/** PENDING: registered through the API, the result not yet recorded (the ledger always has one) */
export type ExamResult = 'PASSED' | 'FAILED' | 'ABSENT' | 'PENDING';

/**
 * A social-worker certificate, by its national certificate number. The ledger names the holder's
 * work unit, not a region: `regionCode` is the node that unit is (a community's residents'
 * committee, a street office) or the district's node for district bodies, schools and companies.
 */
@Entity({ tableName: 'certificate' })
export class Certificate extends LedgerRecord {
  /** 证书编号 */
  @PrimaryKey({ type: 'string', length: 30 })
  id!: string;

  /** the district whose ledger recorded it: another district's ledger may not change it */
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Index()
  @Property({ type: 'bigint' })
  personId!: string;

  @Property({ type: 'text', nullable: true })
  workUnit?: string | null;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string', length: 12 })
  level!: SocialWorkLevel;

  @Property({ type: 'date' })
  obtainedOn!: string;
}

/** A registration for the yearly social-worker exam: one per person and exam year. */
@Entity({ tableName: 'exam_registration' })
@Unique({ properties: ['examYear', 'personId'] })
export class ExamRegistration extends LedgerRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'integer' })
  examYear!: number;

  @Index()
  @Property({ type: 'bigint' })
  personId!: string;

  @Property({ type: 'text', nullable: true })
  workUnit?: string | null;

  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  @Property({ type: 'string', length: 12 })
  level!: SocialWorkLevel;

  @Property({ type: 'string', length: 10 })
  result!: ExamResult;
}
