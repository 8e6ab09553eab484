import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type SocialWorkLevel = 'ASSISTANT' | 'INTERMEDIATE' | 'SENIOR';
export type ExamResult = 'PASSED' | 'FAILED' | 'ABSENT';

/**
 * A social-worker certificate. The ledger names the holder's work unit, not a region: `regionCode`
 * is the node that unit is (a community's residents' committee, a street office) or the district
 * for district bodies, schools and companies, so holders roll up the tree like everything else.
 */
@Entity({ tableName: 'certificate' })
export class Certificate {
  /** 证书编号 */
  @PrimaryKey({ type: 'string', length: 30 })
  id!: string;

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
export class ExamRegistration {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

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
