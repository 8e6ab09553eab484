import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const SOURCES = ['TOWNSHIP_CADRE', 'PARTY_WORKER', 'RETIRED_CADRE'] as const;
export type Source = (typeof SOURCES)[number];
export const CONTACT_KINDS = ['WEEKLY_CONTACT', 'MONTHLY_VISIT', 'QUARTERLY_REPORT'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const PROBLEM_CATEGORIES = ['TECHNOLOGY', 'STAFFING', 'FINANCING', 'POLICY', 'OTHER'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** A Party-building instructor (党建工作指导员). Name, ID number and phone are personal data. */
@Entity({ tableName: 'party_instructor' })
export class Instructor {
  /** 指导员编号 */
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 16 })
  source!: Source;

  /** 派驻日期 */
  @Property({ type: 'date' })
  dispatchedOn!: string;

  /** instructors are dispatched by the district unless a street keeps its own */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/** One contact of the 周联系、月走访、季汇报 rhythm, with the problem it found and whether it was solved. */
@Entity({ tableName: 'instructor_contact' })
export class InstructorContact {
  /** 记录编号 */
  @PrimaryKey({ type: 'string', length: 20 })
  code!: string;

  @Index()
  @Property({ type: 'string', length: 20 })
  instructorCode!: string;

  @Index()
  @Property({ type: 'string', length: 18 })
  creditCode!: string;

  @Index()
  @Property({ type: 'date' })
  contactedOn!: string;

  @Property({ type: 'string', length: 20 })
  kind!: ContactKind;

  @Property({ type: 'text', nullable: true })
  problem?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  problemCategory?: ProblemCategory | null;

  /** null when no problem was found */
  @Property({ type: 'boolean', nullable: true })
  solved?: boolean | null;

  /** the ledger has no solving date: a problem marked solved there counts on its contact's day */
  @Index()
  @Property({ type: 'date', nullable: true })
  solvedOn?: string | null;

  /** the organisation's region, so contacts roll up the region tree */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}
