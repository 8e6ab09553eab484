import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { PersonColumns } from '@district/common';

export type Source = 'TOWNSHIP_CADRE' | 'PARTY_WORKER' | 'RETIRED_CADRE';
export type ContactKind = 'WEEKLY_CONTACT' | 'MONTHLY_VISIT' | 'QUARTERLY_REPORT';
export type ProblemCategory = 'TECHNOLOGY' | 'STAFFING' | 'FINANCING' | 'POLICY' | 'OTHER';

/**
 * A Party-building instructor (党建工作指导员), dispatched by a district: the number (指导员编号) is
 * the district's own, the id "<district>:<number>", and the instructor sits at the district's node.
 * Name, ID number and phone are personal data.
 */
@Entity({ tableName: 'party_instructor' })
@Unique({ properties: ['districtCode', 'number'] })
export class Instructor extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 指导员编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

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

  /** the district's node: instructors are the district's own */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;
}

/**
 * One contact of the 周联系、月走访、季汇报 rhythm, with the problem it found and whether it was
 * solved. Its record number (记录编号, ZF…) is the district's own.
 */
@Entity({ tableName: 'instructor_contact' })
@Unique({ properties: ['districtCode', 'number'] })
export class InstructorContact extends LedgerRecord {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  /** 记录编号 */
  @Property({ type: 'string', length: 30 })
  number!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  instructorId!: string;

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

  /** the organization's region, so contacts roll up the region tree */
  @Index()
  @Property({ type: 'string', length: 12 })
  regionCode!: string;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const INSTRUCTOR_PERSON_IDS: PersonColumns = { table: 'party_instructor', idNumber: 'id_number', personId: 'person_hash' };
