import { Entity, type Opt, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LedgerRecord } from '@district/subgraph-kit';
import type { PersonColumns } from '@district/common';

/**
 * One person across a district's ledgers, found by ID number: a worker, a certificate holder and an
 * exam registrant can be the same person. Each district keeps its own record of a person (an import
 * never changes another district's rows). Rows elsewhere point at the surrogate id, never at the ID
 * number, so the ID number lives in one place and leaves the API only through @personal fields.
 */
@Entity({ tableName: 'person' })
@Unique({ properties: ['districtCode', 'idNumber'] })
export class Person extends LedgerRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone?: string | null;

  /** the person id across the graph: the keyed hash of the ID number (@district/common persons.ts) */
  @Index()
  @Property({ type: 'string', length: 64, nullable: true })
  personHash?: string | null;

  /**
   * 出生年份, derived by the database from the ID number (GB 11643: digits 7–10 of the 18-digit form)
   * (Migration20261220000400_TalentPool): figures filter birth cohorts on it in SQL, so no query parses
   * an ID number. Mapped only so the schema generator knows it; never written.
   */
  @Property({
    type: 'smallint',
    nullable: true,
    lazy: true,
    generated: `(
CASE
    WHEN ((id_number)::text ~ '^\\d{17}[\\dX]$'::text) THEN (SUBSTRING(id_number FROM 7 FOR 4))::smallint
    ELSE NULL::smallint
END) stored`,
  })
  birthYear?: Opt<number | null>;
}

/** Where this subgraph keeps ID numbers and the person ids beside them (start-up fills and re-keys them). */
export const PERSON_IDS: PersonColumns = { table: 'person', idNumber: 'id_number', personId: 'person_hash' };
